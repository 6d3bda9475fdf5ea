package org.hotroom.logic.crypto;

/**
 * The input checks libsodium (1.0.18, default build) makes before it verifies, for the pure-Java
 * fallbacks, so that every implementation this server may run accepts exactly the signatures
 * Synapse accepts (Synapse verifies with PyNaCl, that is libsodium). Verifiers that disagree on
 * edge cases split the federation's view of which events are valid.
 *
 * <ul>
 *   <li>S must be canonical: S &lt; L;</li>
 *   <li>R must not be a point of small order (order 1, 2, 4 or 8);</li>
 *   <li>the public key A must be canonically encoded (y &lt; p) and not of small order.</li>
 * </ul>
 * Small-order points are recognised by their encoding, with the sign bit ignored, against the list
 * libsodium uses ({@code ge25519_has_small_order}); {@code StrictEd25519ChecksTest} recomputes it.
 */
final class StrictEd25519Checks {

    private StrictEd25519Checks() {}

    /** L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
    private static final byte[] L = {
        (byte) 0xed, (byte) 0xd3, (byte) 0xf5, (byte) 0x5c, (byte) 0x1a, (byte) 0x63, (byte) 0x12, (byte) 0x58,
        (byte) 0xd6, (byte) 0x9c, (byte) 0xf7, (byte) 0xa2, (byte) 0xde, (byte) 0xf9, (byte) 0xde, (byte) 0x14,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x10};

    /** Encodings (y, little-endian, sign bit clear) of the points of order dividing 8, and of y = p, p + 1. */
    static final byte[][] SMALL_ORDER = {
        // y = 0: (+-sqrt(-1), 0), order 4
        hex("0000000000000000000000000000000000000000000000000000000000000000"),
        // y = 1: the neutral element, order 1
        hex("0100000000000000000000000000000000000000000000000000000000000000"),
        // order 8
        hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        // order 8 (p - the one above)
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        // y = p - 1: (0, -1), order 2
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        // y = p (non-canonical 0), order 4
        hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        // y = p + 1 (non-canonical 1), order 1
        hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    };

    /** True if a signature with these bytes may be checked at all; false if libsodium would refuse it outright. */
    static boolean acceptable(byte[] publicKey, byte[] signature) {
        return publicKey.length == Ed25519.PUBLIC_KEY_BYTES
                && signature.length == Ed25519.SIGNATURE_BYTES
                && canonicalScalar(signature, 32)
                && !smallOrder(signature, 0)
                && canonicalPoint(publicKey)
                && !smallOrder(publicKey, 0);
    }

    /** S &lt; L for the 32 little-endian bytes at {@code off}. */
    static boolean canonicalScalar(byte[] b, int off) {
        for (int i = 31; i >= 0; i--) {
            int x = b[off + i] & 0xff;
            int l = L[i] & 0xff;
            if (x != l) {
                return x < l;
            }
        }
        return false; // equal to L
    }

    /** The encoded y (sign bit ignored) is below p = 2^255 - 19. */
    static boolean canonicalPoint(byte[] a) {
        if ((a[31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i > 0; i--) {
            if ((a[i] & 0xff) != 0xff) {
                return true;
            }
        }
        return (a[0] & 0xff) < 0xed;
    }

    /** The encoding at {@code off} is one of {@link #SMALL_ORDER}, whatever its sign bit. */
    static boolean smallOrder(byte[] b, int off) {
        for (byte[] s : SMALL_ORDER) {
            boolean same = true;
            for (int i = 0; i < 31 && same; i++) {
                same = b[off + i] == s[i];
            }
            if (same && (b[off + 31] & 0x7f) == s[31]) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
