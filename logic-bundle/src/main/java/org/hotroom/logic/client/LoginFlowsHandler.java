package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Legacy API" / "Login" — GET /_matrix/client/v3/login.

/** The login types {@link LoginHandler} accepts: {@code m.login.password}. */
public final class LoginFlowsHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        ObjectNode body = Json.object();
        body.putArray("flows").addObject().put("type", LoginHandler.PASSWORD);
        return Responses.ok(body);
    }
}
