package org.hotroom.logic.auth;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Ed25519 from the JDK, for the tests: raw 32-byte public keys in and out. */
final class TestEd25519 {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519, before the 32 key bytes. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private TestEd25519() {}

    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != 32 || signature.length != 64) {
            return false;
        }
        try {
            byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
            System.arraycopy(publicKey, 0, der, X509_PREFIX.length, 32);
            PublicKey pk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pk);
            s.update(message);
            return s.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    /** A key pair: the JDK pair and its raw public key. */
    record Key(KeyPair pair, byte[] publicKey) {
        byte[] sign(byte[] message) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(pair.getPrivate());
                s.update(message);
                return s.sign();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Key generate() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] der = kp.getPublic().getEncoded();
            return new Key(kp, Arrays.copyOfRange(der, der.length - 32, der.length));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
