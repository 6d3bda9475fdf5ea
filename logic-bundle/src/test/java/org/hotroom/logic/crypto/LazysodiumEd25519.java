package org.hotroom.logic.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.interfaces.Sign;

/**
 * Benchmark and test candidate only: com.goterl:lazysodium-java 5.1.4 (libsodium 1.0.18 through
 * JNA direct mapping, extracting its bundled library to a new temporary file per class loader).
 */
final class LazysodiumEd25519 implements Ed25519 {

    private static LazysodiumEd25519 instance;

    private final Sign.Native sodium;

    static synchronized LazysodiumEd25519 create() {
        if (instance == null) {
            instance = new LazysodiumEd25519(new LazySodiumJava(new SodiumJava()));
        }
        return instance;
    }

    private LazysodiumEd25519(Sign.Native sodium) {
        this.sodium = sodium;
    }

    @Override
    public String implementationName() {
        return "lazysodium-java 5.1.4";
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        byte[] pk = new byte[PUBLIC_KEY_BYTES];
        if (!sodium.cryptoSignSeedKeypair(pk, new byte[PRIVATE_KEY_BYTES], seed)) {
            throw new IllegalStateException("crypto_sign_seed_keypair failed");
        }
        return pk;
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        byte[] sig = new byte[SIGNATURE_BYTES];
        if (!sodium.cryptoSignDetached(sig, message, message.length, key.secretKeyBytes())) {
            throw new IllegalStateException("crypto_sign_detached failed");
        }
        return sig;
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        return sodium.cryptoSignVerifyDetached(signature, message, message.length, publicKey);
    }
}
