package org.hotroom.logic.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * The JDK's own provider ({@code Signature.getInstance("Ed25519")}, SunEC, Java 15+). Always
 * present, slowest by far (about 1/15 of libsodium): the last fallback. Verification first applies
 * libsodium's input checks ({@link StrictEd25519Checks}), so it accepts what libsodium accepts.
 */
final class JdkEd25519 implements Ed25519 {

    /** SubjectPublicKeyInfo DER prefix for an Ed25519 key (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    JdkEd25519() {
        try {
            Signature.getInstance("Ed25519");
            KeyFactory.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 provider", e);
        }
    }

    @Override
    public String implementationName() {
        return "JDK " + Runtime.version().feature() + " (" + providerName() + ")";
    }

    private static String providerName() {
        try {
            return Signature.getInstance("Ed25519").getProvider().getName();
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
        }
        try {
            // The JDK derives public keys only when generating a pair: feed it the seed as its "randomness".
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] used = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            if (!Arrays.equals(used, seed)) {
                throw new IllegalStateException("the JDK's Ed25519 key generator did not use the seed as given");
            }
            byte[] encoded = pair.getPublic().getEncoded();
            return Arrays.copyOfRange(encoded, encoded.length - PUBLIC_KEY_BYTES, encoded.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key.seedBytes()));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        // the JDK alone accepts a small-order public key (any message "verifies" under the neutral element)
        if (!StrictEd25519Checks.acceptable(publicKey, signature)) {
            return false;
        }
        byte[] spki = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_BYTES);
        System.arraycopy(publicKey, 0, spki, X509_PREFIX.length, PUBLIC_KEY_BYTES);
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // an undecodable key or signature: invalid, not an error
            return false;
        }
    }

    /** "Randomness" that is the seed: lets the key pair generator derive a given seed's public key. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("asked for " + bytes.length + " bytes, expected " + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
