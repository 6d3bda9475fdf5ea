package org.hotroom.logic.crypto;

import java.security.MessageDigest;

/**
 * Ed25519 (RFC 8032, pure, no context) over byte arrays. Implementations are thread-safe and hold
 * no secrets between calls.
 *
 * <p>Verification never throws for bad input: a key, signature or point that is malformed,
 * non-canonical or of the wrong length makes {@link #verify} return {@code false}. Which edge
 * cases count as "bad" differs between libraries (non-canonical encodings, small-order points);
 * see {@code Ed25519EdgeCasesTest} for what each candidate does.
 */
public interface Ed25519 {

    int SEED_BYTES = 32;
    int PUBLIC_KEY_BYTES = 32;
    /** libsodium's secret key layout: the seed followed by the public key. */
    int PRIVATE_KEY_BYTES = 64;
    int SIGNATURE_BYTES = 64;

    /** The implementation chosen for this logic generation (see {@link Ed25519Selection}). */
    static Ed25519 preferred() {
        return Ed25519Selection.current().implementation();
    }

    /** A short human-readable name, e.g. {@code "libsodium 1.0.18 (JNA)"} or {@code "BouncyCastle"}. */
    String implementationName();

    /** The 32-byte public key of a 32-byte seed (RFC 8032's "private key"). */
    byte[] publicKeyFromSeed(byte[] seed);

    /** Signs with a key made by {@link #signingKey}; returns the 64-byte signature. */
    byte[] sign(SigningKey key, byte[] message);

    /**
     * Checks a 64-byte signature of {@code message} by the 32-byte {@code publicKey}. Returns false
     * (never throws) for arrays of the wrong length.
     */
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);

    /**
     * A signing key from a 32-byte seed, or from a 64-byte seed-then-public-key private key (whose
     * public half must be the seed's: signing with a mismatched public key would leak the secret).
     */
    default SigningKey signingKey(byte[] seedOrPrivateKey) {
        if (seedOrPrivateKey == null) {
            throw new IllegalArgumentException("no Ed25519 key");
        }
        if (seedOrPrivateKey.length == SEED_BYTES) {
            return new SigningKey(seedOrPrivateKey, publicKeyFromSeed(seedOrPrivateKey));
        }
        if (seedOrPrivateKey.length == PRIVATE_KEY_BYTES) {
            byte[] seed = java.util.Arrays.copyOf(seedOrPrivateKey, SEED_BYTES);
            byte[] publicKey = publicKeyFromSeed(seed);
            byte[] given = java.util.Arrays.copyOfRange(seedOrPrivateKey, SEED_BYTES, PRIVATE_KEY_BYTES);
            if (!MessageDigest.isEqual(publicKey, given)) {
                throw new IllegalArgumentException("Ed25519 private key: the public half does not belong to the seed");
            }
            return new SigningKey(seed, publicKey);
        }
        throw new IllegalArgumentException("an Ed25519 seed is 32 bytes (or 64 with the public key), not "
                + seedOrPrivateKey.length);
    }

    /** Signs with a 32-byte seed or a 64-byte private key (derives the public key each call). */
    default byte[] sign(byte[] seedOrPrivateKey, byte[] message) {
        return sign(signingKey(seedOrPrivateKey), message);
    }
}
