package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Field25519 on raw limb vectors anywhere in its reduced range (each limb below 2^51 + 2^13), not
 * only on the canonical limbs {@link Field25519#of} makes: every combination of the extreme limb
 * values, and random vectors biased towards them. Each result must equal BigInteger's and be
 * reduced again, and toBytes must be canonical.
 */
class Field25519ExtremesTest {

    static final BigInteger P = Field25519.P;
    static final long M = (1L << 51) - 1;
    /** The bound the class comment promises for every limb of every result. */
    static final long REDUCED = (1L << 51) + (1L << 13);

    /** Limb values where carries, the 4p bias of sub and the final reduction of toBytes bite. */
    static final long[] EXTREMES = {0, 1, 18, 19, 20, M - 19, M - 18, M - 1, M, M + 1, M + 95, REDUCED - 1};

    /** The raw value of the limbs (not reduced mod p). */
    static BigInteger raw(long[] f) {
        BigInteger v = BigInteger.ZERO;
        for (int i = Field25519.LIMBS - 1; i >= 0; i--) {
            v = v.shiftLeft(51).add(BigInteger.valueOf(f[i]));
        }
        return v;
    }

    static BigInteger fromLe(byte[] b) {
        return EdgeCases.fromLe(b, 0);
    }

    static void assertReduced(long[] h, String what) {
        for (long limb : h) {
            if (limb < 0 || limb >= REDUCED) {
                fail(what + ": limb " + Long.toHexString(limb) + " is outside the reduced range");
            }
        }
    }

    /** Every operation on f and g against BigInteger, and every result reduced. */
    static void check(long[] f, long[] g) {
        BigInteger a = raw(f);
        BigInteger b = raw(g);
        String what = a.toString(16) + ", " + b.toString(16);
        long[] h = new long[Field25519.LIMBS];
        Field25519.mul(h, 0, f, 0, g, 0);
        assertReduced(h, "mul " + what);
        assertEquals(a.multiply(b).mod(P), raw(h).mod(P), "mul " + what);
        Field25519.sq(h, 0, f, 0);
        assertReduced(h, "sq " + what);
        assertEquals(a.multiply(a).mod(P), raw(h).mod(P), "sq " + what);
        Field25519.sq2(h, 0, f, 0);
        assertReduced(h, "sq2 " + what);
        assertEquals(a.multiply(a).shiftLeft(1).mod(P), raw(h).mod(P), "sq2 " + what);
        Field25519.add(h, 0, f, 0, g, 0);
        assertReduced(h, "add " + what);
        assertEquals(a.add(b).mod(P), raw(h).mod(P), "add " + what);
        Field25519.sub(h, 0, f, 0, g, 0);
        assertReduced(h, "sub " + what);
        assertEquals(a.subtract(b).mod(P), raw(h).mod(P), "sub " + what);
        Field25519.neg(h, 0, f, 0);
        assertReduced(h, "neg " + what);
        assertEquals(a.negate().mod(P), raw(h).mod(P), "neg " + what);
        checkEncoding(f);
    }

    static void checkEncoding(long[] f) {
        BigInteger a = raw(f);
        byte[] out = new byte[32];
        Field25519.toBytes(out, 0, f, 0);
        assertEquals(a.mod(P), fromLe(out), "toBytes " + a.toString(16));
        assertEquals(a.mod(P).testBit(0), Field25519.isNegative(f, 0), "isNegative " + a.toString(16));
        assertEquals(a.mod(P).signum() == 0, Field25519.isZero(f, 0), "isZero " + a.toString(16));
    }

    @Test
    void everyCombinationOfExtremeLimbs() {
        int n = EXTREMES.length;
        int combos = n * n * n * n * n;
        long[] f = new long[Field25519.LIMBS];
        for (int c = 0; c < combos; c++) {
            int k = c;
            for (int i = 0; i < Field25519.LIMBS; i++) {
                f[i] = EXTREMES[k % n];
                k /= n;
            }
            // the other operand: the same vector rotated, and all limbs at the maximum
            long[] g = {f[3], f[4], f[0], f[1], f[2]};
            check(f, g);
            check(f, new long[] {REDUCED - 1, REDUCED - 1, REDUCED - 1, REDUCED - 1, REDUCED - 1});
        }
    }

    @Test
    void randomLimbVectorsBiasedToTheirExtremes() {
        Random r = new Random(255_19);
        long[] f = new long[Field25519.LIMBS];
        long[] g = new long[Field25519.LIMBS];
        for (int t = 0; t < 200_000; t++) {
            fill(r, f);
            fill(r, g);
            check(f, g);
        }
    }

    /** {@code -Dfield25519.samples=N} runs more. */
    @Test
    void toBytesIsCanonicalOnMillionsOfReducedVectors() {
        Random r = new Random(2_255);
        long[] f = new long[Field25519.LIMBS];
        for (int t = 0, n = Integer.getInteger("field25519.samples", 1_000_000); t < n; t++) {
            fill(r, f);
            checkEncoding(f);
        }
    }

    @Test
    void toBytesAroundPAnd2To255() {
        // values p - 40 .. p + 40 and 2^255 - 40 .. 2^255 + 40 (the excess over 2^255 in limb 4),
        // and the same values with a carry left in limb 0 or 1 (limb i + 2^51, limb i + 1 less 1);
        // 2p - 40 .. 2p + 40 are beyond the reduced range
        BigInteger[] centres = {P, BigInteger.TWO.pow(255), P.shiftLeft(1)};
        int checked = 0;
        for (BigInteger centre : centres) {
            for (int d = -40; d <= 40; d++) {
                BigInteger v = centre.add(BigInteger.valueOf(d));
                long[] f = limbs(v);
                if (f == null) {
                    assertEquals(P.shiftLeft(1), centre, "only 2p's neighbourhood is beyond the reduced range");
                    continue;
                }
                assertEquals(v, raw(f));
                checkEncoding(f);
                checked++;
                for (int i = 0; i < 2; i++) {
                    long[] g = f.clone();
                    if (g[i + 1] > 0) {
                        g[i] += 1L << 51;
                        g[i + 1] -= 1;
                        if (g[i] < REDUCED) {
                            assertEquals(v, raw(g));
                            checkEncoding(g);
                        }
                    }
                }
            }
        }
        assertEquals(2 * 81, checked);
    }

    @Test
    void fromBytesReadsEveryHighValueAsItsResidue() {
        // 2^255 - k for k = 1 .. 2^12 (so p .. 2^255 - 1 and the values just below p), either sign bit
        for (int k = 1; k <= 1 << 12; k++) {
            BigInteger v = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(k));
            for (int sign = 0; sign < 2; sign++) {
                byte[] le = EdgeCases.le32(v);
                le[31] |= (byte) (sign << 7);
                long[] h = new long[Field25519.LIMBS];
                Field25519.fromBytes(h, 0, le, 0);
                for (long limb : h) {
                    assertTrue(limb >= 0 && limb <= M);
                }
                assertEquals(v, raw(h));
                byte[] out = new byte[32];
                Field25519.toBytes(out, 0, h, 0);
                assertArrayEquals(EdgeCases.le32(v.mod(P)), out, v.toString(16));
            }
        }
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        long[] h = new long[Field25519.LIMBS];
        Field25519.fromBytes(h, 0, ones, 0);
        assertEquals(BigInteger.TWO.pow(255).subtract(BigInteger.ONE), raw(h));
    }

    @Test
    void longChainsStayReduced() {
        // results fed back as inputs, as the point formulas do, for many rounds
        Random r = new Random(77);
        long[] a = new long[Field25519.LIMBS];
        long[] b = new long[Field25519.LIMBS];
        fill(r, a);
        fill(r, b);
        BigInteger va = raw(a).mod(P);
        BigInteger vb = raw(b).mod(P);
        for (int i = 0; i < 100_000; i++) {
            switch (i % 5) {
                case 0 -> { Field25519.add(a, 0, a, 0, b, 0); va = va.add(vb).mod(P); }
                case 1 -> { Field25519.sub(b, 0, a, 0, b, 0); vb = va.subtract(vb).mod(P); }
                case 2 -> { Field25519.mul(a, 0, a, 0, b, 0); va = va.multiply(vb).mod(P); }
                case 3 -> { Field25519.neg(b, 0, b, 0); vb = vb.negate().mod(P); }
                default -> { Field25519.sq2(b, 0, a, 0); vb = va.multiply(va).shiftLeft(1).mod(P); }
            }
            assertReduced(a, "a at step " + i);
            assertReduced(b, "b at step " + i);
        }
        assertEquals(va, raw(a).mod(P));
        assertEquals(vb, raw(b).mod(P));
    }

    /** Limbs of v, limbs 0 to 3 below 2^51 and the rest in limb 4, or null if that is not reduced. */
    static long[] limbs(BigInteger v) {
        if (v.signum() < 0 || v.shiftRight(204).compareTo(BigInteger.valueOf(REDUCED)) >= 0) {
            return null;
        }
        long[] f = new long[Field25519.LIMBS];
        for (int i = 0; i < Field25519.LIMBS - 1; i++) {
            f[i] = v.shiftRight(51 * i).longValue() & M;
        }
        f[4] = v.shiftRight(204).longValueExact();
        return f;
    }

    static void fill(Random r, long[] f) {
        for (int i = 0; i < f.length; i++) {
            switch (r.nextInt(4)) {
                case 0 -> f[i] = EXTREMES[r.nextInt(EXTREMES.length)];
                case 1 -> f[i] = M - r.nextInt(64);
                case 2 -> f[i] = (1L << 51) + r.nextInt(1 << 13);
                default -> f[i] = (r.nextLong() >>> 13) % REDUCED;
            }
        }
    }
}
