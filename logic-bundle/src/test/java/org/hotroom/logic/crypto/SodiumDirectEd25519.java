package org.hotroom.logic.crypto;

import com.sun.jna.Native;
import java.io.IOException;

/**
 * Benchmark and test candidate only: the same libsodium as {@link SodiumEd25519}, bound with JNA's
 * direct mapping ({@code Native.register}). Faster per call, but it pins the registering class
 * (and its class loader) in JNA's static caches, so it is unfit for a bundle that is reloaded;
 * see {@link SodiumEd25519}.
 */
final class SodiumDirectEd25519 implements Ed25519 {

    /** Direct-mapped natives, registered once per class loader. */
    static final class Natives {
        private Natives() {}

        static native int sodium_init();

        static native int crypto_sign_seed_keypair(byte[] pk, byte[] sk, byte[] seed);

        static native int crypto_sign_detached(byte[] sig, long[] siglenP, byte[] m, long mlen, byte[] sk);

        static native int crypto_sign_verify_detached(byte[] sig, byte[] m, long mlen, byte[] pk);
    }

    private static SodiumDirectEd25519 instance;

    static synchronized SodiumDirectEd25519 create() throws IOException {
        if (instance == null) {
            SodiumLoader.Opened opened = SodiumLoader.open(System::getProperty);
            Native.register(Natives.class, opened.library());
            if (Natives.sodium_init() < 0) {
                throw new IllegalStateException("sodium_init failed");
            }
            instance = new SodiumDirectEd25519();
        }
        return instance;
    }

    private SodiumDirectEd25519() {}

    @Override
    public String implementationName() {
        return "libsodium (JNA direct mapping)";
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        byte[] pk = new byte[PUBLIC_KEY_BYTES];
        if (Natives.crypto_sign_seed_keypair(pk, new byte[PRIVATE_KEY_BYTES], seed) != 0) {
            throw new IllegalStateException("crypto_sign_seed_keypair failed");
        }
        return pk;
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        byte[] sig = new byte[SIGNATURE_BYTES];
        if (Natives.crypto_sign_detached(sig, null, message, message.length, key.secretKeyBytes()) != 0) {
            throw new IllegalStateException("crypto_sign_detached failed");
        }
        return sig;
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        return Natives.crypto_sign_verify_detached(signature, message, message.length, publicKey) == 0;
    }
}
