package org.hotroom.logic.crypto;

/**
 * Signing key identifiers: {@code algorithm:version}, e.g. {@code ed25519:a_Bc1}. The spec's
 * server-server API requires the version part to be {@code [a-zA-Z0-9_]+}; the only algorithm
 * Matrix signs with is {@code ed25519}.
 */
public final class KeyIds {

    public static final String ED25519 = "ed25519";
    private static final String ED25519_PREFIX = ED25519 + ":";

    private KeyIds() {}

    /** {@code ed25519:} followed by one or more of {@code [a-zA-Z0-9_]}. */
    public static boolean isEd25519(String keyId) {
        return keyId != null && keyId.startsWith(ED25519_PREFIX) && isVersion(keyId, ED25519_PREFIX.length());
    }

    /**
     * Any well-formed key ID: an algorithm of {@code [a-z0-9_]+} (lower case, as every algorithm
     * name the spec defines is), a colon, and a version of {@code [a-zA-Z0-9_]+}.
     */
    public static boolean isWellFormed(String keyId) {
        if (keyId == null) {
            return false;
        }
        int colon = keyId.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = keyId.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return isVersion(keyId, colon + 1);
    }

    /** The algorithm part of a key ID (before the first colon), or null if there is no colon. */
    public static String algorithm(String keyId) {
        int colon = keyId == null ? -1 : keyId.indexOf(':');
        return colon < 0 ? null : keyId.substring(0, colon);
    }

    /** {@code ed25519:version}, checking the version. */
    public static String ed25519(String version) {
        String keyId = ED25519_PREFIX + version;
        if (!isEd25519(keyId)) {
            throw new IllegalArgumentException("an Ed25519 key version is [a-zA-Z0-9_]+, not '" + version + "'");
        }
        return keyId;
    }

    /** Throws unless {@link #isEd25519}. */
    public static String requireEd25519(String keyId) {
        if (!isEd25519(keyId)) {
            throw new IllegalArgumentException("not an Ed25519 key ID (ed25519:[a-zA-Z0-9_]+): '" + keyId + "'");
        }
        return keyId;
    }

    private static boolean isVersion(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
