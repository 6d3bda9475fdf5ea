package org.hotroom.storage.state;

/**
 * A state key {@code (type ID, state key ID)} packed into one long: {@code type << 32 | stateKey}.
 *
 * <p>Widths: type IDs fit in 31 bits and state key IDs in 32 (the interner guarantees both), so a
 * packed key is a non-negative long and signed comparison of packed keys is exactly the order
 * (type, stateKey). A few hundred event types and a few hundred million state keys (mostly user
 * IDs) are far inside those ranges, while packing makes a state a plain sorted {@code long[]}.
 * Event IDs get the full 63 bits: a busy server sees billions of events over the years.
 */
public final class StateKeys {

    public static final long MAX_TYPE = Integer.MAX_VALUE;
    public static final long MAX_STATE_KEY = 0xFFFF_FFFFL;

    private StateKeys() {}

    public static long pack(long type, long stateKey) {
        if (type <= 0 || type > MAX_TYPE) {
            throw new IllegalArgumentException("event type ID out of range: " + type);
        }
        if (stateKey <= 0 || stateKey > MAX_STATE_KEY) {
            throw new IllegalArgumentException("state key ID out of range: " + stateKey);
        }
        return type << 32 | stateKey;
    }

    public static long type(long key) {
        return key >>> 32;
    }

    public static long stateKey(long key) {
        return key & MAX_STATE_KEY;
    }

    /** The smallest packed key of a type. */
    public static long first(long type) {
        return type << 32;
    }

    public static String toString(long key) {
        return "(" + type(key) + "," + stateKey(key) + ")";
    }
}
