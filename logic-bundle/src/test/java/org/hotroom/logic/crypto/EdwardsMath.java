package org.hotroom.logic.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Slow, obvious edwards25519 arithmetic (affine, BigInteger) for building and checking test inputs. */
final class EdwardsMath {

    static final BigInteger P = EdgeCases.P;
    static final BigInteger L = EdgeCases.L;
    static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

    record Point(BigInteger x, BigInteger y) {
        boolean isNeutral() {
            return x.signum() == 0 && y.equals(BigInteger.ONE);
        }
    }

    static final Point NEUTRAL = new Point(BigInteger.ZERO, BigInteger.ONE);

    private EdwardsMath() {}

    static Point add(Point a, Point b) {
        BigInteger xy = a.x.multiply(b.x).multiply(a.y).multiply(b.y).multiply(D).mod(P);
        BigInteger x = a.x.multiply(b.y).add(a.y.multiply(b.x)).multiply(BigInteger.ONE.add(xy).modInverse(P)).mod(P);
        BigInteger y = a.y.multiply(b.y).add(a.x.multiply(b.x)).multiply(BigInteger.ONE.subtract(xy).mod(P).modInverse(P)).mod(P);
        return new Point(x, y);
    }

    static Point multiply(BigInteger k, Point p) {
        Point r = NEUTRAL;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            r = add(r, r);
            if (k.testBit(i)) {
                r = add(r, p);
            }
        }
        return r;
    }

    /** RFC 8032 5.1.3 decoding; null if the encoding is not a point (non-canonical y is reduced, not refused). */
    static Point decode(byte[] enc) {
        byte[] b = enc.clone();
        boolean sign = (b[31] & 0x80) != 0;
        b[31] &= 0x7f;
        BigInteger y = EdgeCases.fromLe(b, 0).mod(P);
        BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
        BigInteger x = u.multiply(v.pow(3)).multiply(u.multiply(v.pow(7)).modPow(P.subtract(BigInteger.valueOf(5)).shiftRight(3), P)).mod(P);
        BigInteger vx2 = v.multiply(x).multiply(x).mod(P);
        if (!vx2.equals(u)) {
            if (vx2.equals(u.negate().mod(P))) {
                x = x.multiply(SQRT_M1).mod(P);
            } else {
                return null;
            }
        }
        if (x.signum() == 0 && sign) {
            return null;
        }
        if (x.testBit(0) != sign) {
            x = P.subtract(x);
        }
        return new Point(x, y);
    }

    static byte[] encode(Point p) {
        byte[] b = EdgeCases.le32(p.y);
        if (p.x.testBit(0)) {
            b[31] |= (byte) 0x80;
        }
        return b;
    }

    static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret scalar of a seed (RFC 8032 5.1.5: clamped low half of SHA-512(seed)). */
    static BigInteger secretScalar(byte[] seed) {
        byte[] h = Arrays.copyOf(sha512(seed), 32);
        h[0] &= (byte) 248;
        h[31] &= 127;
        h[31] |= 64;
        return EdgeCases.fromLe(h, 0);
    }

    /** k = SHA-512(R || A || M) mod L. */
    static BigInteger challenge(byte[] r, byte[] a, byte[] m) {
        byte[] h = sha512(r, a, m);
        byte[] be = new byte[65];
        for (int i = 0; i < 64; i++) {
            be[64 - i] = h[i];
        }
        return new BigInteger(be).mod(L);
    }
}
