package org.hotroom.logic.account;

import org.hotroom.api.Request;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Query;
import com.fasterxml.jackson.databind.node.BooleanNode;

/**
 * Finds and checks the access token of a request (client-server API "Client Authentication" /
 * "Using access tokens"): {@code Authorization: Bearer <token>}, or the {@code access_token}
 * query parameter, which the spec deprecated in v1.11 and removes after v1.19; it is still
 * accepted because hotroom advertises older versions (r0.6.1 ... v1.12). The header wins when
 * both are sent.
 */
public final class AccessTokens {

    private AccessTokens() {}

    /** The token the request carries, or null. */
    public static String find(Request request, Query query) {
        for (String h : request.headers().all("Authorization")) {
            String v = h.trim();
            if (v.length() > 7 && v.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = v.substring(7).trim();
                if (!token.isEmpty()) {
                    return token;
                }
            }
        }
        String q = query.first("access_token");
        return q == null || q.isEmpty() ? null : q;
    }

    /** 401 M_MISSING_TOKEN. */
    public static MatrixError missing() {
        return new MatrixError(401, "M_MISSING_TOKEN", "Missing access token");
    }

    /**
     * The owner of the request's token; 401 {@code M_MISSING_TOKEN} without one, 401
     * {@code M_UNKNOWN_TOKEN} with {@code soft_logout: false} for one that is unknown or revoked
     * (hotroom never soft-logs-out: its tokens do not expire).
     */
    public static Authenticated authenticate(Request request, Query query, KeyValue kv, String serverName) {
        String token = find(request, query);
        if (token == null) {
            throw missing();
        }
        Authenticated who = new AccountStore(kv).resolve(token, serverName);
        if (who == null) {
            throw new MatrixError(401, "M_UNKNOWN_TOKEN", "Unknown or revoked access token")
                    .with("soft_logout", BooleanNode.FALSE);
        }
        return who;
    }
}
