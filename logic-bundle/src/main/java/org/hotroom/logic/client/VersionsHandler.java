package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "API Versions" — GET /_matrix/client/versions.

/**
 * The spec versions this server speaks. r0.6.1 stays for older clients (matrix-nio uses r0); the
 * list stops at v1.12 on purpose: advertising a version tells clients they may use what it added,
 * so it grows as the endpoints do (the spec's latest release is v1.19). No unstable features.
 */
public final class VersionsHandler implements Handler {

    public static final List<String> VERSIONS = List.of(
            "r0.6.1",
            "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11", "v1.12");

    @Override
    public Outcome handle(Call call) {
        ObjectNode body = Json.object();
        body.set("versions", Json.strings(VERSIONS.toArray(String[]::new)));
        body.putObject("unstable_features");
        return Responses.ok(body);
    }
}
