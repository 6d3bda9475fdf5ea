package org.hotroom.logic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hotroom.api.Exchange;
import org.hotroom.api.Headers;
import org.hotroom.api.Listener;
import org.hotroom.api.Logic;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.logic.HotroomLogic;
import org.hotroom.logic.LogicConfig;

/**
 * Drives {@link HotroomLogic#step} with real Exchange and Request objects against a real store
 * ({@link TestStorage}: LMDB in a temporary directory, one step scope per call, committed after a
 * normal return). Every exchange gets fresh entropy and a later clock.
 */
public final class TestServer {

    public static final String SERVER_NAME = "test.hotroom";
    /** Fast hashing for tests. */
    public static final LogicConfig CONFIG = new LogicConfig(SERVER_NAME, 2);

    public final Logic logic;
    public final TestStorage storage = new TestStorage();
    private int exchanges;
    private long clock = 1_700_000_000_000L;

    public TestServer() {
        this(new HotroomLogic(CONFIG));
    }

    public TestServer(Logic logic) {
        this.logic = logic;
    }

    /** A request on the client listener; {@code pathAndQuery} may carry {@code ?query}. */
    public Reply call(String method, String pathAndQuery, byte[] body, String... headers) {
        return call(Listener.CLIENT, method, pathAndQuery, body, headers);
    }

    public Reply call(Listener listener, String method, String pathAndQuery, byte[] body, String... headers) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Request request = new Request(listener, method, path, query, Headers.of(headers), body, "127.0.0.1:40000");
        exchanges++;
        clock += 1000;
        Exchange exchange = Exchange.start("x" + exchanges, request, clock, entropy(exchanges));
        Outcome out = storage.step(logic, exchange);
        return Reply.of(assertInstanceOf(Respond.class, out));
    }

    public Reply get(String pathAndQuery, String... headers) {
        return call("GET", pathAndQuery, new byte[0], headers);
    }

    public Reply post(String pathAndQuery, String json, String... headers) {
        return call("POST", pathAndQuery, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Registers through the full UIA flow; returns the 200 body. */
    public JsonNode register(String username, String password) {
        Reply first = post("/_matrix/client/v3/register",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(401, first.status(), first.toString());
        String session = first.json().get("session").asText();
        Reply done = post("/_matrix/client/v3/register", "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\",\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + session + "\"}}");
        assertEquals(200, done.status(), done.toString());
        return done.json();
    }

    /** Logs in with a password; returns the 200 body. */
    public JsonNode login(String user, String password) {
        Reply r = post("/_matrix/client/v3/login", "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\""
                + user + "\"},\"password\":\"" + password + "\"}");
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static byte[] entropy(int n) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("exchange-" + n).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
