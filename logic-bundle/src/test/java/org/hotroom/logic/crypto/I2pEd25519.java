package org.hotroom.logic.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import net.i2p.crypto.eddsa.EdDSAEngine;
import net.i2p.crypto.eddsa.EdDSAPrivateKey;
import net.i2p.crypto.eddsa.EdDSAPublicKey;
import net.i2p.crypto.eddsa.spec.EdDSANamedCurveTable;
import net.i2p.crypto.eddsa.spec.EdDSAParameterSpec;
import net.i2p.crypto.eddsa.spec.EdDSAPrivateKeySpec;
import net.i2p.crypto.eddsa.spec.EdDSAPublicKeySpec;

/** Benchmark and test candidate only: net.i2p.crypto:eddsa 0.3.0 (pure Java, 2018). */
final class I2pEd25519 implements Ed25519 {

    private static final EdDSAParameterSpec SPEC = EdDSANamedCurveTable.getByName(EdDSANamedCurveTable.ED_25519);

    @Override
    public String implementationName() {
        return "i2p eddsa 0.3.0";
    }

    @Override
    public byte[] publicKeyFromSeed(byte[] seed) {
        return new EdDSAPrivateKeySpec(seed, SPEC).getA().toByteArray();
    }

    @Override
    public byte[] sign(SigningKey key, byte[] message) {
        try {
            EdDSAEngine engine = new EdDSAEngine(MessageDigest.getInstance("SHA-512"));
            engine.initSign(new EdDSAPrivateKey(new EdDSAPrivateKeySpec(key.seedBytes(), SPEC)));
            return engine.signOneShot(message);
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
            EdDSAEngine engine = new EdDSAEngine(MessageDigest.getInstance("SHA-512"));
            engine.initVerify(new EdDSAPublicKey(new EdDSAPublicKeySpec(publicKey, SPEC)));
            return engine.verifyOneShot(message, signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
