package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Field25519 against BigInteger, on random values and the boundaries of its representation. */
class Field25519Test {

    static final BigInteger P = Field25519.P;

    /** Random values, and the ones near 0, p and 2^255 where carries and the final reduction bite. */
    static List<BigInteger> values() {
        List<BigInteger> v = new ArrayList<>();
        for (long small : new long[] {0, 1, 2, 18, 19, 20, (1L << 25) - 1, 1L << 25, (1L << 26) - 1, 1L << 26}) {
            v.add(BigInteger.valueOf(small));
            v.add(P.subtract(BigInteger.valueOf(small + 1)));
        }
        Random r = new Random(25519);
        for (int i = 0; i < 300; i++) {
            v.add(new BigInteger(255, r).mod(P));
        }
        return v;
    }

    static long[] fe(BigInteger v) {
        return Field25519.of(v);
    }

    static BigInteger val(long[] f) {
        return Field25519.value(f, 0);
    }

    @Test
    void multipliesSquaresAddsAndSubtractsAsBigIntegerDoes() {
        List<BigInteger> vs = values();
        for (int i = 0; i < vs.size(); i++) {
            BigInteger a = vs.get(i);
            BigInteger b = vs.get((i * 7 + 3) % vs.size());
            long[] h = new long[Field25519.LIMBS];
            Field25519.mul(h, 0, fe(a), 0, fe(b), 0);
            assertEquals(a.multiply(b).mod(P), val(h), a + " * " + b);
            Field25519.sq(h, 0, fe(a), 0);
            assertEquals(a.multiply(a).mod(P), val(h), a + "^2");
            Field25519.sq2(h, 0, fe(a), 0);
            assertEquals(a.multiply(a).shiftLeft(1).mod(P), val(h), "2 " + a + "^2");
            Field25519.add(h, 0, fe(a), 0, fe(b), 0);
            assertEquals(a.add(b).mod(P), val(h), a + " + " + b);
            Field25519.sub(h, 0, fe(a), 0, fe(b), 0);
            assertEquals(a.subtract(b).mod(P), val(h), a + " - " + b);
            Field25519.neg(h, 0, fe(a), 0);
            assertEquals(a.negate().mod(P), val(h), "-" + a);
        }
    }

    @Test
    void multipliesSumsOfThreeReducedValues() {
        // the point formulas feed mul with (a + b + c) and (a - b + c); the bounds must hold there
        List<BigInteger> vs = values();
        for (int i = 0; i + 2 < vs.size(); i++) {
            long[] s = new long[Field25519.LIMBS];
            Field25519.add(s, 0, fe(vs.get(i)), 0, fe(vs.get(i + 1)), 0);
            Field25519.add(s, 0, s, 0, fe(vs.get(i + 2)), 0);
            long[] d = new long[Field25519.LIMBS];
            Field25519.sub(d, 0, fe(vs.get(i + 1)), 0, fe(vs.get(i)), 0);
            Field25519.sub(d, 0, d, 0, fe(vs.get(i + 2)), 0);
            BigInteger sv = vs.get(i).add(vs.get(i + 1)).add(vs.get(i + 2));
            BigInteger dv = vs.get(i + 1).subtract(vs.get(i)).subtract(vs.get(i + 2));
            long[] h = new long[Field25519.LIMBS];
            Field25519.mul(h, 0, s, 0, d, 0);
            assertEquals(sv.multiply(dv).mod(P), val(h));
            Field25519.sq(h, 0, d, 0);
            assertEquals(dv.multiply(dv).mod(P), val(h));
        }
    }

    @Test
    void invertsAndRaisesToTheSquareRootExponent() {
        BigInteger exp = P.subtract(BigInteger.valueOf(5)).shiftRight(3);
        for (BigInteger a : values()) {
            long[] h = new long[Field25519.LIMBS];
            Field25519.invert(h, 0, fe(a), 0);
            assertEquals(a.signum() == 0 ? BigInteger.ZERO : a.modInverse(P), val(h), "1/" + a);
            Field25519.pow22523(h, 0, fe(a), 0);
            assertEquals(a.modPow(exp, P), val(h), a + "^((p-5)/8)");
        }
    }

    @Test
    void encodesCanonicallyAndReadsNonCanonicalEncodingsAsTheirValue() {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            // every 255-bit value, including p .. 2^255 - 1, which encode as value - p
            BigInteger v = i < 19 ? P.add(BigInteger.valueOf(i)) : new BigInteger(255, r);
            byte[] le = new byte[32];
            byte[] be = v.toByteArray();
            for (int k = 0; k < be.length && k < 32; k++) {
                le[k] = be[be.length - 1 - k];
            }
            le[31] |= (byte) (r.nextBoolean() ? 0x80 : 0); // the top bit is not part of the value
            long[] h = new long[Field25519.LIMBS];
            Field25519.fromBytes(h, 0, le, 0);
            byte[] out = new byte[32];
            Field25519.toBytes(out, 0, h, 0);
            BigInteger canonical = v.mod(P);
            byte[] expected = new byte[32];
            byte[] cbe = canonical.toByteArray();
            for (int k = 0; k < cbe.length && k < 32; k++) {
                expected[k] = cbe[cbe.length - 1 - k];
            }
            assertArrayEquals(expected, out, v.toString(16));
            assertEquals(canonical.testBit(0), Field25519.isNegative(h, 0));
            assertEquals(canonical.signum() == 0, Field25519.isZero(h, 0));
        }
    }

    /** The largest limb any operation leaves: 2^51 plus a small carry. */
    static final long WIDEST = (1L << 51) + (1L << 13) - 1;

    static BigInteger limbValue(long[] f) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 4; i >= 0; i--) {
            v = v.shiftLeft(51).add(BigInteger.valueOf(f[i]));
        }
        return v;
    }

    /** Reduced limb vectors, many with limbs at or near the widest a result may have. */
    static List<long[]> reducedLimbs() {
        List<long[]> out = new ArrayList<>();
        Random r = new Random(51);
        long[] edges = {0, 1, (1L << 51) - 20, (1L << 51) - 19, (1L << 51) - 1, 1L << 51, WIDEST};
        for (int i = 0; i < 4000; i++) {
            long[] f = new long[5];
            for (int k = 0; k < 5; k++) {
                f[k] = r.nextInt(3) == 0 ? edges[r.nextInt(edges.length)] : r.nextLong() & ((1L << 51) - 1);
            }
            out.add(f);
        }
        out.add(new long[] {WIDEST, WIDEST, WIDEST, WIDEST, WIDEST});
        out.add(new long[] {(1L << 51) - 19, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1}); // p
        out.add(new long[] {(1L << 51) - 18, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1}); // p + 1
        return out;
    }

    @Test
    void widestReducedLimbsNeitherOverflowNorEncodeWrongly() {
        List<long[]> all = reducedLimbs();
        for (int i = 0; i < all.size(); i++) {
            long[] f = all.get(i);
            long[] g = all.get((i * 31 + 7) % all.size());
            BigInteger a = limbValue(f).mod(P);
            BigInteger b = limbValue(g).mod(P);
            long[] h = new long[5];
            Field25519.mul(h, 0, f, 0, g, 0);
            assertEquals(a.multiply(b).mod(P), val(h));
            assertReduced(h);
            Field25519.sq(h, 0, f, 0);
            assertEquals(a.multiply(a).mod(P), val(h));
            assertReduced(h);
            Field25519.sub(h, 0, f, 0, g, 0);
            assertEquals(a.subtract(b).mod(P), val(h));
            assertReduced(h);
            Field25519.add(h, 0, f, 0, g, 0);
            assertEquals(a.add(b).mod(P), val(h));
            assertReduced(h);
            Field25519.neg(h, 0, f, 0);
            assertEquals(a.negate().mod(P), val(h));
            assertReduced(h);
            byte[] out = new byte[32];
            Field25519.toBytes(out, 0, f, 0);
            byte[] be = new byte[33];
            for (int k = 0; k < 32; k++) {
                be[32 - k] = out[k];
            }
            assertEquals(a, new BigInteger(be), "encoding of " + limbValue(f));
        }
    }

    private static void assertReduced(long[] h) {
        for (long limb : h) {
            if (limb < 0 || limb > WIDEST) {
                throw new AssertionError("limb out of the reduced range: " + java.util.Arrays.toString(h));
            }
        }
    }

    @Test
    void aWrongProductTermWouldBeCaught() {
        // guards the test itself: a value whose limbs are all at their widest exercises every term
        BigInteger wide = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(20)); // p - 1
        long[] h = new long[Field25519.LIMBS];
        Field25519.mul(h, 0, fe(wide), 0, fe(wide), 0);
        assertEquals(BigInteger.ONE, val(h)); // (-1)^2
    }
}
