package org.hotroom.logic.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inputs on which Ed25519 libraries are known to disagree (cf. "Taming the many EdDSAs",
 * Chalkias et al. 2020): each is a (public key, message, signature) that a strict verifier rejects.
 */
final class EdgeCases {

    record Case(byte[] publicKey, byte[] message, byte[] signature) {}

    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    private EdgeCases() {}

    /** Little-endian 32 bytes. */
    static byte[] le32(BigInteger n) {
        byte[] be = n.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    static BigInteger fromLe(byte[] b, int off) {
        byte[] be = new byte[33];
        for (int i = 0; i < 32; i++) {
            be[32 - i] = b[off + i];
        }
        return new BigInteger(be);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The neutral element (0, 1), canonically encoded: order 1. */
    static final byte[] IDENTITY = le32(BigInteger.ONE);
    /** (0, -1): order 2. */
    static final byte[] ORDER_2 = le32(P.subtract(BigInteger.ONE));
    /** The neutral element encoded with y = p + 1 (non-canonical). */
    static final byte[] IDENTITY_NON_CANONICAL = le32(P.add(BigInteger.ONE));

    /** A message for which k = H(R || A || M) mod L is even, so that [k]A vanishes for A of order 2. */
    static byte[] evenChallengeMessage(byte[] r, byte[] a) {
        for (int i = 0;; i++) {
            byte[] m = ("message " + i).getBytes();
            if (!EdwardsMath.challenge(r, a, m).testBit(0)) {
                return m;
            }
        }
    }

    /** Every edge case by name. */
    static Map<String, Case> all() {
        Rfc8032Vectors.Vector v = Rfc8032Vectors.TEST_1;
        byte[] r = Arrays.copyOf(v.signature(), 32);
        BigInteger s = fromLe(v.signature(), 32);
        Map<String, Case> m = new LinkedHashMap<>();
        // S + L: the same point equation holds, but S is not reduced (malleability)
        m.put("S+L (non-canonical S)", new Case(v.publicKey(), v.message(), concat(r, le32(s.add(L)))));
        // S with its top bits set: S >= 2^255
        byte[] highS = v.signature().clone();
        highS[63] |= (byte) 0xe0;
        m.put("S with top 3 bits set", new Case(v.publicKey(), v.message(), highS));
        // small-order public key and R with S = 0: [0]B = R + [k]A holds for every message
        byte[] zeroS = new byte[32];
        m.put("A = R = identity, S = 0", new Case(IDENTITY, "any message".getBytes(), concat(IDENTITY, zeroS)));
        m.put("A = order-2 point, R = identity, S = 0", new Case(ORDER_2, evenChallengeMessage(IDENTITY, ORDER_2), concat(IDENTITY, zeroS)));
        m.put("A = identity with y = p+1", new Case(IDENTITY_NON_CANONICAL, "any message".getBytes(), concat(IDENTITY, zeroS)));
        m.put("R = identity with y = p+1", new Case(IDENTITY, "any message".getBytes(), concat(IDENTITY_NON_CANONICAL, zeroS)));
        byte[] identitySigned = IDENTITY.clone();
        identitySigned[31] |= (byte) 0x80;
        m.put("A = R = identity with sign bit, S = 0", new Case(identitySigned, "any message".getBytes(), concat(identitySigned, zeroS)));
        // a real key signing with R = identity (nonce 0): S = k * a, and [S]B = R + [k]A holds
        byte[] message = "small-order R".getBytes();
        BigInteger k = EdwardsMath.challenge(IDENTITY, v.publicKey(), message);
        BigInteger smallOrderRS = k.multiply(EdwardsMath.secretScalar(v.seed())).mod(L);
        m.put("R = identity, real key (nonce 0)", new Case(v.publicKey(), message, concat(IDENTITY, le32(smallOrderRS))));
        return m;
    }
}
