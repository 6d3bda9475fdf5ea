package org.hotroom.logic.auth;

import java.nio.charset.StandardCharsets;

/**
 * The identifier grammar the rules rely on (spec appendix "Identifier Grammar"). Events over
 * federation may carry historical user IDs, so "valid user ID" here is the grammar servers MUST
 * accept: {@code @localpart:server_name} where the localpart is any non-surrogate code points but
 * {@code :} and NUL (possibly empty, "Historical User IDs"), the server name follows the
 * "Server Name" grammar, and the whole ID is at most 255 bytes of UTF-8.
 */
final class Identifiers {

    static final int MAX_ID_BYTES = 255;

    private Identifiers() {}

    /**
     * The domain of an ID of the form {@code &localpart:domain} (what follows the first
     * {@code :}), or null when there is no {@code :}.
     */
    static String domain(String id) {
        if (id == null) {
            return null;
        }
        int colon = id.indexOf(':');
        return colon < 0 ? null : id.substring(colon + 1);
    }

    /** Whether {@code s} is a user ID that servers must accept over federation (see class comment). */
    static boolean isValidUserId(String s) {
        if (s == null || s.length() < 3 || s.charAt(0) != '@') {
            return false;
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= colon || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        if (!isValidServerName(s.substring(colon + 1))) {
            return false;
        }
        return s.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES;
    }

    /**
     * The appendix's grammar: {@code hostname [ ":" port ]}, port 1–5 digits, hostname an IPv4
     * literal, a bracketed IPv6 literal (2–45 of {@code 0-9 A-F a-f : .}) or 1–255 of
     * {@code 0-9 A-Z a-z - .} (which includes dotted-quad IPv4).
     */
    static boolean isValidServerName(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        String host;
        String port = null;
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0) {
                return false;
            }
            String v6 = s.substring(1, close);
            if (v6.length() < 2 || v6.length() > 45) {
                return false;
            }
            for (int i = 0; i < v6.length(); i++) {
                char c = v6.charAt(i);
                boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                        || c == ':' || c == '.';
                if (!ok) {
                    return false;
                }
            }
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return false;
                }
                port = rest.substring(1);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0) {
                host = s.substring(0, colon);
                port = s.substring(colon + 1);
            } else {
                host = s;
            }
            if (host.isEmpty() || host.length() > 255) {
                return false;
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                        || c == '-' || c == '.';
                if (!ok) {
                    return false;
                }
            }
        }
        if (port != null) {
            if (port.isEmpty() || port.length() > 5) {
                return false;
            }
            for (int i = 0; i < port.length(); i++) {
                char c = port.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    /** A value for a reason: quoted string, or "absent". */
    static String show(String s) {
        return s == null ? "absent" : '"' + s + '"';
    }
}
