package org.hotroom.logic.crypto;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Arrays;

/**
 * libsodium's {@code crypto_sign_*}, called through JNA {@link Function} objects. Made by
 * {@link SodiumLoader} (or a test) from an opened library; the constructor looks the functions up
 * and runs {@code sodium_init}.
 *
 * <p><b>Why {@code Function.invoke} and not JNA's faster-looking direct mapping
 * ({@code Native.register})</b>: {@code Native.register(cls, lib)} caches options for {@code cls}
 * in a static {@code WeakHashMap} whose value refers back to {@code cls} (JNA 5.14,
 * {@code Native.cacheOptions}), so the registered class, and with it every class of the logic
 * generation that loaded it, could never be collected: one leaked generation per reload. Function
 * objects live in the shared JNA bundle's {@code NativeLibrary} and refer to nothing of ours. The
 * price, a few hundred nanoseconds of argument handling on a call of about 40 µs, is measured in
 * docs/BENCHMARKS.md ({@code sodium-jna-function} against {@code sodium-jna-direct}).
 *
 * <p>libsodium (1.0.18, default build) verifies strictly: it rejects a non-canonical S (S &ge; L), a
 * small-order R or public key, and a non-canonical public key encoding. Synapse verifies through
 * PyNaCl, that is libsodium, so this matches the reference server.
 */
final class SodiumEd25519 implements Ed25519 {

    private final String name;
    private final Function seedKeypair;
    private final Function signDetached;
    private final Function verifyDetached;

    /**
     * @throws UnsatisfiedLinkError if the library lacks one of the functions
     * @throws IllegalStateException if {@code sodium_init} fails
     */
    SodiumEd25519(NativeLibrary library, String origin) {
        Function init = library.getFunction("sodium_init");
        String version = library.getFunction("sodium_version_string").invokeString(new Object[0], false);
        this.seedKeypair = library.getFunction("crypto_sign_seed_keypair");
        this.signDetached = library.getFunction("crypto_sign_detached");
        this.verifyDetached = library.getFunction("crypto_sign_verify_detached");
        int rc = init.invokeInt(new Object[0]);
        if (rc < 0) {
            throw new IllegalStateException("sodium_init failed (" + rc + ")");
        }
        this.name = "libsodium " + version + " (JNA " + com.sun.jna.Native.VERSION + ", " + origin + ")";
    }

    @Override
    public String implementationName() {
        return name;
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
        }
        byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
        byte[] secretKey = new byte[PRIVATE_KEY_BYTES];
        try {
            check(seedKeypair.invokeInt(new Object[] {publicKey, secretKey, seed}), "crypto_sign_seed_keypair");
        } finally {
            Arrays.fill(secretKey, (byte) 0);
        }
        return publicKey;
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        // int crypto_sign_detached(unsigned char *sig, unsigned long long *siglen_p,
        //                          const unsigned char *m, unsigned long long mlen, const unsigned char *sk)
        check(signDetached.invokeInt(new Object[] {signature, null, message, (long) message.length,
                key.secretKeyBytes()}), "crypto_sign_detached");
        return signature;
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        // int crypto_sign_verify_detached(const unsigned char *sig, const unsigned char *m,
        //                                 unsigned long long mlen, const unsigned char *pk)
        return verifyDetached.invokeInt(new Object[] {signature, message, (long) message.length, publicKey}) == 0;
    }

    private static void check(int rc, String function) {
        if (rc != 0) {
            throw new IllegalStateException(function + " failed (" + rc + ")");
        }
    }
}
