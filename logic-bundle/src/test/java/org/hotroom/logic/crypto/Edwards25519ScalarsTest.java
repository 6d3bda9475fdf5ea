package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scalar recodings of {@link Edwards25519#doubleFixedBase} on the scalars where a carry can
 * run to the last digit, the fixed-base sum on those scalars, and point decoding against
 * BigInteger arithmetic.
 */
class Edwards25519ScalarsTest {

    static final BigInteger L = EdgeCases.L;
    static final BigInteger P = EdgeCases.P;
    static final BigInteger TWO_253 = BigInteger.TWO.pow(253);

    /** Scalars below 2^253 where the recodings carry most: L - 1, 2^252, 2^253 - 1, runs of 8s and 0x80s. */
    static List<BigInteger> edgeScalars() {
        List<BigInteger> s = new ArrayList<>();
        for (BigInteger v : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, L.subtract(BigInteger.ONE), L,
                L.add(BigInteger.ONE), BigInteger.TWO.pow(252), BigInteger.TWO.pow(252).subtract(BigInteger.ONE),
                TWO_253.subtract(BigInteger.ONE), TWO_253.subtract(L)}) {
            s.add(v);
        }
        // every byte b (and so every nibble, with and without an incoming carry), the top byte cut to 2^253
        for (int b = 0; b < 256; b++) {
            byte[] k = new byte[32];
            Arrays.fill(k, (byte) b);
            k[31] &= 0x1f;
            s.add(EdgeCases.fromLe(k, 0));
        }
        return s;
    }

    static BigInteger sum(int[] digits, int radix) {
        BigInteger v = BigInteger.ZERO;
        for (int i = digits.length - 1; i >= 0; i--) {
            v = v.multiply(BigInteger.valueOf(radix)).add(BigInteger.valueOf(digits[i]));
        }
        return v;
    }

    static void checkDigits(BigInteger k) {
        byte[] le = EdgeCases.le32(k);
        byte[] d16 = Edwards25519.digits(le, 0);
        int[] wide = new int[d16.length];
        for (int i = 0; i < d16.length; i++) {
            assertTrue(d16[i] >= -Edwards25519.MULTIPLES && d16[i] <= Edwards25519.MULTIPLES,
                    "radix-16 digit " + i + " = " + d16[i] + " of " + k.toString(16));
            wide[i] = d16[i];
        }
        assertEquals(k, sum(wide, 16), "radix 16, " + k.toString(16));
        int[] d256 = Edwards25519.digits256(le, 0);
        for (int j = 0; j < d256.length; j++) {
            assertTrue(d256[j] >= -Edwards25519.BASE_MULTIPLES && d256[j] <= Edwards25519.BASE_MULTIPLES,
                    "radix-256 digit " + j + " = " + d256[j] + " of " + k.toString(16));
        }
        assertEquals(k, sum(d256, 256), "radix 256, " + k.toString(16));
    }

    @Test
    void recodingsStayInTheirTablesAndSumToTheScalar() {
        for (BigInteger k : edgeScalars()) {
            checkDigits(k);
        }
        Random r = new Random(253);
        for (int i = 0; i < 5_000; i++) {
            checkDigits(new BigInteger(253, r));
            checkDigits(new BigInteger(253, r).mod(L));
        }
    }

    @Test
    void theFixedBaseSumOnEdgeScalars() {
        BigInteger secret = new BigInteger("1234567890123456789012345678901234567890");
        EdwardsMath.Point a = EdwardsMath.multiply(secret, KeyTableEd25519Test.BASE);
        long[] minusA = new long[Edwards25519.POINT];
        assertTrue(Edwards25519.decodeNegated(minusA, EdwardsMath.encode(a)));
        long[] table = Edwards25519.table(minusA);
        BigInteger[] scalars = {BigInteger.ZERO, BigInteger.ONE, L.subtract(BigInteger.ONE), BigInteger.TWO.pow(252),
                TWO_253.subtract(BigInteger.ONE), EdgeCases.fromLe(filled(0x88), 0), EdgeCases.fromLe(filled(0x80), 0)};
        for (BigInteger x : scalars) {
            for (BigInteger y : scalars) {
                byte[] out = new byte[32];
                Edwards25519.doubleFixedBase(out, EdgeCases.le32(x), 0, EdgeCases.le32(y), 0, table);
                BigInteger k = x.subtract(y.multiply(secret)).mod(L);
                assertArrayEquals(EdwardsMath.encode(EdwardsMath.multiply(k, KeyTableEd25519Test.BASE)), out,
                        x.toString(16) + " B - " + y.toString(16) + " A");
            }
        }
    }

    @Test
    void theFixedBaseSumWithATorsionComponent() {
        // -A has a component of order 8, so [b](-A) depends on b itself, not only on b mod L
        EdwardsMath.Point torsion = EdwardsMath.decode(EdgeCases.le32(new BigInteger(
                "05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826", 16)));
        BigInteger secret = BigInteger.valueOf(987654321);
        EdwardsMath.Point a = EdwardsMath.add(EdwardsMath.multiply(secret, KeyTableEd25519Test.BASE), torsion);
        long[] minusA = new long[Edwards25519.POINT];
        assertTrue(Edwards25519.decodeNegated(minusA, EdwardsMath.encode(a)));
        long[] table = Edwards25519.table(minusA);
        BigInteger[] scalars = {BigInteger.ONE, BigInteger.valueOf(7), L.subtract(BigInteger.ONE),
                TWO_253.subtract(BigInteger.ONE), EdgeCases.fromLe(filled(0x88), 0)};
        for (BigInteger x : scalars) {
            for (BigInteger y : scalars) {
                byte[] out = new byte[32];
                Edwards25519.doubleFixedBase(out, EdgeCases.le32(x), 0, EdgeCases.le32(y), 0, table);
                EdwardsMath.Point minusYA = EdwardsMath.multiply(y, new EdwardsMath.Point(P.subtract(a.x()).mod(P), a.y()));
                EdwardsMath.Point expected = EdwardsMath.add(EdwardsMath.multiply(x, KeyTableEd25519Test.BASE), minusYA);
                assertArrayEquals(EdwardsMath.encode(expected), out, x.toString(16) + " B - " + y.toString(16) + " A");
            }
        }
    }

    @Test
    void decodesAsTheReferenceDoesOnRandomAndNonCanonicalEncodings() {
        Random r = new Random(19);
        int points = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] enc = new byte[32];
            if (i < 64) {
                // y = p .. p + 31 and 2^255 - 32 .. with either sign: read as their residue
                byte[] le = EdgeCases.le32(P.add(BigInteger.valueOf(i % 32)).subtract(BigInteger.valueOf(i < 32 ? 0 : 32)));
                System.arraycopy(le, 0, enc, 0, 32);
                enc[31] |= (byte) (r.nextBoolean() ? 0x80 : 0);
            } else {
                r.nextBytes(enc);
            }
            long[] minus = new long[Edwards25519.POINT];
            boolean decoded = Edwards25519.decodeNegated(minus, enc);
            EdwardsMath.Point expected = EdwardsMath.decode(enc);
            BigInteger y = EdgeCases.fromLe(enc, 0).clearBit(255).mod(P);
            if (expected == null && (y.equals(BigInteger.ONE) || y.equals(P.subtract(BigInteger.ONE)))) {
                // x = 0 with the sign bit set: RFC 8032 refuses it, libsodium 1.0.18 reads it as x = 0
                assertTrue(decoded);
                expected = new EdwardsMath.Point(BigInteger.ZERO, y);
            }
            assertEquals(expected != null, decoded, hex(enc));
            if (!decoded) {
                continue;
            }
            points++;
            BigInteger z = Field25519.value(minus, 2 * Field25519.LIMBS);
            assertEquals(BigInteger.ONE, z);
            assertEquals(P.subtract(expected.x()).mod(P), Field25519.value(minus, 0), hex(enc));
            assertEquals(expected.y(), Field25519.value(minus, Field25519.LIMBS), hex(enc));
            assertEquals(expected.x().negate().multiply(expected.y()).mod(P), Field25519.value(minus, 3 * Field25519.LIMBS));
        }
        assertTrue(points > 1000, points + " points");
    }

    @Test
    void theVerifierRefusesMissingAndMisSizedInputsOnBothPaths() {
        KeyTableEd25519 tables = KeyTableEd25519Test.secondUse(KeyTables.DEFAULT_CAPACITY);
        Rfc8032Vectors.Vector v = Rfc8032Vectors.TEST_1;
        byte[] a = v.publicKey();
        byte[] m = v.message();
        byte[] sig = v.signature();
        for (int round = 0; round < 3; round++) {
            assertFalse(tables.verify(null, m, sig));
            assertFalse(tables.verify(a, null, sig));
            assertFalse(tables.verify(a, m, null));
            assertFalse(tables.verify(new byte[0], m, sig));
            assertFalse(tables.verify(Arrays.copyOf(a, 31), m, sig));
            assertFalse(tables.verify(Arrays.copyOf(a, 33), m, sig));
            assertFalse(tables.verify(a, m, new byte[0]));
            assertFalse(tables.verify(a, m, Arrays.copyOf(sig, 63)));
            assertFalse(tables.verify(a, m, Arrays.copyOf(sig, 65)));
            assertTrue(tables.verify(a, m, sig), "round " + round);
        }
        assertEquals(KeyTables.Kind.TABLE, tables.tables().lookup(a).kind());
        assertNotNull(tables.tables().lookup(a).table());
    }

    static byte[] filled(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        k[31] &= 0x1f;
        return k;
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
