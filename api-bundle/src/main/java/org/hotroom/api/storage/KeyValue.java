package org.hotroom.api.storage;

/**
 * Small keyed records in named tables, ordered by key bytes (unsigned lexicographic). Table names
 * are short ASCII words chosen by the logic; keys are at most 400 bytes.
 */
public interface KeyValue {

    /** The value, or null. */
    byte[] get(String table, byte[] key);

    void put(String table, byte[] key, byte[] value);

    /** Returns whether the key was present. */
    boolean delete(String table, byte[] key);

    /**
     * Visits entries with {@code key >= from}, in key order, until the visitor returns false or the
     * table ends.
     */
    void scan(String table, byte[] from, Visitor visitor);

    @FunctionalInterface
    interface Visitor {
        /** Return false to stop. The arrays are copies the visitor may keep. */
        boolean visit(byte[] key, byte[] value);
    }
}
