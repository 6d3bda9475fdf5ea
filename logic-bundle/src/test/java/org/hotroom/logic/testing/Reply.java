package org.hotroom.logic.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hotroom.api.Headers;
import org.hotroom.api.Respond;

/** A response as a test looks at it. */
public record Reply(int status, Headers headers, byte[] body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static Reply of(Respond r) {
        return new Reply(r.status(), r.headers(), r.body());
    }

    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("response is not JSON: " + text(), e);
        }
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The errcode, or null. */
    public String errcode() {
        JsonNode e = json().get("errcode");
        return e == null ? null : e.asText();
    }

    public String header(String name) {
        return headers.first(name);
    }

    @Override
    public String toString() {
        return status + " " + text();
    }
}
