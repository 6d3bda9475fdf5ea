package org.hotroom.logic.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 from the JDK, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>} so every hash keeps the
 * iteration count it was made with. Comparison is constant-time.
 */
public final class PasswordHasher {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int HASH_BITS = 256;
    /** A fixed salt for hashing against no account, so unknown users cost as much as known ones. */
    private static final byte[] DECOY_SALT = new byte[16];

    private PasswordHasher() {}

    /** A new stored hash of {@code password}. */
    public static String hash(String password, byte[] salt, int iterations) {
        byte[] h = pbkdf2(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** Whether {@code password} matches {@code stored}; false for a stored value it cannot read. */
    public static boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        int iterations;
        byte[] salt;
        byte[] expected;
        try {
            iterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (iterations < 1) {
            return false;
        }
        byte[] actual = pbkdf2(password, salt, iterations);
        return MessageDigest.isEqual(actual, expected);
    }

    /** Spends the time of one verification and returns false: for logins naming no account. */
    public static boolean decoy(String password, int iterations) {
        pbkdf2(password, DECOY_SALT, iterations);
        return false;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            // the JDK encodes the password chars as UTF-8 before HMAC
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
