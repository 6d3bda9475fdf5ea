package org.hotroom.storage;

import java.nio.ByteBuffer;

/**
 * One step's raw access to the {@link Db databases}: reads see the step's snapshot plus the step's
 * own writes, writes are buffered and reach LMDB in the step's commit, all or nothing (as for the
 * key-value tables; see {@link LmdbStepScope}). The interner, the event index and the state-store
 * strategies are written against this interface and nothing else, which is what lets them run
 * inside a step, in tests, and in the benchmark alike.
 *
 * <p><b>Views.</b> Values are returned as read-only {@link ByteBuffer} views, zero-copy into LMDB's
 * memory map for committed data. A view stays valid until the step takes the writer lock, commits
 * or closes (the snapshot it points into is released then); so code that reads and then writes
 * calls {@link #beginWrite()} before reading. Views start at their {@code position()} and end at
 * their {@code limit()}; callers may change a view's position, limit and byte order.
 *
 * <p>Keys are byte arrays of 1..{@value #MAX_KEY} bytes, compared as unsigned bytes. A {@code
 * prefixLength} argument restricts a search to keys that share their first bytes with the given
 * key, so a search never runs into another room's or table's records.
 *
 * <p>Not thread-safe: a step's scope is used by one thread at a time.
 */
public interface Tx {

    /** LMDB's default maximum key size. */
    int MAX_KEY = 511;

    /** Takes the writer lock (idempotent). Reads from then on see the latest committed data. */
    void beginWrite();

    /** The value of a key, or null. */
    ByteBuffer get(Db db, byte[] key);

    /** Whether the value {@link #get} returns for this key comes from this step's own writes. */
    boolean pending(Db db, byte[] key);

    /** Buffers a write (takes the writer lock if not held). The arrays must not change afterwards. */
    void put(Db db, byte[] key, byte[] value);

    /** Buffers a delete (takes the writer lock if not held). */
    void delete(Db db, byte[] key);

    /** The entry with the greatest key {@code <= key} among keys sharing {@code key}'s first {@code prefixLength} bytes. */
    Entry floor(Db db, byte[] key, int prefixLength);

    /** The entry with the smallest key {@code > key} among keys sharing {@code key}'s first {@code prefixLength} bytes. */
    Entry higher(Db db, byte[] key, int prefixLength);

    /** Visits entries with {@code from <= key < to} ({@code to} null: to the end) in order, until the visitor returns false. */
    void scan(Db db, byte[] from, byte[] to, Visitor visitor);

    /**
     * Visits entries with {@code lowest <= key < below} ({@code lowest} null: to the first key) in
     * decreasing key order, until the visitor returns false. The mirror of {@link #scan}, for walks
     * that go backwards (a room's timeline, say).
     */
    void scanDown(Db db, byte[] below, byte[] lowest, Visitor visitor);

    /**
     * Runs {@code action} after this step committed successfully (never if it fails). For caches
     * that may only learn what is durable. Actions must be quick and must not throw.
     */
    void afterCommit(Runnable action);

    /**
     * Runs {@code action} inside this step's commit, after the writer lock is held and just before
     * the writes reach LMDB; never if the step has nothing to commit. For in-memory structures that
     * may over-approximate what is stored but must never miss it (the event filter): they learn
     * before the data becomes visible to any reader, so no reader finds stored data they do not
     * know. If the LMDB commit then fails, they know a little too much, which they tolerate. An
     * action that throws fails the commit and nothing is written.
     */
    void beforeCommit(Runnable action);

    /** A key and a read-only view of its value. */
    record Entry(byte[] key, ByteBuffer value) {}

    @FunctionalInterface
    interface Visitor {
        /** Return false to stop. The key is a copy; the value a view (see the class comment). */
        boolean visit(byte[] key, ByteBuffer value);
    }
}
