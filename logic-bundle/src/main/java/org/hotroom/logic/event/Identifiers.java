package org.hotroom.logic.event;

import org.hotroom.logic.room.RoomVersion;

/**
 * The identifier grammars an event is checked against (spec appendices, "Identifier Grammar").
 * Each check returns null when the value is acceptable, else a reason meant to follow the field
 * name in an error message.
 *
 * <p>Events from other servers are checked with the grammars servers "MUST accept", which are
 * looser than what a server may mint itself: user IDs in events may have "historical" localparts
 * ("any legal non-surrogate Unicode code points except for {@code :} and {@code NUL}, including
 * other control characters and the empty string"). Every ID is at most 255 bytes of UTF-8.
 */
public final class Identifiers {

    /** The limit on user, room and event IDs (appendices "User Identifiers", "Room IDs", "Event IDs"). */
    public static final int MAX_ID_BYTES = 255;

    /** Characters of the unpadded base64 encoding of a SHA-256 hash (32 bytes). */
    public static final int HASH_ID_CHARS = 43;

    private Identifiers() {}

    /**
     * The server name grammar (appendices "Server Name"):
     * {@code hostname [":" port]}, hostname an IPv4 literal, a bracketed IPv6 literal of 2 to 45
     * characters {@code 0-9 A-F a-f : .}, or a DNS name of 1 to 255 characters
     * {@code 0-9 A-Z a-z - .}; port 1 to 5 digits. (An IPv4 literal is also a DNS name by this
     * grammar.)
     */
    public static String serverNameError(String s) {
        if (s.isEmpty()) {
            return "has an empty server name";
        }
        int portColon;
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0) {
                return "has an unterminated IPv6 literal in its server name";
            }
            int n = close - 1;
            if (n < 2 || n > 45) {
                return "has an IPv6 literal of " + n + " characters (2 to 45 allowed)";
            }
            for (int i = 1; i < close; i++) {
                char c = s.charAt(i);
                if (!(isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
                    return "has a character not allowed in an IPv6 literal: " + describe(c);
                }
            }
            if (close + 1 == s.length()) {
                return null;
            }
            if (s.charAt(close + 1) != ':') {
                return "has unexpected characters after its IPv6 literal";
            }
            portColon = close + 1;
        } else {
            portColon = s.indexOf(':');
            int end = portColon < 0 ? s.length() : portColon;
            if (end == 0) {
                return "has an empty host name";
            }
            if (end > 255) {
                return "has a host name longer than 255 characters";
            }
            for (int i = 0; i < end; i++) {
                char c = s.charAt(i);
                if (!(isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.')) {
                    return "has a character not allowed in a host name: " + describe(c);
                }
            }
            if (portColon < 0) {
                return null;
            }
        }
        int digits = s.length() - portColon - 1;
        if (digits < 1 || digits > 5) {
            return "has a port of " + digits + " digits (1 to 5 allowed)";
        }
        for (int i = portColon + 1; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return "has a port that is not a number";
            }
        }
        return null;
    }

    /**
     * A user ID as events may carry it: {@code @localpart:server_name}, the localpart any
     * non-surrogate code points except {@code :} and NUL (historical user IDs included, empty too),
     * at most 255 bytes.
     */
    public static String userIdError(String s) {
        return sigilIdError(s, '@', "user ID");
    }

    /**
     * A room ID of a room version: {@code !opaque_id:domain} up to v11 (appendices "Room IDs": the
     * localpart any non-surrogate code points except {@code :} and NUL), {@code !} plus a
     * URL-safe reference hash in v12 ("room IDs are simply the event ID of the m.room.create
     * event using ! as the sigil").
     */
    public static String roomIdError(RoomVersion version, String s) {
        if (version.roomIdIsCreateEventHash()) {
            return hashIdError(s, '!', true, "room ID");
        }
        return sigilIdError(s, '!', "room ID");
    }

    /**
     * An event ID of a room version: {@code $opaque_id:domain} in v1 and v2 (rooms/v1 "Event IDs"),
     * {@code $} plus a 43-character reference hash in v3 (standard base64) and v4 and later (URL-safe).
     */
    public static String eventIdError(RoomVersion version, String s) {
        return switch (version.eventFormat()) {
            case V1 -> sigilIdError(s, '$', "event ID");
            case V2 -> hashIdError(s, '$', false, "event ID");
            case V3 -> hashIdError(s, '$', true, "event ID");
        };
    }

    /** The server name of a user ID already checked by {@link #userIdError}. */
    public static String domainOf(String id) {
        return id.substring(id.indexOf(':') + 1);
    }

    /** UTF-8 length of {@code s}. */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String sigilIdError(String s, char sigil, String what) {
        if (s.isEmpty() || s.charAt(0) != sigil) {
            return "is not a " + what + " (must start with '" + sigil + "')";
        }
        if (utf8Length(s) > MAX_ID_BYTES) {
            return "is longer than " + MAX_ID_BYTES + " bytes";
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return "is not a " + what + " (no ':' before the server name)";
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "contains NUL";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < colon && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains a lone surrogate";
                }
            }
        }
        return serverNameError(s.substring(colon + 1));
    }

    private static String hashIdError(String s, char sigil, boolean urlSafe, String what) {
        if (s.isEmpty() || s.charAt(0) != sigil) {
            return "is not a " + what + " (must start with '" + sigil + "')";
        }
        String alphabet = urlSafe ? "URL-safe" : "standard";
        if (s.length() != HASH_ID_CHARS + 1) {
            return "is not a " + what + " of this room version ('" + sigil + "' and " + HASH_ID_CHARS
                    + " characters of " + alphabet + " unpadded base64 expected)";
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c)
                    || (urlSafe ? (c == '-' || c == '_') : (c == '+' || c == '/'));
            if (!ok) {
                return "is not a " + what + " of this room version (character " + describe(c)
                        + " is not " + alphabet + " base64)";
            }
        }
        // 43 characters carry 258 bits for 256: the last character's two low bits must be zero,
        // as in every encoding of a hash.
        if ((sextet(s.charAt(s.length() - 1)) & 0x3) != 0) {
            return "is not a " + what + " of this room version (not the encoding of a 32-byte hash)";
        }
        return null;
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (isDigit(c)) {
            return c - '0' + 52;
        }
        return (c == '+' || c == '-') ? 62 : 63;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String describe(char c) {
        if (c >= 0x21 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
