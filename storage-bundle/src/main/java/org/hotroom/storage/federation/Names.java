package org.hotroom.storage.federation;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Strings used as (parts of) keys here: server names, key IDs, exchange IDs. None may be empty,
 * hold a control character (below U+0020; so 0x00 can separate a server name from what follows,
 * and 0x01 bounds a scan of one server's keys) or an unpaired surrogate (it would not survive
 * UTF-8 and back).
 */
final class Names {

    /** Server names are at most 255 bytes (the spec's limit); key IDs are short too. */
    static final int MAX_NAME = 255;

    private Names() {}

    static byte[] utf8(String s, String what, int max) {
        Objects.requireNonNull(s, what);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                throw new IllegalArgumentException(what + " has a control character at index " + i);
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > max) {
            throw new IllegalArgumentException(what + " must have 1.." + max + " bytes of UTF-8, not " + b.length);
        }
        if (!new String(b, StandardCharsets.UTF_8).equals(s)) {
            throw new IllegalArgumentException(what + " has an unpaired surrogate");
        }
        return b;
    }

    static String string(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** {@code a + sep + b}. */
    static byte[] join(byte[] a, int sep, byte[] b) {
        byte[] k = new byte[a.length + 1 + b.length];
        System.arraycopy(a, 0, k, 0, a.length);
        k[a.length] = (byte) sep;
        System.arraycopy(b, 0, k, a.length + 1, b.length);
        return k;
    }

    /** {@code a + sep}: with 0x01, the least key above every {@code a + 0x00 + ...}. */
    static byte[] with(byte[] a, int sep) {
        return join(a, sep, new byte[0]);
    }
}
