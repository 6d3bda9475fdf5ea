package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Adding Account Administrative Contact Information" — GET /_matrix/client/v3/account/3pid.

/**
 * The third-party identifiers bound to the caller's account: always none, since this server
 * stores no 3PIDs (and says so with {@code m.3pid_changes} disabled in
 * {@link CapabilitiesHandler}).
 */
public final class AccountThreepidsHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        call.auth();
        ObjectNode body = Json.object();
        body.putArray("threepids");
        return Responses.ok(body);
    }
}
