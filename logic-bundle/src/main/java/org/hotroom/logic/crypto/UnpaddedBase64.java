package org.hotroom.logic.crypto;

import java.util.Base64;

/**
 * Matrix's "unpadded base64" (spec appendix "Unpadded Base64"): RFC 4648 base64 without the
 * {@code =} padding. Encoding uses the standard alphabet ({@code + /}), or the URL-safe one
 * ({@code - _}) where the spec asks for it (event IDs of room versions 4 and later).
 *
 * <p>Decoding is as lenient as the spec asks ("SHOULD accept input with or without padding
 * characters") and as Synapse is (it decodes the standard and URL-safe alphabets alike): it
 * accepts either alphabet, with or without padding, but nothing else: no whitespace, no line
 * breaks, no more padding than the length calls for, no length that no byte string encodes to
 * ({@code 4n+1} characters). Unused low bits in the last character are ignored, as by Python's
 * decoder.
 */
public final class UnpaddedBase64 {

    private static final Base64.Encoder STANDARD = Base64.getEncoder().withoutPadding();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private UnpaddedBase64() {}

    /** Standard alphabet, no padding. */
    public static String encode(byte[] bytes) {
        return STANDARD.encodeToString(bytes);
    }

    /** URL-safe alphabet ({@code -} and {@code _}), no padding. */
    public static String encodeUrlSafe(byte[] bytes) {
        return URL_SAFE.encodeToString(bytes);
    }

    /**
     * Decodes standard or URL-safe base64, padded or not.
     *
     * @throws IllegalArgumentException if {@code text} is not base64 in that sense
     */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no base64 text");
        }
        int end = text.length();
        int padding = 0;
        while (end > 0 && text.charAt(end - 1) == '=' && padding < 2) {
            end--;
            padding++;
        }
        int rest = end % 4;
        if (rest == 1) {
            throw new IllegalArgumentException("not base64: " + end + " characters encode no whole byte");
        }
        if (padding > 0 && padding != (4 - rest) % 4) {
            throw new IllegalArgumentException("not base64: wrong padding");
        }
        char[] chars = new char[end];
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '-') {
                c = '+';
            } else if (c == '_') {
                c = '/';
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                throw new IllegalArgumentException("not base64: character " + describe(c) + " at " + i);
            }
            chars[i] = c;
        }
        return DECODER.decode(new String(chars));
    }

    /** Like {@link #decode} but returns null instead of throwing. */
    public static byte[] decodeOrNull(String text) {
        try {
            return decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
