package org.hotroom.logic.crypto;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded memo of fixed-base tables of public keys ({@link Edwards25519#table}), by key bytes.
 *
 * <p>A key's table is built the second time the key is seen: a key used once (most of a large
 * room's servers sign only their own members' joins, but some sign one event) is checked without
 * one, and a key used again pays for its table within a few checks. At most {@link #capacity}
 * keys are remembered, tables and first sightings together, give or take the number of threads
 * checking at that moment (each checks the size and then adds); past that, arbitrary entries are
 * dropped (the map's iteration order, not the least recently used), which costs a rebuild if
 * their key comes back.
 *
 * <p>This is the logic's one memo across calls (docs/DESIGN.md): a table is a pure function of
 * the key's 32 bytes, so it never changes a result, and it is lost with the logic generation.
 * Thread-safe; two threads may build the same table at once, and either result is the same.
 */
final class KeyTables {

    /** Default bound: 1,024 keys, about 30 MiB of tables. */
    static final int DEFAULT_CAPACITY = 1024;

    /** Marks a key seen once, and a key that is not a point. */
    private static final Object SEEN_ONCE = new Object();
    private static final Object NOT_A_POINT = new Object();

    private final int capacity;
    /** True when nothing else may check a first signature: every key gets its table at once. */
    private final boolean tableOnFirstUse;
    private final ConcurrentHashMap<Key, Object> entries = new ConcurrentHashMap<>();

    KeyTables(int capacity, boolean tableOnFirstUse) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.tableOnFirstUse = tableOnFirstUse;
    }

    /** What {@link #lookup} found. */
    enum Kind { COLD, TABLE, NOT_A_POINT }

    /** The outcome of a lookup: the table when there is one. */
    record Found(Kind kind, long[] table) {}

    private static final Found COLD = new Found(Kind.COLD, null);
    private static final Found INVALID = new Found(Kind.NOT_A_POINT, null);

    /**
     * The table of -A for the (canonical, not small-order) public key {@code a}, building it if the
     * key was seen before (or always, with {@code tableOnFirstUse}); {@code COLD} the first time.
     */
    Found lookup(byte[] a) {
        Key key = new Key(a);
        Object e = entries.get(key);
        if (e instanceof long[] table) {
            return new Found(Kind.TABLE, table);
        }
        if (e == NOT_A_POINT) {
            return INVALID;
        }
        if (e == null) {
            makeRoom();
            if (!tableOnFirstUse) {
                return entries.putIfAbsent(key, SEEN_ONCE) == null ? COLD : lookup(a);
            }
        }
        long[] minusA = new long[Edwards25519.POINT];
        if (!Edwards25519.decodeNegated(minusA, a)) {
            entries.put(key, NOT_A_POINT);
            return INVALID;
        }
        long[] table = Edwards25519.table(minusA);
        entries.put(key, table);
        return new Found(Kind.TABLE, table);
    }

    /** How many keys are remembered (with a table or not). */
    int size() {
        return entries.size();
    }

    int capacity() {
        return capacity;
    }

    private void makeRoom() {
        if (entries.size() < capacity) {
            return;
        }
        Iterator<Key> it = entries.keySet().iterator();
        // drop an eighth at a time, so that a full memo is not trimmed on every new key
        int drop = Math.max(1, capacity / 8);
        while (it.hasNext() && drop-- > 0) {
            it.next();
            it.remove();
        }
    }

    /** 32 key bytes, compared by content. */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes.clone();
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
