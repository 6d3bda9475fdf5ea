package org.hotroom.logic.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.api.Headers;
import org.hotroom.api.Respond;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.Json;

/** Building responses. All JSON responses are written as canonical JSON (deterministic bytes). */
public final class Responses {

    /** The CORS headers the client-server spec recommends on every response ("Web Browser Clients"). */
    public static final Headers CORS = Headers.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS",
            "Access-Control-Allow-Headers", "X-Requested-With, Content-Type, Authorization");

    private Responses() {}

    public static Respond json(int status, JsonNode body) {
        return new Respond(status, Headers.of("Content-Type", "application/json"), CanonicalJson.encode(body));
    }

    public static Respond ok(JsonNode body) {
        return json(200, body);
    }

    /** 200 with {@code {}}. */
    public static Respond emptyObject() {
        return json(200, Json.object());
    }

    /** The response with the CORS headers added (replacing none: it never carries them before). */
    public static Respond withCors(Respond r) {
        Headers h = r.headers();
        for (String name : CORS.names()) {
            if (h.first(name) == null) {
                h = h.with(name, CORS.first(name));
            }
        }
        return new Respond(r.status(), h, r.body());
    }
}
