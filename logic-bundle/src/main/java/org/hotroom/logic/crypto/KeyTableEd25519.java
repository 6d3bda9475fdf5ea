package org.hotroom.logic.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ed25519 verification with a precomputed table per public key ({@link KeyTables},
 * {@link Edwards25519}), for the federation's load: many signatures under few keys. A key's
 * first signatures are checked by {@code cold} (libsodium); once the key has its table
 * ({@link KeyTables#BUILD_AT}), the check is [s]B + [h](-A) from two fixed-base tables, about three times fewer field operations.
 *
 * <p>It accepts exactly what libsodium 1.0.18's {@code crypto_sign_verify_detached} accepts, which
 * is what Synapse accepts: the same input checks ({@link StrictEd25519Checks}: S &lt; L, R and A
 * not of small order, A canonical), the same decoding of A, h = SHA-512(R || A || M) mod L, and
 * acceptance only if the encoding of [s]B + [h](-A) equals R byte for byte (the cofactorless
 * equation). {@code KeyTableEd25519Test} checks the agreement against libsodium itself.
 * Signing and key derivation are {@code cold}'s.
 */
final class KeyTableEd25519 implements Ed25519 {

    private static final BigInteger L = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    /** Cloned for each check: cheaper than looking the algorithm up, and never used itself. */
    private static final MessageDigest SHA512_PROTOTYPE = sha512();

    private final Ed25519 cold;
    private final boolean coldChecksFirstUse;
    private final KeyTables tables;

    /**
     * @param cold               signs, derives keys and, if {@code coldChecksFirstUse}, checks a
     *                           key's first signature; only libsodium itself may do that, since no
     *                           other library here accepts exactly what it accepts
     * @param coldChecksFirstUse false: every key gets its table on its first signature
     */
    KeyTableEd25519(Ed25519 cold, boolean coldChecksFirstUse, int capacity) {
        this(cold, coldChecksFirstUse, capacity, KeyTables.BUILD_AT);
    }

    /** As above, with a key's table built on its {@code buildAt}th signature (tests use 2). */
    KeyTableEd25519(Ed25519 cold, boolean coldChecksFirstUse, int capacity, int buildAt) {
        this.cold = cold;
        this.coldChecksFirstUse = coldChecksFirstUse;
        this.tables = new KeyTables(capacity, coldChecksFirstUse ? buildAt : 1);
    }

    /** With libsodium ({@code cold}) for a key's first signatures. */
    KeyTableEd25519(Ed25519 cold) {
        this(cold, true, KeyTables.DEFAULT_CAPACITY);
    }

    @Override
    public String implementationName() {
        return coldChecksFirstUse
                ? "hotroom key tables (first use of a key: " + cold.implementationName() + ")"
                : "hotroom key tables (every key's table on first use; signing: " + cold.implementationName() + ")";
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        return cold.publicKeyFromSeed(seed);
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        return cold.sign(key, message);
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || !StrictEd25519Checks.acceptable(publicKey, signature)) {
            return false;
        }
        KeyTables.Found found = tables.lookup(publicKey);
        switch (found.kind()) {
            case COLD:
                return cold.verify(publicKey, message, signature);
            case NOT_A_POINT:
                return false;
            default:
                break;
        }
        byte[] h = challenge(signature, publicKey, message);
        byte[] check = new byte[32];
        Edwards25519.doubleFixedBase(check, signature, 32, h, 0, found.table());
        for (int i = 0; i < 32; i++) {
            if (check[i] != signature[i]) {
                return false; // no secret is compared: an early exit leaks nothing
            }
        }
        return true;
    }

    /** The memo, for tests. */
    KeyTables tables() {
        return tables;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from the JDK", e);
        }
    }

    /** h = SHA-512(R || A || M) mod L, 32 bytes little-endian. */
    private static byte[] challenge(byte[] signature, byte[] publicKey, byte[] message) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) SHA512_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            sha = sha512();
        }
        sha.update(signature, 0, 32);
        sha.update(publicKey);
        sha.update(message);
        byte[] digest = sha.digest();
        byte[] be = new byte[65];
        for (int i = 0; i < 64; i++) {
            be[64 - i] = digest[i];
        }
        byte[] reduced = new BigInteger(be).mod(L).toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < reduced.length && i < 32; i++) {
            le[i] = reduced[reduced.length - 1 - i];
        }
        return le;
    }
}
