package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Client Authentication" / "Current account information"
// — GET /_matrix/client/v3/account/whoami.

/** The owner of the access token: {@code user_id}, {@code device_id}, {@code is_guest} (always false). */
public final class WhoamiHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        ObjectNode body = Json.object();
        body.put("user_id", who.userId());
        body.put("device_id", who.deviceId());
        body.put("is_guest", false);
        return Responses.ok(body);
    }
}
