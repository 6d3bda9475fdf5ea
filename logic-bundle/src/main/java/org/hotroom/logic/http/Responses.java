package org.hotroom.logic.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.api.Headers;
import org.hotroom.api.Respond;
import org.hotroom.logic.event.EventJson;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.Json;

/**
 * Building responses. All JSON responses are written as canonical JSON (deterministic bytes),
 * except for numbers canonical JSON cannot hold: events of room versions 1 to 5 may carry floats
 * and integers beyond 2^53 (the spec lets other servers send them, see {@link EventJson}), and a
 * client reading such an event gets them as the pre-v6 event encoding writes them ({@code 50.57},
 * {@code 9007199254740993}), not a 500.
 */
public final class Responses {

    /** The CORS headers the client-server spec recommends on every response ("Web Browser Clients"). */
    public static final Headers CORS = Headers.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS",
            "Access-Control-Allow-Headers", "X-Requested-With, Content-Type, Authorization");

    private Responses() {}

    public static Respond json(int status, JsonNode body) {
        return new Respond(status, Headers.of("Content-Type", "application/json"),
                CanonicalJson.encode(body, Responses::number));
    }

    /**
     * A number as clients get it: canonical when it can be, else as pre-v6 events write it, and a
     * decimal that no double holds (1e400) as written.
     */
    private static String number(JsonNode v, String where) {
        try {
            return EventJson.legacyNumber(v, where);
        } catch (CanonicalJson.CanonicalJsonException e) {
            if (v.isBigDecimal()) {
                return v.decimalValue().toString();
            }
            throw e;
        }
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
