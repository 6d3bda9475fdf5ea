package org.hotroom.logic.crypto;

/**
 * BouncyCastle's low-level RFC 8032 code ({@code org.bouncycastle.math.ec.rfc8032.Ed25519}, no JCA
 * layer). Pure Java, about half libsodium's speed: the fallback when libsodium cannot load.
 * BouncyCastle is a shared bundle ({@code bcprov}), imported optionally: without it, loading this
 * class fails and {@link Ed25519Selection} moves on. Verification first applies libsodium's input
 * checks ({@link StrictEd25519Checks}), so it accepts what libsodium accepts.
 */
final class BouncyCastleEd25519 implements Ed25519 {

    BouncyCastleEd25519() {
        org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
    }

    @Override
    public String implementationName() {
        Package p = org.bouncycastle.math.ec.rfc8032.Ed25519.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return "BouncyCastle" + (version == null ? "" : " " + version) + " (rfc8032, pure Java)";
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
        }
        byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return publicKey;
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(key.seedBytes(), 0, key.publicKeyBytes(), 0, message, 0,
                message.length, signature, 0);
        return signature;
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (!StrictEd25519Checks.acceptable(publicKey, signature)) {
            return false;
        }
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }
}
