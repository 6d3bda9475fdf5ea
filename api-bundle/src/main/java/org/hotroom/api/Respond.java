package org.hotroom.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The final answer to an exchange: status, headers and body bytes, sent as they are. */
public record Respond(int status, Headers headers, byte[] body) implements Outcome {

    public Respond {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        headers = headers == null ? Headers.EMPTY : headers;
        Objects.requireNonNull(body, "body");
    }

    /** A JSON response from already serialized JSON text. */
    public static Respond json(int status, String json) {
        return new Respond(status, Headers.of("content-type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Respond[" + status + ", " + body.length + " bytes]";
    }
}
