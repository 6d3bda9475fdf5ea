package org.hotroom.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Names and keys: validation and the on-disk key layout.
 *
 * <p>All key-value tables share one LMDB database. A record of table {@code t} with key {@code k}
 * is stored under {@code ascii(t) + 0x00 + k}. Table names are printable ASCII without space
 * (0x21..0x7E), so they never contain 0x00 and the separator sorts below every name character:
 * all records of {@code "a"} form one contiguous run that ends before the first record of {@code
 * "ab"} ({@code "a\0..." < "ab\0..."}), and within a run LMDB's default order (unsigned bytes,
 * shorter prefix first) is exactly the unsigned lexicographic order of the user keys. A scan of one
 * table is therefore a cursor walk that stops at the first key without the table's prefix.
 *
 * <p>Limits: user keys at most {@value #MAX_KEY} bytes, table names at most {@value
 * #MAX_TABLE_NAME} characters, so a stored key is at most 465 bytes, under LMDB's 511. Stream
 * names live in their own database and are at most {@value #MAX_STREAM_NAME} UTF-8 bytes.
 */
final class Keys {

    static final int MAX_KEY = 400;
    static final int MAX_TABLE_NAME = 64;
    static final int MAX_STREAM_NAME = 400;
    /** Room for the longest stored key of either database. */
    static final int MAX_STORED_KEY = Math.max(MAX_TABLE_NAME + 1 + MAX_KEY, MAX_STREAM_NAME);

    private Keys() {}

    /** The table name's bytes, after checking it. */
    static byte[] table(String table) {
        Objects.requireNonNull(table, "table");
        int n = table.length();
        if (n == 0 || n > MAX_TABLE_NAME) {
            throw new IllegalArgumentException(
                    "table name must have 1.." + MAX_TABLE_NAME + " characters: \"" + table + "\"");
        }
        for (int i = 0; i < n; i++) {
            char c = table.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException(
                        "table name must be printable ASCII without spaces: \"" + table + "\"");
            }
        }
        return table.getBytes(StandardCharsets.US_ASCII);
    }

    /** Checks a user key (also used for scan bounds). */
    static byte[] key(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length > MAX_KEY) {
            throw new IllegalArgumentException(
                    "key is " + key.length + " bytes; at most " + MAX_KEY + " are allowed");
        }
        return key;
    }

    /** The stream name's bytes, after checking it. */
    static byte[] stream(String stream) {
        Objects.requireNonNull(stream, "stream");
        byte[] b = stream.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > MAX_STREAM_NAME) {
            throw new IllegalArgumentException(
                    "stream name must have 1.." + MAX_STREAM_NAME + " UTF-8 bytes: \"" + stream + "\"");
        }
        return b;
    }

    /** Writes {@code table + 0x00 + key} into {@code buf} (cleared first) and flips it. */
    static ByteBuffer stored(ByteBuffer buf, byte[] table, byte[] key) {
        buf.clear();
        buf.put(table).put((byte) 0).put(key);
        return buf.flip();
    }

    /** Writes a stream name into {@code buf} (cleared first) and flips it. */
    static ByteBuffer streamKey(ByteBuffer buf, byte[] stream) {
        buf.clear();
        buf.put(stream);
        return buf.flip();
    }

    /** Whether a stored key belongs to {@code table}. Reads absolutely; leaves the buffer as is. */
    static boolean inTable(ByteBuffer stored, byte[] table) {
        int base = stored.position();
        if (stored.remaining() <= table.length) {
            return false;
        }
        for (int i = 0; i < table.length; i++) {
            if (stored.get(base + i) != table[i]) {
                return false;
            }
        }
        return stored.get(base + table.length) == 0;
    }

    /** The user key of a stored key known to be in a table whose name has {@code tableLength} bytes. */
    static byte[] userKey(ByteBuffer stored, int tableLength) {
        int skip = tableLength + 1;
        byte[] out = new byte[stored.remaining() - skip];
        stored.get(stored.position() + skip, out);
        return out;
    }

    /** A copy of the remaining bytes of a buffer; the buffer is left as is. */
    static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(b.position(), out);
        return out;
    }

    static long decodeLong(byte[] b) {
        if (b.length != Long.BYTES) {
            throw new IllegalStateException("corrupt stream position: " + b.length + " bytes");
        }
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }

    static byte[] encodeLong(long v) {
        byte[] b = new byte[Long.BYTES];
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
