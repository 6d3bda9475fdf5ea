package org.hotroom.logic.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of URI path segments and query components (RFC 3986 section 2.1): every
 * {@code %} must be followed by two hex digits, and the decoded bytes must be valid UTF-8.
 */
public final class PercentDecoding {

    private PercentDecoding() {}

    /** Decodes a path segment ({@code +} stays {@code +}); null when malformed. */
    public static String pathSegment(String raw) {
        return decode(raw, false);
    }

    /** Decodes a query name or value ({@code +} means space); null when malformed. */
    public static String queryComponent(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || raw.charAt(i + 1) > 0x7F || raw.charAt(i + 2) > 0x7F) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // a raw non-ASCII character (the shell should not pass these, but be exact)
                int cp = raw.codePointAt(i);
                if (Character.isSurrogate(raw.charAt(i)) && Character.charCount(cp) == 1) {
                    return null;
                }
                byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(enc, 0, enc.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
