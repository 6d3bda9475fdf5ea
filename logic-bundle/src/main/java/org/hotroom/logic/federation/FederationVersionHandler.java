package org.hotroom.logic.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: server-server API, "Server implementation" — GET /_matrix/federation/v1/version.

/**
 * The implementation name and the version of the running logic build ({@code Logic.version()}),
 * which is how a reload can be observed from outside.
 */
public final class FederationVersionHandler implements Handler {

    public static final String NAME = "hotroom";

    @Override
    public Outcome handle(Call call) {
        ObjectNode body = Json.object();
        ObjectNode server = body.putObject("server");
        server.put("name", NAME);
        server.put("version", call.version());
        return Responses.ok(body);
    }
}
