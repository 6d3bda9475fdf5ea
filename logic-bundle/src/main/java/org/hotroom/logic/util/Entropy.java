package org.hotroom.logic.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Randomness for a step, derived only from the exchange's entropy: {@code SHA-256(entropy || 0x00
 * || label || 0x00 || counter)}, so the same exchange always derives the same values (replayable
 * steps, exact shadow runs) and distinct labels give independent values.
 *
 * <p>Each use within one exchange needs its own label; reusing a label returns the same bytes.
 */
public final class Entropy {

    private static final char[] UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final char[] BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Entropy() {}

    /** {@code n} bytes derived from {@code entropy} for {@code label}. */
    public static byte[] derive(byte[] entropy, String label, int n) {
        byte[] out = new byte[n];
        byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        int filled = 0;
        for (int counter = 0; filled < n; counter++) {
            MessageDigest sha = sha256();
            sha.update(entropy);
            sha.update((byte) 0);
            sha.update(labelBytes);
            sha.update((byte) 0);
            sha.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] block = sha.digest();
            int take = Math.min(block.length, n - filled);
            System.arraycopy(block, 0, out, filled, take);
            filled += take;
        }
        return out;
    }

    /** {@code length} upper-case letters (device IDs). Bias-free: 256 mod 26 is rejected by re-deriving. */
    public static String upperLetters(byte[] entropy, String label, int length) {
        return pick(entropy, label, length, UPPER);
    }

    /** {@code length} characters of lower-case base32 ({@code a-z2-7}), valid in user ID localparts. */
    public static String base32Lower(byte[] entropy, String label, int length) {
        return pick(entropy, label, length, BASE32_LOWER);
    }

    /** URL-safe unpadded base64 of {@code bytes} derived bytes: opaque tokens and session IDs. */
    public static String token(byte[] entropy, String label, int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(derive(entropy, label, bytes));
    }

    private static String pick(byte[] entropy, String label, int length, char[] alphabet) {
        int limit = 256 - (256 % alphabet.length); // accept bytes below this for an unbiased choice
        StringBuilder sb = new StringBuilder(length);
        for (int round = 0; sb.length() < length; round++) {
            byte[] bytes = derive(entropy, label + "#" + round, length * 2);
            for (int i = 0; i < bytes.length && sb.length() < length; i++) {
                int b = bytes[i] & 0xFF;
                if (b < limit) {
                    sb.append(alphabet[b % alphabet.length]);
                }
            }
        }
        return sb.toString();
    }

    /** SHA-256 of {@code data}. */
    public static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
