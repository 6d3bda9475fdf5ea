package org.hotroom.logic.crypto;

import java.math.BigInteger;

/**
 * The edwards25519 group operations that verification needs, in the extended coordinates of Hisil
 * et al. (the reference implementation's representations): a point is (X : Y : Z : T) with
 * x = X/Z, y = Y/Z, xy = T/Z, stored as four {@link Field25519} elements in one array.
 *
 * <p><b>Fixed-base tables.</b> Checking a signature computes R' = [s]B + [h](-A). Both B and, for
 * a key seen often, -A are fixed, so each gets a table: for rows j = 0..31 the multiples
 * m 256^j P, affine, in the form (y + x, y - x, 2dxy) that a mixed addition takes (7 field
 * multiplications). A key's table holds m = 1..8: h is recoded into 64 signed radix-16 digits in
 * [-8, 8] (h = sum d_i 16^i), and [h](-A) is the sum over its odd digits, times 16 (4 doublings),
 * plus the sum over its even digits. B's table, made once, holds m = 1..128, so s takes 32
 * signed radix-256 digits directly. That is 96 mixed additions and 4 doublings in all, against
 * about 250 doublings and 90 additions for the usual variable-base double scalar multiplication.
 * A key's table is 32 x 8 x 3 elements, 30 KiB, and costs about five checks to build (8
 * doublings and 7 additions a row, one inversion for all 256 points); B's is 480 KiB.
 *
 * <p>{@link #decodeNegated} follows libsodium's {@code ge25519_frombytes_negate_vartime} step by
 * step, so that a key decodes here exactly when it does there.
 */
final class Edwards25519 {

    private Edwards25519() {}

    private static final int N = Field25519.LIMBS;
    static final int POINT = 4 * N;
    private static final int X = 0;
    private static final int Y = N;
    private static final int Z = 2 * N;
    private static final int T = 3 * N;

    static final int ROWS = 32;
    /** Multiples per row of a key's table: signed radix-16 digits. */
    static final int MULTIPLES = 8;
    /** Multiples per row of the base point's table: signed radix-256 digits. */
    static final int BASE_MULTIPLES = 128;
    /** One table entry: y + x, y - x, 2dxy. */
    private static final int ENTRY = 3 * N;

    private static final BigInteger P = Field25519.P;
    private static final BigInteger D_VALUE =
            BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final long[] D = Field25519.of(D_VALUE);
    private static final long[] D2 = Field25519.of(D_VALUE.shiftLeft(1));
    private static final long[] SQRT_M1 = Field25519.of(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P));

    /** The base point B: y = 4/5, x positive. */
    private static final long[] BASE_TABLE;

    static {
        byte[] b = new byte[32];
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        byte[] be = y.toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) {
            b[i] = be[be.length - 1 - i];
        }
        long[] minusB = new long[POINT];
        if (!decodeNegated(minusB, b)) {
            throw new IllegalStateException("the base point does not decode");
        }
        long[] base = new long[POINT];
        negate(base, minusB);
        BASE_TABLE = table(base, BASE_MULTIPLES);
    }

    /**
     * Decodes the 32-byte encoding {@code s} and stores its negation in {@code h}; false if the
     * encoding is not a point (no square root). Does not check canonical encoding or small order.
     */
    static boolean decodeNegated(long[] h, byte[] s) {
        long[] u = new long[N];
        long[] v = new long[N];
        long[] v3 = new long[N];
        long[] vxx = new long[N];
        long[] check = new long[N];
        Field25519.fromBytes(h, Y, s, 0);
        Field25519.one(h, Z);
        Field25519.sq(u, 0, h, Y);
        Field25519.mul(v, 0, u, 0, D, 0);
        Field25519.sub(u, 0, u, 0, h, Z);          // u = y^2 - 1
        Field25519.add(v, 0, v, 0, h, Z);          // v = dy^2 + 1
        Field25519.sq(v3, 0, v, 0);
        Field25519.mul(v3, 0, v3, 0, v, 0);        // v^3
        Field25519.sq(h, X, v3, 0);
        Field25519.mul(h, X, h, X, v, 0);
        Field25519.mul(h, X, h, X, u, 0);          // u v^7
        Field25519.pow22523(h, X, h, X);           // (u v^7)^((p-5)/8)
        Field25519.mul(h, X, h, X, v3, 0);
        Field25519.mul(h, X, h, X, u, 0);          // x = u v^3 (u v^7)^((p-5)/8)
        Field25519.sq(vxx, 0, h, X);
        Field25519.mul(vxx, 0, vxx, 0, v, 0);
        Field25519.sub(check, 0, vxx, 0, u, 0);    // v x^2 - u
        if (!Field25519.isZero(check, 0)) {
            Field25519.add(check, 0, vxx, 0, u, 0); // v x^2 + u
            if (!Field25519.isZero(check, 0)) {
                return false;
            }
            Field25519.mul(h, X, h, X, SQRT_M1, 0);
        }
        if (Field25519.isNegative(h, X) == ((s[31] & 0x80) != 0)) {
            Field25519.neg(h, X, h, X);
        }
        Field25519.mul(h, T, h, X, h, Y);
        return true;
    }

    /** h = -p. */
    static void negate(long[] h, long[] p) {
        Field25519.neg(h, X, p, X);
        Field25519.copy(h, Y, p, Y);
        Field25519.copy(h, Z, p, Z);
        Field25519.neg(h, T, p, T);
    }

    /** A key's fixed-base table: 8 multiples a row (see the class comment). */
    static long[] table(long[] p) {
        return table(p, MULTIPLES);
    }

    /** The fixed-base table of p: for rows j = 0..31, the multiples m 256^j p, m = 1..multiples. */
    static long[] table(long[] p, int multiples) {
        int n = ROWS * multiples;
        long[] xyz = new long[n * 3 * N];
        long[] base = p.clone();
        long[] cached = new long[POINT];
        long[] acc = new long[POINT];
        long[] r = new long[POINT];
        for (int row = 0; row < ROWS; row++) {
            toCached(cached, base);
            System.arraycopy(base, 0, acc, 0, POINT);
            for (int m = 0; m < multiples; m++) {
                if (m > 0) {
                    addCached(r, acc, cached);
                    p1p1ToP3(acc, r);
                }
                System.arraycopy(acc, 0, xyz, (row * multiples + m) * 3 * N, 3 * N);
            }
            if (row + 1 < ROWS) {
                // base = 256 base
                for (int i = 0; i < 8; i++) {
                    dbl(r, base);
                    if (i < 7) {
                        p1p1ToP2(base, r);
                    } else {
                        p1p1ToP3(base, r);
                    }
                }
            }
        }
        // one inversion for all: prefix products, then walk back
        long[] prefix = new long[n * N];
        Field25519.copy(prefix, 0, xyz, Z);
        for (int k = 1; k < n; k++) {
            Field25519.mul(prefix, k * N, prefix, (k - 1) * N, xyz, k * 3 * N + Z);
        }
        long[] inv = new long[N];
        Field25519.invert(inv, 0, prefix, (n - 1) * N);
        long[] zinv = new long[N];
        long[] x = new long[N];
        long[] y = new long[N];
        long[] table = new long[n * ENTRY];
        for (int k = n - 1; k >= 0; k--) {
            if (k > 0) {
                Field25519.mul(zinv, 0, inv, 0, prefix, (k - 1) * N);
                Field25519.mul(inv, 0, inv, 0, xyz, k * 3 * N + Z);
            } else {
                Field25519.copy(zinv, 0, inv, 0);
            }
            Field25519.mul(x, 0, xyz, k * 3 * N + X, zinv, 0);
            Field25519.mul(y, 0, xyz, k * 3 * N + Y, zinv, 0);
            int e = k * ENTRY;
            Field25519.add(table, e, y, 0, x, 0);
            Field25519.sub(table, e + N, y, 0, x, 0);
            Field25519.mul(table, e + 2 * N, x, 0, y, 0);
            Field25519.mul(table, e + 2 * N, table, e + 2 * N, D2, 0);
        }
        return table;
    }

    /**
     * Writes the encoding of [a]B + [b]P, where {@code table} is P's, into {@code out}: a and b
     * are 32-byte little-endian scalars below 2^253. b's 64 radix-16 digits take P's table in two
     * passes around four doublings; a's 32 radix-256 digits take B's larger table directly, so
     * 96 mixed additions in all.
     */
    static void doubleFixedBase(byte[] out, byte[] a, int aOff, byte[] b, int bOff, long[] table) {
        int[] da = digits256(a, aOff);
        byte[] db = digits(b, bOff);
        long[] acc = new long[POINT];
        Field25519.one(acc, Y);
        Field25519.one(acc, Z);
        long[] r = new long[POINT];
        long[] scratch = new long[2 * N];
        for (int i = 1; i < 64; i += 2) {
            addDigit(acc, r, scratch, table, MULTIPLES, i >> 1, db[i]);
        }
        dbl(r, acc);
        p1p1ToP2(acc, r);
        dbl(r, acc);
        p1p1ToP2(acc, r);
        dbl(r, acc);
        p1p1ToP2(acc, r);
        dbl(r, acc);
        p1p1ToP3(acc, r);
        for (int i = 0; i < 64; i += 2) {
            addDigit(acc, r, scratch, table, MULTIPLES, i >> 1, db[i]);
        }
        for (int j = 0; j < ROWS; j++) {
            addDigit(acc, r, scratch, BASE_TABLE, BASE_MULTIPLES, j, da[j]);
        }
        encode(out, acc);
    }

    /** Signed radix-256 digits in [-128, 128] of a 32-byte little-endian scalar below 2^253. */
    static int[] digits256(byte[] k, int off) {
        int[] e = new int[32];
        int carry = 0;
        for (int j = 0; j < 32; j++) {
            int d = (k[off + j] & 0xff) + carry;
            carry = d > 128 ? 1 : 0;
            e[j] = d - (carry << 8);
        }
        return e;
    }

    /** The encoding of p: y, with the sign of x in the top bit. */
    static void encode(byte[] out, long[] p) {
        long[] zinv = new long[N];
        long[] x = new long[N];
        long[] y = new long[N];
        Field25519.invert(zinv, 0, p, Z);
        Field25519.mul(x, 0, p, X, zinv, 0);
        Field25519.mul(y, 0, p, Y, zinv, 0);
        Field25519.toBytes(out, 0, y, 0);
        if (Field25519.isNegative(x, 0)) {
            out[31] |= (byte) 0x80;
        }
    }

    /** Signed radix-16 digits in [-8, 8] of a 32-byte little-endian scalar below 2^255. */
    static byte[] digits(byte[] k, int off) {
        byte[] e = new byte[64];
        for (int i = 0; i < 32; i++) {
            e[2 * i] = (byte) (k[off + i] & 15);
            e[2 * i + 1] = (byte) ((k[off + i] >> 4) & 15);
        }
        int carry = 0;
        for (int i = 0; i < 63; i++) {
            int d = e[i] + carry;
            carry = (d + 8) >> 4;
            e[i] = (byte) (d - (carry << 4));
        }
        e[63] = (byte) (e[63] + carry);
        return e;
    }

    /** acc += d 256^row P, with P's table of {@code multiples} a row; |d| &le; multiples. */
    private static void addDigit(long[] acc, long[] r, long[] s, long[] table, int multiples, int row, int d) {
        if (d == 0) {
            return;
        }
        int e = (row * multiples + (d > 0 ? d : -d) - 1) * ENTRY;
        Field25519.add(s, 0, acc, Y, acc, X);      // Y + X
        Field25519.sub(s, N, acc, Y, acc, X);     // Y - X
        if (d > 0) {
            Field25519.mul(r, Z, s, 0, table, e);          // A = (Y + X)(y + x)
            Field25519.mul(r, Y, s, N, table, e + N);    // B = (Y - X)(y - x)
        } else {
            Field25519.mul(r, Z, s, 0, table, e + N);     // subtracting: (y + x) and (y - x) swap
            Field25519.mul(r, Y, s, N, table, e);
        }
        Field25519.mul(r, T, table, e + 2 * N, acc, T);       // C = 2dxy T
        Field25519.add(s, 0, acc, Z, acc, Z);              // D = 2Z
        Field25519.sub(r, X, r, Z, r, Y);                  // E = A - B
        Field25519.add(r, Y, r, Z, r, Y);                  // H = A + B
        if (d > 0) {
            Field25519.add(r, Z, s, 0, r, T);              // G = D + C
            Field25519.sub(r, T, s, 0, r, T);              // F = D - C
        } else {
            Field25519.sub(r, Z, s, 0, r, T);
            Field25519.add(r, T, s, 0, r, T);
        }
        p1p1ToP3(acc, r);
    }

    /** r (completed) = 2 p, p read as (X : Y : Z). */
    static void dbl(long[] r, long[] p) {
        long[] t0 = new long[N];
        Field25519.sq(r, X, p, X);                 // XX
        Field25519.sq(r, Z, p, Y);                 // YY
        Field25519.sq2(r, T, p, Z);                // 2 ZZ
        Field25519.add(r, Y, p, X, p, Y);
        Field25519.sq(t0, 0, r, Y);                // (X + Y)^2
        Field25519.add(r, Y, r, Z, r, X);          // YY + XX
        Field25519.sub(r, Z, r, Z, r, X);          // YY - XX
        Field25519.sub(r, X, t0, 0, r, Y);
        Field25519.sub(r, T, r, T, r, Z);
    }

    /** q = p in the form an addition takes: (Y + X, Y - X, Z, 2dT). */
    private static void toCached(long[] q, long[] p) {
        Field25519.add(q, X, p, Y, p, X);
        Field25519.sub(q, Y, p, Y, p, X);
        Field25519.copy(q, Z, p, Z);
        Field25519.mul(q, T, p, T, D2, 0);
    }

    /** r (completed) = p + q, q cached. */
    private static void addCached(long[] r, long[] p, long[] q) {
        long[] s = new long[2 * N];
        Field25519.add(s, 0, p, Y, p, X);
        Field25519.sub(s, N, p, Y, p, X);
        Field25519.mul(r, Z, s, 0, q, X);          // A
        Field25519.mul(r, Y, s, N, q, Y);         // B
        Field25519.mul(r, T, q, T, p, T);          // C
        Field25519.mul(s, 0, p, Z, q, Z);
        Field25519.add(s, 0, s, 0, s, 0);          // D
        Field25519.sub(r, X, r, Z, r, Y);          // E
        Field25519.add(r, Y, r, Z, r, Y);          // H
        Field25519.add(r, Z, s, 0, r, T);          // G
        Field25519.sub(r, T, s, 0, r, T);          // F
    }

    /** p = r, completed (E, H, G, F) to extended: (EF : HG : GF : EH). */
    private static void p1p1ToP3(long[] p, long[] r) {
        Field25519.mul(p, X, r, X, r, T);
        Field25519.mul(p, Y, r, Y, r, Z);
        Field25519.mul(p, Z, r, Z, r, T);
        Field25519.mul(p, T, r, X, r, Y);
    }

    /** p = r, completed to projective (T not computed). */
    private static void p1p1ToP2(long[] p, long[] r) {
        Field25519.mul(p, X, r, X, r, T);
        Field25519.mul(p, Y, r, Y, r, Z);
        Field25519.mul(p, Z, r, Z, r, T);
    }
}
