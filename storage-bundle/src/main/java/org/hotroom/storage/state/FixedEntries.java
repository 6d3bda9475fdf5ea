package org.hotroom.storage.state;

import java.nio.ByteBuffer;
import org.hotroom.storage.Bytes;

/**
 * The baselines' entry format: a sorted run of 16-byte entries, {@code packed key (8) | event (8)},
 * big-endian. This is the encoding Dendrite's state blocks and Synapse's state groups would have if
 * they stored their three numeric columns as plainly as possible (Synapse really stores the type,
 * state key and event ID as text; Dendrite's blocks int64 arrays), so the comparison with {@link
 * KeyHistoryStateStore} measures the structures, not a handicap in encoding.
 */
final class FixedEntries {

    static final int ENTRY = 16;

    private FixedEntries() {}

    static void write(StateMap m, byte[] out, int at) {
        for (int i = 0; i < m.size(); i++) {
            Bytes.putLongBE(out, at + i * ENTRY, m.key(i));
            Bytes.putLongBE(out, at + i * ENTRY + 8, m.event(i));
        }
    }

    /** Decodes {@code n} entries starting at absolute index {@code at} of {@code b}. */
    static StateMap read(ByteBuffer b, int at, int n) {
        long[] k = new long[n];
        long[] e = new long[n];
        for (int i = 0; i < n; i++) {
            k[i] = b.getLong(at + i * ENTRY);
            e[i] = b.getLong(at + i * ENTRY + 8);
        }
        return StateMap.of(k, e, n);
    }

    /** Binary search in place: the entry's index, or -1. */
    static int find(ByteBuffer b, int at, int n, long key) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = b.getLong(at + mid * ENTRY);
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    static long event(ByteBuffer b, int at, int i) {
        return b.getLong(at + i * ENTRY + 8);
    }

    /** A 64-bit content hash (FNV-1a over 8-byte words, then a final mix), for deduplication. */
    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            h ^= Bytes.getLongBE(bytes, i);
            h *= 0x100000001b3L;
            h ^= h >>> 29;
        }
        for (; i < bytes.length; i++) {
            h ^= bytes[i] & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
