package org.hotroom.logic.crypto;

import java.math.BigInteger;

/**
 * Arithmetic in GF(2^255 - 19) for Ed25519 verification, on five unsigned 51-bit limbs
 * (value = sum f_i 2^(51 i)) kept in {@code long} arrays at an offset, so that a table of points
 * is one flat array.
 *
 * <p><b>Products.</b> Java has no 128-bit integer, so each 64 x 64-bit product is taken as its
 * low 64 bits ({@code *}) and high 64 bits ({@link Math#multiplyHigh}), and split at bit 51: the
 * low 51 bits go to the product's own column, the rest (which fits 64 bits) to the next one.
 * Five inputs and the four 19-multiples of the other operand's limbs fit in registers, which is
 * what makes this faster here than ten 25.5-bit limbs.
 *
 * <p><b>Invariant.</b> Every function leaves its result <em>reduced</em>: each limb below
 * 2^51 + 2^13 (a small carry into limb 0 or 1), never negative. {@link #sub} adds 4p first so no
 * limb goes negative. Inputs are reduced, so every product is below 2^52 * 19 * 2^52 and the
 * sums of five high parts stay below 2^63. A value is brought below p only by {@link #toBytes}.
 *
 * <p>Nothing here is constant-time: verification handles no secrets.
 */
final class Field25519 {

    static final int LIMBS = 5;
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final long M = (1L << 51) - 1;
    /** 4p, limb by limb: added before subtracting a reduced value. */
    private static final long FOUR_P0 = 4 * ((1L << 51) - 19);
    private static final long FOUR_P = 4 * M;

    private Field25519() {}

    /** h = f * g (h may be f or g). */
    static void mul(long[] h, int ho, long[] f, int fo, long[] g, int go) {
        long f0 = f[fo], f1 = f[fo + 1], f2 = f[fo + 2], f3 = f[fo + 3], f4 = f[fo + 4];
        long g0 = g[go], g1 = g[go + 1], g2 = g[go + 2], g3 = g[go + 3], g4 = g[go + 4];
        long g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
        long l, u, lo0, hi0, lo1, hi1, lo2, hi2, lo3, hi3, lo4, hi4;
        l = f0 * g0; u = Math.multiplyHigh(f0, g0); lo0 = l & M; hi0 = (u << 13) | (l >>> 51);
        l = f1 * g4_19; u = Math.multiplyHigh(f1, g4_19); lo0 += l & M; hi0 += (u << 13) | (l >>> 51);
        l = f2 * g3_19; u = Math.multiplyHigh(f2, g3_19); lo0 += l & M; hi0 += (u << 13) | (l >>> 51);
        l = f3 * g2_19; u = Math.multiplyHigh(f3, g2_19); lo0 += l & M; hi0 += (u << 13) | (l >>> 51);
        l = f4 * g1_19; u = Math.multiplyHigh(f4, g1_19); lo0 += l & M; hi0 += (u << 13) | (l >>> 51);
        l = f0 * g1; u = Math.multiplyHigh(f0, g1); lo1 = l & M; hi1 = (u << 13) | (l >>> 51);
        l = f1 * g0; u = Math.multiplyHigh(f1, g0); lo1 += l & M; hi1 += (u << 13) | (l >>> 51);
        l = f2 * g4_19; u = Math.multiplyHigh(f2, g4_19); lo1 += l & M; hi1 += (u << 13) | (l >>> 51);
        l = f3 * g3_19; u = Math.multiplyHigh(f3, g3_19); lo1 += l & M; hi1 += (u << 13) | (l >>> 51);
        l = f4 * g2_19; u = Math.multiplyHigh(f4, g2_19); lo1 += l & M; hi1 += (u << 13) | (l >>> 51);
        l = f0 * g2; u = Math.multiplyHigh(f0, g2); lo2 = l & M; hi2 = (u << 13) | (l >>> 51);
        l = f1 * g1; u = Math.multiplyHigh(f1, g1); lo2 += l & M; hi2 += (u << 13) | (l >>> 51);
        l = f2 * g0; u = Math.multiplyHigh(f2, g0); lo2 += l & M; hi2 += (u << 13) | (l >>> 51);
        l = f3 * g4_19; u = Math.multiplyHigh(f3, g4_19); lo2 += l & M; hi2 += (u << 13) | (l >>> 51);
        l = f4 * g3_19; u = Math.multiplyHigh(f4, g3_19); lo2 += l & M; hi2 += (u << 13) | (l >>> 51);
        l = f0 * g3; u = Math.multiplyHigh(f0, g3); lo3 = l & M; hi3 = (u << 13) | (l >>> 51);
        l = f1 * g2; u = Math.multiplyHigh(f1, g2); lo3 += l & M; hi3 += (u << 13) | (l >>> 51);
        l = f2 * g1; u = Math.multiplyHigh(f2, g1); lo3 += l & M; hi3 += (u << 13) | (l >>> 51);
        l = f3 * g0; u = Math.multiplyHigh(f3, g0); lo3 += l & M; hi3 += (u << 13) | (l >>> 51);
        l = f4 * g4_19; u = Math.multiplyHigh(f4, g4_19); lo3 += l & M; hi3 += (u << 13) | (l >>> 51);
        l = f0 * g4; u = Math.multiplyHigh(f0, g4); lo4 = l & M; hi4 = (u << 13) | (l >>> 51);
        l = f1 * g3; u = Math.multiplyHigh(f1, g3); lo4 += l & M; hi4 += (u << 13) | (l >>> 51);
        l = f2 * g2; u = Math.multiplyHigh(f2, g2); lo4 += l & M; hi4 += (u << 13) | (l >>> 51);
        l = f3 * g1; u = Math.multiplyHigh(f3, g1); lo4 += l & M; hi4 += (u << 13) | (l >>> 51);
        l = f4 * g0; u = Math.multiplyHigh(f4, g0); lo4 += l & M; hi4 += (u << 13) | (l >>> 51);
        finish(h, ho, lo0, hi0, lo1, hi1, lo2, hi2, lo3, hi3, lo4, hi4);
    }

    /** h = f^2 (h may be f). */
    static void sq(long[] h, int ho, long[] f, int fo) {
        long f0 = f[fo], f1 = f[fo + 1], f2 = f[fo + 2], f3 = f[fo + 3], f4 = f[fo + 4];
        long f0_2 = 2 * f0, f1_2 = 2 * f1, f3_19 = 19 * f3, f3_38 = 38 * f3, f4_19 = 19 * f4, f4_38 = 38 * f4;
        long l, u, lo0, hi0, lo1, hi1, lo2, hi2, lo3, hi3, lo4, hi4;
        l = f0 * f0; u = Math.multiplyHigh(f0, f0); lo0 = l & M; hi0 = (u << 13) | (l >>> 51);
        l = f1 * f4_38; u = Math.multiplyHigh(f1, f4_38); lo0 += l & M; hi0 += (u << 13) | (l >>> 51);
        l = f2 * f3_38; u = Math.multiplyHigh(f2, f3_38); lo0 += l & M; hi0 += (u << 13) | (l >>> 51);
        l = f0_2 * f1; u = Math.multiplyHigh(f0_2, f1); lo1 = l & M; hi1 = (u << 13) | (l >>> 51);
        l = f3 * f3_19; u = Math.multiplyHigh(f3, f3_19); lo1 += l & M; hi1 += (u << 13) | (l >>> 51);
        l = f2 * f4_38; u = Math.multiplyHigh(f2, f4_38); lo1 += l & M; hi1 += (u << 13) | (l >>> 51);
        l = f0_2 * f2; u = Math.multiplyHigh(f0_2, f2); lo2 = l & M; hi2 = (u << 13) | (l >>> 51);
        l = f1 * f1; u = Math.multiplyHigh(f1, f1); lo2 += l & M; hi2 += (u << 13) | (l >>> 51);
        l = f3 * f4_38; u = Math.multiplyHigh(f3, f4_38); lo2 += l & M; hi2 += (u << 13) | (l >>> 51);
        l = f0_2 * f3; u = Math.multiplyHigh(f0_2, f3); lo3 = l & M; hi3 = (u << 13) | (l >>> 51);
        l = f1_2 * f2; u = Math.multiplyHigh(f1_2, f2); lo3 += l & M; hi3 += (u << 13) | (l >>> 51);
        l = f4 * f4_19; u = Math.multiplyHigh(f4, f4_19); lo3 += l & M; hi3 += (u << 13) | (l >>> 51);
        l = f0_2 * f4; u = Math.multiplyHigh(f0_2, f4); lo4 = l & M; hi4 = (u << 13) | (l >>> 51);
        l = f1_2 * f3; u = Math.multiplyHigh(f1_2, f3); lo4 += l & M; hi4 += (u << 13) | (l >>> 51);
        l = f2 * f2; u = Math.multiplyHigh(f2, f2); lo4 += l & M; hi4 += (u << 13) | (l >>> 51);
        finish(h, ho, lo0, hi0, lo1, hi1, lo2, hi2, lo3, hi3, lo4, hi4);
    }

    /**
     * Column k gets its low parts and the high parts of column k - 1; column 4's high parts wrap
     * to column 0 times 19 (2^255 = 19 mod p), split first so that 19 times them cannot overflow.
     */
    private static void finish(long[] h, int ho, long lo0, long hi0, long lo1, long hi1, long lo2, long hi2,
                               long lo3, long hi3, long lo4, long hi4) {
        long h0 = lo0 + 19 * (hi4 & M);
        long h1 = lo1 + hi0 + 19 * (hi4 >>> 51);
        long h2 = lo2 + hi1;
        long h3 = lo3 + hi2;
        long h4 = lo4 + hi3;
        long c;
        c = h0 >>> 51; h0 &= M; h1 += c;
        c = h1 >>> 51; h1 &= M; h2 += c;
        c = h2 >>> 51; h2 &= M; h3 += c;
        c = h3 >>> 51; h3 &= M; h4 += c;
        c = h4 >>> 51; h4 &= M; h0 += 19 * c;
        c = h0 >>> 51; h0 &= M; h1 += c;
        h[ho] = h0;
        h[ho + 1] = h1;
        h[ho + 2] = h2;
        h[ho + 3] = h3;
        h[ho + 4] = h4;
    }

    /** h = 2 f^2. */
    static void sq2(long[] h, int ho, long[] f, int fo) {
        sq(h, ho, f, fo);
        add(h, ho, h, ho, h, ho);
    }

    /** h = f + g. */
    static void add(long[] h, int ho, long[] f, int fo, long[] g, int go) {
        carry(h, ho, f[fo] + g[go], f[fo + 1] + g[go + 1], f[fo + 2] + g[go + 2], f[fo + 3] + g[go + 3],
                f[fo + 4] + g[go + 4]);
    }

    /** h = f - g. */
    static void sub(long[] h, int ho, long[] f, int fo, long[] g, int go) {
        carry(h, ho, f[fo] + FOUR_P0 - g[go], f[fo + 1] + FOUR_P - g[go + 1], f[fo + 2] + FOUR_P - g[go + 2],
                f[fo + 3] + FOUR_P - g[go + 3], f[fo + 4] + FOUR_P - g[go + 4]);
    }

    /** h = -f. */
    static void neg(long[] h, int ho, long[] f, int fo) {
        carry(h, ho, FOUR_P0 - f[fo], FOUR_P - f[fo + 1], FOUR_P - f[fo + 2], FOUR_P - f[fo + 3], FOUR_P - f[fo + 4]);
    }

    private static void carry(long[] h, int ho, long h0, long h1, long h2, long h3, long h4) {
        long c;
        c = h0 >>> 51; h0 &= M; h1 += c;
        c = h1 >>> 51; h1 &= M; h2 += c;
        c = h2 >>> 51; h2 &= M; h3 += c;
        c = h3 >>> 51; h3 &= M; h4 += c;
        c = h4 >>> 51; h4 &= M; h0 += 19 * c;
        h[ho] = h0;
        h[ho + 1] = h1;
        h[ho + 2] = h2;
        h[ho + 3] = h3;
        h[ho + 4] = h4;
    }

    static void copy(long[] h, int ho, long[] f, int fo) {
        System.arraycopy(f, fo, h, ho, LIMBS);
    }

    static void one(long[] h, int ho) {
        java.util.Arrays.fill(h, ho, ho + LIMBS, 0L);
        h[ho] = 1;
    }

    /** h = f^-1 (f^(p-2)); 0 for 0. */
    static void invert(long[] h, int ho, long[] f, int fo) {
        long[] t = new long[LIMBS];
        long[] eleven = new long[LIMBS];
        pow2250m1(t, eleven, f, fo);
        sqTimes(t, t, 5);                       // 2^255 - 2^5
        mul(h, ho, t, 0, eleven, 0);            // 2^255 - 21 = p - 2
    }

    /** h = f^((p-5)/8) = f^(2^252 - 3), the exponent of the square root in point decoding. */
    static void pow22523(long[] h, int ho, long[] f, int fo) {
        long[] t = new long[LIMBS];
        long[] eleven = new long[LIMBS];
        pow2250m1(t, eleven, f, fo);
        sqTimes(t, t, 2);                       // 2^252 - 4
        mul(h, ho, t, 0, f, fo);                // 2^252 - 3
    }

    /**
     * The addition chain both exponents share: {@code out} = f^(2^250 - 1), {@code eleven} = f^11.
     * (254 squarings and 11 multiplications in all, with the step each caller adds.)
     */
    private static void pow2250m1(long[] out, long[] eleven, long[] f, int fo) {
        long[] t1 = new long[LIMBS];
        long[] t2 = new long[LIMBS];
        long[] t3 = new long[LIMBS];
        sq(eleven, 0, f, fo);                   // 2
        sqTimes(t1, eleven, 2);                 // 8
        mul(t1, 0, f, fo, t1, 0);               // 9
        mul(eleven, 0, eleven, 0, t1, 0);       // 11
        sq(t2, 0, eleven, 0);                   // 22
        mul(t1, 0, t1, 0, t2, 0);               // 2^5 - 1
        sqTimes(t2, t1, 5);
        mul(t1, 0, t2, 0, t1, 0);               // 2^10 - 1
        sqTimes(t2, t1, 10);
        mul(t2, 0, t2, 0, t1, 0);               // 2^20 - 1
        sqTimes(t3, t2, 20);
        mul(t2, 0, t3, 0, t2, 0);               // 2^40 - 1
        sqTimes(t2, t2, 10);
        mul(t1, 0, t2, 0, t1, 0);               // 2^50 - 1
        sqTimes(t2, t1, 50);
        mul(t2, 0, t2, 0, t1, 0);               // 2^100 - 1
        sqTimes(t3, t2, 100);
        mul(t2, 0, t3, 0, t2, 0);               // 2^200 - 1
        sqTimes(t2, t2, 50);
        mul(out, 0, t2, 0, t1, 0);              // 2^250 - 1
    }

    /** h = f^(2^n), n &ge; 1. */
    private static void sqTimes(long[] h, long[] f, int n) {
        sq(h, 0, f, 0);
        for (int i = 1; i < n; i++) {
            sq(h, 0, h, 0);
        }
    }

    /**
     * Reads 32 little-endian bytes at {@code off} as a field element, ignoring the top bit. Values
     * from p to 2^255 - 1 are read as they are (not reduced); callers that must refuse them check
     * first.
     */
    static void fromBytes(long[] h, int ho, byte[] s, int off) {
        h[ho] = load64(s, off) & M;
        h[ho + 1] = (load64(s, off + 6) >>> 3) & M;
        h[ho + 2] = (load64(s, off + 12) >>> 6) & M;
        h[ho + 3] = (load64(s, off + 19) >>> 1) & M;
        h[ho + 4] = (load64(s, off + 24) >>> 12) & M;
    }

    private static long load64(byte[] s, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (s[off + i] & 0xff);
        }
        return v;
    }

    /** Writes f's canonical encoding (below p, 32 little-endian bytes, top bit clear) at {@code off}. */
    static void toBytes(byte[] s, int off, long[] f, int fo) {
        long h0 = f[fo], h1 = f[fo + 1], h2 = f[fo + 2], h3 = f[fo + 3], h4 = f[fo + 4];
        long c;
        c = h0 >>> 51; h0 &= M; h1 += c;
        c = h1 >>> 51; h1 &= M; h2 += c;
        c = h2 >>> 51; h2 &= M; h3 += c;
        c = h3 >>> 51; h3 &= M; h4 += c;
        c = h4 >>> 51; h4 &= M; h0 += 19 * c;
        // now limbs 1 to 4 are below 2^51 and limb 0 below 2^51 + 19 * 2^14, so the value is below
        // 2p; q, the carry out of value + 19 (the chain carries limb 0's excess along), is 1
        // exactly when value >= p
        long q = (h0 + 19) >>> 51;
        q = (h1 + q) >>> 51;
        q = (h2 + q) >>> 51;
        q = (h3 + q) >>> 51;
        q = (h4 + q) >>> 51;
        h0 += 19 * q;
        c = h0 >>> 51; h0 &= M; h1 += c;
        c = h1 >>> 51; h1 &= M; h2 += c;
        c = h2 >>> 51; h2 &= M; h3 += c;
        c = h3 >>> 51; h3 &= M; h4 += c;
        h4 &= M; // drops 2^255 q, which the 19 q above has paid for
        long[] limbs = {h0, h1, h2, h3, h4};
        long acc = 0;
        int bits = 0;
        int out = off;
        for (int i = 0; i < LIMBS; i++) {
            acc |= limbs[i] << bits; // bits < 8 here, so the 51 bits fit
            bits += 51;
            while (bits >= 8) {
                s[out++] = (byte) acc;
                acc >>>= 8;
                bits -= 8;
            }
        }
        s[out] = (byte) acc;
    }

    /** True if f's canonical encoding is odd ("negative" in RFC 8032's sign convention). */
    static boolean isNegative(long[] f, int fo) {
        byte[] s = new byte[32];
        toBytes(s, 0, f, fo);
        return (s[0] & 1) != 0;
    }

    /** True if f is 0 mod p. */
    static boolean isZero(long[] f, int fo) {
        byte[] s = new byte[32];
        toBytes(s, 0, f, fo);
        int or = 0;
        for (byte b : s) {
            or |= b;
        }
        return or == 0;
    }

    /** The element with this value, for constants. */
    static long[] of(BigInteger v) {
        BigInteger r = v.mod(P);
        long[] h = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            h[i] = r.shiftRight(51 * i).longValue() & M;
        }
        return h;
    }

    /** The value of f mod p, for tests and constants. */
    static BigInteger value(long[] f, int fo) {
        BigInteger v = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--) {
            v = v.shiftLeft(51).add(BigInteger.valueOf(f[fo + i]));
        }
        return v.mod(P);
    }
}
