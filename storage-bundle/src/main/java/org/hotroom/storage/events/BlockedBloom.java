package org.hotroom.storage.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A Bloom filter cut into blocks of one cache line: a value sets (and a lookup tests) {@value
 * #PROBES} bits, all inside the one 512-bit block its hash picks.
 *
 * <p>Why blocked: the question it answers most is "do we have this event?" for events we do not
 * have, and a classic Bloom filter spreads a value's bits over the whole array, so a miss costs up
 * to a few cache misses of random memory; here it costs one. The price is a slightly higher false
 * positive rate for the same size (blocks fill unevenly), which a couple more bits per value pay
 * for. Cuckoo, xor or ribbon filters are smaller still but either cannot take new values or fail
 * inserts when full; a Bloom filter takes any number of values and only gets less precise, which
 * is what lets the owner ({@link EventFilter}) grow it in the background at its own pace.
 *
 * <p>Estimate: for a block with {@code p} bits set, an absent value whose hash picks that block
 * passes with probability {@code (p / 512)^PROBES}; blocks are picked uniformly, so the filter's
 * false positive rate is the mean of that over the blocks. The sum is kept up to date on every
 * add, so the estimate reflects the actual bits, not a formula over the number of values.
 *
 * <p>Concurrency: one writer at a time (the owner serializes adds), any number of readers
 * meanwhile. Words are written with release and read with acquire semantics; a reader may or may
 * not see a value that is being added, never a torn word.
 */
final class BlockedBloom {

    static final int BLOCK_BITS = 512;
    static final int PROBES = 8;
    private static final int WORDS_PER_BLOCK = BLOCK_BITS / Long.SIZE;
    /** Keeps the word array within Java's array limit: 2^37 bits, 16 GiB. */
    private static final long MAX_BLOCKS = (Integer.MAX_VALUE - 8) / WORDS_PER_BLOCK;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle LONGS_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** {@code PASS[p] = (p / 512)^PROBES}. */
    private static final double[] PASS = new double[BLOCK_BITS + 1];

    static {
        for (int p = 0; p <= BLOCK_BITS; p++) {
            PASS[p] = Math.pow((double) p / BLOCK_BITS, PROBES);
        }
    }

    private final long[] words;
    private final int blocks;
    private volatile long entries;
    /** The sum over blocks of {@code PASS[bits set]}. */
    private volatile double passSum;

    /** A filter of about {@code bitsPerValue * capacity} bits (at least one block). */
    BlockedBloom(long capacity, int bitsPerValue) {
        long bits = Math.max(1, capacity) * bitsPerValue;
        blocks = (int) Math.min(MAX_BLOCKS, Math.max(1, (bits + BLOCK_BITS - 1) / BLOCK_BITS));
        words = new long[blocks * WORDS_PER_BLOCK];
    }

    /** Adds a value by its {@link #hash}. Adds must not run concurrently; lookups may. */
    void add(long h) {
        int base = block(h) * WORDS_PER_BLOCK;
        int before = popCount(base);
        long g = spread(h);
        int after = before;
        for (int i = 0; i < PROBES; i++) {
            int pos = probe(h, g, i);
            int w = base + (pos >>> 6);
            long bit = 1L << pos;
            long cur = words[w]; // the only writer: a plain read sees its own last write
            if ((cur & bit) == 0) {
                WORDS.setRelease(words, w, cur | bit);
                after++;
            }
        }
        if (after != before) {
            passSum = passSum + PASS[after] - PASS[before];
        }
        entries = entries + 1;
    }

    /** False when the value was certainly never added. */
    boolean mightContain(long h) {
        int base = block(h) * WORDS_PER_BLOCK;
        long g = spread(h);
        for (int i = 0; i < PROBES; i++) {
            int pos = probe(h, g, i);
            if (((long) WORDS.getAcquire(words, base + (pos >>> 6)) & (1L << pos)) == 0) {
                return false;
            }
        }
        return true;
    }

    long entries() {
        return entries;
    }

    long bits() {
        return (long) blocks * BLOCK_BITS;
    }

    /** The estimated share of absent values that pass; see the class comment. */
    double falsePositiveRate() {
        return Math.max(0, passSum) / blocks;
    }

    /** The block: the high half of the hash scaled to the number of blocks (no modulo bias to speak of). */
    private int block(long h) {
        return (int) (((h >>> 32) * blocks) >>> 32);
    }

    /**
     * Bit {@code i} of the block: nine bits each, the first seven from a second mix of the hash,
     * the last from the low half of the hash (the high half picked the block).
     */
    private static int probe(long h, long g, int i) {
        return (int) (i < PROBES - 1 ? g >>> (9 * i) : h) & (BLOCK_BITS - 1);
    }

    private int popCount(int base) {
        int n = 0;
        for (int i = 0; i < WORDS_PER_BLOCK; i++) {
            n += Long.bitCount(words[base + i]);
        }
        return n;
    }

    private static long spread(long h) {
        return fmix(h ^ 0x5851F42D4C957F2DL);
    }

    /**
     * A seeded 64-bit hash of {@code b[0..len)}: eight bytes at a time through a multiply-rotate
     * round, then a full avalanche. The seed is random per store opening, so nobody outside can
     * choose IDs that pile into a few blocks.
     */
    static long hash(byte[] b, int len, long seed) {
        long h = seed ^ (len * 0x9E3779B97F4A7C15L);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = round(h, (long) LONGS_LE.get(b, i));
        }
        long tail = 0;
        for (int s = 0; i < len; i++, s += 8) {
            tail |= (b[i] & 0xFFL) << s;
        }
        h = round(h, tail);
        return fmix(h);
    }

    private static long round(long h, long w) {
        return Long.rotateLeft(h ^ (w * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B185EBCA87L;
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
