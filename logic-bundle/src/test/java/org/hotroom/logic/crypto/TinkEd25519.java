package org.hotroom.logic.crypto;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import java.security.GeneralSecurityException;

/** Benchmark and test candidate only: Google Tink 1.15.0's pure-Java Ed25519 (subtle API). */
final class TinkEd25519 implements Ed25519 {

    @Override
    public String implementationName() {
        return "Tink 1.15.0";
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        try {
            return Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        try {
            return new Ed25519Sign(key.seedBytes()).sign(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            new Ed25519Verify(publicKey).verify(signature, message);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
