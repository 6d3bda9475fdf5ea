package org.hotroom.logic.crypto;

import java.util.Arrays;

/**
 * An Ed25519 seed with its public key, derived once. Made only by {@link Ed25519#signingKey}, so
 * the two halves always belong together. {@link #toString} does not show the seed.
 */
public final class SigningKey {

    private final byte[] seed;
    private final byte[] publicKey;
    /** seed || public key: libsodium's secret key layout, built on first use. */
    private volatile byte[] secretKey;

    SigningKey(byte[] seed, byte[] publicKey) {
        if (seed.length != Ed25519.SEED_BYTES || publicKey.length != Ed25519.PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("Ed25519 seed and public key are 32 bytes each");
        }
        this.seed = seed.clone();
        this.publicKey = publicKey.clone();
    }

    /** A copy of the 32-byte seed. */
    public byte[] seed() {
        return seed.clone();
    }

    /** A copy of the 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key in unpadded base64, as published in server keys. */
    public String publicKeyBase64() {
        return UnpaddedBase64.encode(publicKey);
    }

    /** The seed itself, not a copy: for implementations in this package only. */
    byte[] seedBytes() {
        return seed;
    }

    /** The public key itself, not a copy: for implementations in this package only. */
    byte[] publicKeyBytes() {
        return publicKey;
    }

    /** seed || public key (64 bytes), not a copy: for implementations in this package only. */
    byte[] secretKeyBytes() {
        byte[] sk = secretKey;
        if (sk == null) {
            sk = Arrays.copyOf(seed, Ed25519.PRIVATE_KEY_BYTES);
            System.arraycopy(publicKey, 0, sk, Ed25519.SEED_BYTES, Ed25519.PUBLIC_KEY_BYTES);
            secretKey = sk;
        }
        return sk;
    }

    @Override
    public String toString() {
        return "SigningKey[ed25519 public " + publicKeyBase64() + "]";
    }
}
