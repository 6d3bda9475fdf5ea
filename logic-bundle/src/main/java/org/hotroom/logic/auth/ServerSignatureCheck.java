package org.hotroom.logic.auth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers rule 4.2.1 (room versions 8+; 5.2.1 in v12): "If the event is not validly signed by
 * the homeserver of the user ID denoted by the key [{@code join_authorised_via_users_server}],
 * reject."
 *
 * <p>Verifying needs the server's published keys, which the rules do not have. The caller that
 * checked the event's signatures (checks on receipt, step 2) supplies the answer; the rules only
 * ask it.
 */
@FunctionalInterface
public interface ServerSignatureCheck {

    /** Whether {@code event} carries a valid signature of {@code serverName}. */
    boolean isValidlySignedBy(AuthEvent event, String serverName);

    /**
     * Structural stand-in for when signatures were verified elsewhere (or are not checked at all,
     * as in the {@code check-auth} tool): true when {@code signatures} has a non-empty object for
     * the server. It cannot tell a forged signature from a real one.
     */
    ServerSignatureCheck SIGNATURE_PRESENT = (event, serverName) -> {
        JsonNode sigs = event.signatures();
        if (sigs == null || !sigs.isObject() || serverName == null) {
            return false;
        }
        JsonNode forServer = sigs.get(serverName);
        return forServer != null && forServer.isObject() && forServer.size() > 0;
    };
}
