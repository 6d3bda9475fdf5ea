package org.hotroom.storage.state;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fixed-width bit fields, least significant bit first, little-endian bytes: the column format of
 * history chunks. Field {@code i} of a column of width {@code w} starting at bit {@code base} is
 * at bit {@code base + i * w}, so any field is read in O(1) without decoding its neighbours.
 */
final class Bits {

    private Bits() {}

    /**
     * Reads {@code w} (0..64) bits at bit {@code bitPos} of the bytes starting at absolute index
     * {@code start} of {@code b}; {@code b}'s limit ends the data. {@code b} must be little-endian.
     */
    static long read(ByteBuffer b, int start, long bitPos, int w) {
        if (w == 0) {
            return 0;
        }
        int i = start + (int) (bitPos >>> 3);
        int s = (int) (bitPos & 7);
        long v;
        if (i + 8 <= b.limit()) {
            v = b.getLong(i) >>> s;
            if (s + w > 64) {
                v |= (b.get(i + 8) & 0xFFL) << (64 - s);
            }
        } else {
            v = 0;
            int n = b.limit() - i;
            for (int k = 0; k < n; k++) {
                v |= (b.get(i + k) & 0xFFL) << (8 * k);
            }
            v >>>= s;
        }
        return w == 64 ? v : v & ((1L << w) - 1);
    }

    /** Appends fixed-width fields. */
    static final class Writer {
        private long[] words = new long[16];
        private long bits;

        void write(long v, int w) {
            if (w == 0) {
                return;
            }
            if (w < 64 && (v >>> w) != 0) {
                throw new IllegalArgumentException(v + " does not fit in " + w + " bits");
            }
            int word = (int) (bits >>> 6);
            int s = (int) (bits & 63);
            if (word + 1 >= words.length) {
                words = Arrays.copyOf(words, words.length * 2 + 2);
            }
            words[word] |= v << s;
            if (s + w > 64) {
                words[word + 1] |= v >>> (64 - s);
            }
            bits += w;
        }

        int byteLength() {
            return (int) ((bits + 7) >>> 3);
        }

        /** Copies the bytes written into {@code out} at {@code at}. */
        void copyTo(byte[] out, int at) {
            int n = byteLength();
            for (int i = 0; i < n; i++) {
                out[at + i] = (byte) (words[i >>> 3] >>> ((i & 7) * 8));
            }
        }
    }
}
