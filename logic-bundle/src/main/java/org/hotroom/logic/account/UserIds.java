package org.hotroom.logic.account;

import java.nio.charset.StandardCharsets;
import org.hotroom.logic.http.MatrixError;

/**
 * User ID grammar (spec appendix "Identifier Grammar" / "User Identifiers", since v1.8):
 * {@code @localpart:server_name}, localpart of {@code a-z 0-9 . _ = - / +}, not empty, the whole
 * ID at most 255 bytes.
 */
public final class UserIds {

    /** The spec's limit on a whole user ID, in bytes. */
    public static final int MAX_USER_ID_BYTES = 255;

    private UserIds() {}

    public static String userId(String localpart, String serverName) {
        return "@" + localpart + ":" + serverName;
    }

    /** True when every character is allowed in a (non-historical) localpart and it is not empty. */
    public static boolean isValidLocalpart(String localpart) {
        if (localpart.isEmpty()) {
            return false;
        }
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '=' || c == '-' || c == '/' || c == '+';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The localpart to register for a requested {@code username}. The spec lets a server map a
     * username onto the grammar "in a logical manner" or refuse it; hotroom maps only upper-case
     * ASCII to lower case (the spec's rationale asks servers to downcase) and otherwise refuses
     * with 400 {@code M_INVALID_USERNAME}.
     */
    public static String localpartForRegistration(String username, String serverName) {
        String localpart = asciiLower(username);
        if (!isValidLocalpart(localpart)) {
            throw new MatrixError(400, "M_INVALID_USERNAME",
                    "User ID localparts may only contain a-z, 0-9, '.', '_', '=', '-', '/' and '+', and must not be empty");
        }
        if (userId(localpart, serverName).getBytes(StandardCharsets.UTF_8).length > MAX_USER_ID_BYTES) {
            throw new MatrixError(400, "M_INVALID_USERNAME",
                    "User ID would be longer than " + MAX_USER_ID_BYTES + " bytes");
        }
        return localpart;
    }

    /**
     * The local account a login names, from a full user ID or a bare localpart, matched the way
     * registration maps usernames; null when it names another server or cannot be a local user.
     */
    public static String localpartForLogin(String user, String serverName) {
        String localpart = user;
        if (user.startsWith("@")) {
            int colon = user.indexOf(':');
            if (colon < 0 || !user.substring(colon + 1).equals(serverName)) {
                return null;
            }
            localpart = user.substring(1, colon);
        }
        localpart = asciiLower(localpart);
        return isValidLocalpart(localpart) ? localpart : null;
    }

    private static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return sb.toString();
    }
}
