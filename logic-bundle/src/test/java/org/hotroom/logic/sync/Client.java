package org.hotroom.logic.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.hotroom.api.Exchange;
import org.hotroom.api.Headers;
import org.hotroom.api.Listener;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.Wait;
import org.hotroom.api.Woken;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;

/**
 * A logged-in user of a {@link TestServer} whose requests run on a clock the test controls, and
 * whose exchanges may take several steps (a long-poll answers {@link Wait}; the test wakes it).
 */
final class Client {

    /** The clock all clients of a test share. */
    static final class Clock {
        long now = 1_800_000_000_000L;

        void advance(long millis) {
            now += millis;
        }
    }

    final TestServer server;
    final Clock clock;
    final String userId;
    final String token;
    final String deviceId;
    private static int exchanges;

    Client(TestServer server, Clock clock, String localpart) {
        this.server = server;
        this.clock = clock;
        JsonNode reg = server.register(localpart, "pw-" + localpart);
        this.userId = reg.get("user_id").asText();
        this.token = reg.get("access_token").asText();
        this.deviceId = reg.get("device_id").asText();
    }

    /** One exchange in progress. */
    final class Poll {
        Exchange exchange;
        Outcome outcome;

        Poll(Exchange exchange) {
            this.exchange = exchange;
            this.outcome = server.storage.step(server.logic, exchange);
        }

        Wait waiting() {
            return assertInstanceOf(Wait.class, outcome, () -> "expected a wait, got " + describe(outcome));
        }

        Reply reply() {
            return Reply.of(assertInstanceOf(Respond.class, outcome, () -> "expected a response, got " + outcome));
        }

        /** Wakes the waiting exchange as the shell would, at the clock's time; returns this. */
        Poll wake(boolean timedOut) {
            Wait w = waiting();
            long position = server.storage.position(w.stream());
            exchange = exchange.withWoken(new Woken(w, position, timedOut), clock.now);
            outcome = server.storage.step(server.logic, exchange);
            return this;
        }
    }

    private static String describe(Outcome o) {
        return o instanceof Respond r ? Reply.of(r).toString() : String.valueOf(o);
    }

    Poll start(String method, String pathAndQuery, String body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Request request = new Request(Listener.CLIENT, method, path, query,
                Headers.of("Authorization", "Bearer " + token), body.getBytes(StandardCharsets.UTF_8), "127.0.0.1:40001");
        clock.advance(1);
        exchanges++;
        byte[] entropy = new byte[32];
        entropy[0] = (byte) exchanges;
        entropy[1] = (byte) (exchanges >> 8);
        return new Poll(Exchange.start("c" + exchanges, request, clock.now, entropy));
    }

    Reply call(String method, String pathAndQuery, String body) {
        return start(method, pathAndQuery, body).reply();
    }

    Reply get(String pathAndQuery) {
        return call("GET", pathAndQuery, "");
    }

    /** A 200 body, or a failed test. */
    JsonNode ok(String method, String pathAndQuery, String body) {
        Reply r = call(method, pathAndQuery, body);
        assertEquals(200, r.status(), () -> method + " " + pathAndQuery + ": " + r);
        return r.json();
    }

    JsonNode sync(String query) {
        return ok("GET", "/_matrix/client/v3/sync" + (query.isEmpty() ? "" : "?" + query), "");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- rooms, through the client-server API ---

    private static int txns;

    String createRoom(String body) {
        return ok("POST", "/_matrix/client/v3/createRoom", body).get("room_id").asText();
    }

    String send(String roomId, String text) {
        return sendEvent(roomId, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"" + text + "\"}", "t" + (++txns));
    }

    String sendEvent(String roomId, String type, String content, String txnId) {
        return ok("PUT", "/_matrix/client/v3/rooms/" + enc(roomId) + "/send/" + enc(type) + "/" + enc(txnId), content)
                .get("event_id").asText();
    }

    String setState(String roomId, String type, String stateKey, String content) {
        return ok("PUT", "/_matrix/client/v3/rooms/" + enc(roomId) + "/state/" + enc(type) + "/" + enc(stateKey), content)
                .get("event_id").asText();
    }

    void invite(String roomId, String userId) {
        ok("POST", "/_matrix/client/v3/rooms/" + enc(roomId) + "/invite", "{\"user_id\":\"" + userId + "\"}");
    }

    void join(String roomId) {
        ok("POST", "/_matrix/client/v3/rooms/" + enc(roomId) + "/join", "{}");
    }

    void leave(String roomId) {
        ok("POST", "/_matrix/client/v3/rooms/" + enc(roomId) + "/leave", "{}");
    }

    String redact(String roomId, String eventId) {
        return ok("PUT", "/_matrix/client/v3/rooms/" + enc(roomId) + "/redact/" + enc(eventId) + "/r" + (++txns), "{}")
                .get("event_id").asText();
    }

    Reply messages(String roomId, String query) {
        return get("/_matrix/client/v3/rooms/" + enc(roomId) + "/messages?" + query);
    }
}
