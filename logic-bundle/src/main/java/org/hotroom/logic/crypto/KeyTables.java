package org.hotroom.logic.crypto;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded memo of fixed-base tables of public keys ({@link Edwards25519#table}), by key bytes.
 *
 * <p>A key's table is built on its {@link #BUILD_AT}th signature. Building one costs about four
 * checks and saves about a third of a check on every later one, so it pays for itself after
 * about ten; building after eight uses (the ski-rental rule: rent until the rent paid equals the
 * price) keeps a key's cost within about twice the best choice made knowing its future, and
 * keeps servers with two or three events in a large room's {@code send_join} answer from
 * filling the memo with tables that never pay off. At most {@code capacity} keys are
 * remembered, tables and use counts together, give or take the number of threads
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

    /** The signature on which a key gets its table when libsodium checks the ones before. */
    static final int BUILD_AT = 8;

    /** Marks a key that is not a point; a key without a table maps to its use count (Integer). */
    private static final Object NOT_A_POINT = new Object();

    private final int capacity;
    /** The use on which a key gets its table; 1 when nothing else may check a signature. */
    private final int buildAt;
    private final ConcurrentHashMap<Key, Object> entries = new ConcurrentHashMap<>();

    KeyTables(int capacity, int buildAt) {
        if (capacity < 1 || buildAt < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ", build at " + buildAt);
        }
        this.capacity = capacity;
        this.buildAt = buildAt;
    }

    /** What {@link #lookup} found. */
    enum Kind { COLD, TABLE, NOT_A_POINT }

    /** The outcome of a lookup: the table when there is one. */
    record Found(Kind kind, long[] table) {}

    private static final Found COLD = new Found(Kind.COLD, null);
    private static final Found INVALID = new Found(Kind.NOT_A_POINT, null);

    /**
     * The table of -A for the (canonical, not small-order) public key {@code a}, building it if the
     * key has been used {@code buildAt - 1} times before; {@code COLD} (and one more use counted)
     * until then.
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
        int used = e == null ? 0 : (Integer) e;
        if (used + 1 < buildAt) {
            boolean counted;
            if (e == null) {
                makeRoom();
                counted = entries.putIfAbsent(key, 1) == null;
            } else {
                counted = entries.replace(key, e, used + 1);
            }
            return counted ? COLD : lookup(a); // another thread changed the entry: look again
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

    /** True if the key has its table (counts no use). */
    boolean hasTable(byte[] a) {
        return entries.get(new Key(a)) instanceof long[];
    }

    /** How many keys are remembered (with a table or not). */
    int size() {
        return entries.size();
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
