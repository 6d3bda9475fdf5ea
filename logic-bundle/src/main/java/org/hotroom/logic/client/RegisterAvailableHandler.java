package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.account.UserIds;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Legacy API" / "Account registration" — GET /_matrix/client/v3/register/available.

/**
 * Whether a username could be registered now: 200 {@code {"available": true}}, or 400
 * {@code M_INVALID_USERNAME} / {@code M_USER_IN_USE}. A missing {@code username} is 400
 * {@code M_MISSING_PARAM}. Nothing is reserved.
 */
public final class RegisterAvailableHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String username = call.query().first("username");
        if (username == null) {
            throw MatrixError.missingParam("Missing query parameter 'username'");
        }
        String localpart = UserIds.localpartForRegistration(username, call.serverName());
        if (new AccountStore(call.storage().keyValue()).exists(localpart)) {
            throw RegisterHandler.userInUse();
        }
        ObjectNode body = Json.object();
        body.put("available", true);
        return Responses.ok(body);
    }
}
