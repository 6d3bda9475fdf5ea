package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Recomputes the constants in {@link StrictEd25519Checks} with plain curve arithmetic. */
class StrictEd25519ChecksTest {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void theSmallOrderListIsTheEightTorsionPlusTheNonCanonicalNeutralAndZero() {
        // the first order-8 entry generates the 8-torsion subgroup
        EdwardsMath.Point t = EdwardsMath.decode(StrictEd25519Checks.SMALL_ORDER[2]);
        assertNotNull(t);
        assertFalse(EdwardsMath.multiply(BigInteger.valueOf(4), t).isNeutral(), "order 8, not 4");
        assertTrue(EdwardsMath.multiply(BigInteger.valueOf(8), t).isNeutral(), "order 8");
        Set<String> torsion = new TreeSet<>();
        EdwardsMath.Point p = EdwardsMath.NEUTRAL;
        for (int i = 0; i < 8; i++) {
            byte[] e = EdwardsMath.encode(p);
            e[31] &= 0x7f; // the list ignores the sign bit
            torsion.add(hex(e));
            p = EdwardsMath.add(p, t);
        }
        assertEquals(5, torsion.size(), "y takes 5 values on the 8 torsion points");
        // plus y = p and y = p + 1: non-canonical encodings of y = 0 and y = 1
        torsion.add(hex(EdgeCases.le32(EdwardsMath.P)));
        torsion.add(hex(EdgeCases.le32(EdwardsMath.P.add(BigInteger.ONE))));
        Set<String> listed = new TreeSet<>();
        for (byte[] s : StrictEd25519Checks.SMALL_ORDER) {
            listed.add(hex(s));
        }
        assertEquals(torsion, listed);
    }

    @Test
    void canonicalScalarMeansBelowL() {
        assertTrue(StrictEd25519Checks.canonicalScalar(EdgeCases.le32(BigInteger.ZERO), 0));
        assertTrue(StrictEd25519Checks.canonicalScalar(EdgeCases.le32(EdwardsMath.L.subtract(BigInteger.ONE)), 0));
        assertFalse(StrictEd25519Checks.canonicalScalar(EdgeCases.le32(EdwardsMath.L), 0));
        assertFalse(StrictEd25519Checks.canonicalScalar(EdgeCases.le32(EdwardsMath.L.add(BigInteger.ONE)), 0));
        assertFalse(StrictEd25519Checks.canonicalScalar(EdgeCases.le32(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)), 0));
    }

    @Test
    void canonicalPointMeansYBelowP() {
        assertTrue(StrictEd25519Checks.canonicalPoint(EdgeCases.le32(EdwardsMath.P.subtract(BigInteger.ONE))));
        assertFalse(StrictEd25519Checks.canonicalPoint(EdgeCases.le32(EdwardsMath.P)));
        byte[] signed = EdgeCases.le32(EdwardsMath.P.add(BigInteger.TWO));
        assertFalse(StrictEd25519Checks.canonicalPoint(signed));
        signed[31] |= (byte) 0x80;
        assertFalse(StrictEd25519Checks.canonicalPoint(signed), "the sign bit does not matter");
        assertTrue(StrictEd25519Checks.canonicalPoint(Rfc8032Vectors.TEST_1.publicKey()));
    }

    @Test
    void realKeysAndSignaturesPass() {
        for (Rfc8032Vectors.Vector v : Rfc8032Vectors.ALL) {
            assertTrue(StrictEd25519Checks.acceptable(v.publicKey(), v.signature()), v.name());
        }
    }

    @Test
    void encodeDecodeRoundTrip() {
        EdwardsMath.Point a = EdwardsMath.decode(Rfc8032Vectors.TEST_2.publicKey());
        assertNotNull(a);
        assertArrayEquals(Rfc8032Vectors.TEST_2.publicKey(), EdwardsMath.encode(a));
    }
}
