package org.hotroom.logic.crypto;

import cafe.cryptography.curve25519.InvalidEncodingException;
import cafe.cryptography.ed25519.Ed25519PrivateKey;
import cafe.cryptography.ed25519.Ed25519PublicKey;
import cafe.cryptography.ed25519.Ed25519Signature;

/** Benchmark and test candidate only: cafe.cryptography:ed25519-elisabeth 0.1.0 (pure Java port of curve25519-dalek). */
final class ElisabethEd25519 implements Ed25519 {

    @Override
    public String implementationName() {
        return "ed25519-elisabeth 0.1.0";
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        return Ed25519PrivateKey.fromByteArray(seed).derivePublic().toByteArray();
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        Ed25519PrivateKey privateKey = Ed25519PrivateKey.fromByteArray(key.seedBytes());
        try {
            return privateKey.expand().sign(message, Ed25519PublicKey.fromByteArray(key.publicKeyBytes())).toByteArray();
        } catch (InvalidEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            return Ed25519PublicKey.fromByteArray(publicKey).verify(message, Ed25519Signature.fromByteArray(signature));
        } catch (InvalidEncodingException | RuntimeException e) {
            return false;
        }
    }
}
