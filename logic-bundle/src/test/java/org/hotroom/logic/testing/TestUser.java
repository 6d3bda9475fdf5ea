package org.hotroom.logic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A registered user (one device) of a {@link TestServer}, with shortcuts for the client API. */
public final class TestUser {

    public static final String API = "/_matrix/client/v3";

    public final TestServer server;
    public final String userId;
    public final String token;
    public final String deviceId;
    private int txn;

    private TestUser(TestServer server, JsonNode login) {
        this.server = server;
        this.userId = login.get("user_id").asText();
        this.token = login.get("access_token").asText();
        this.deviceId = login.get("device_id").asText();
    }

    /** Registers {@code username} (password "pw"). */
    public static TestUser register(TestServer server, String username) {
        return new TestUser(server, server.register(username, "pw"));
    }

    /** The same user on a new device (a password login). */
    public TestUser newDevice() {
        return new TestUser(server, server.login(userId, "pw"));
    }

    /** A path segment, percent-encoded. */
    public static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Reply get(String path) {
        return server.call("GET", API + path, new byte[0], "Authorization", TestServer.bearer(token));
    }

    public Reply post(String path, String json) {
        return server.call("POST", API + path, json.getBytes(StandardCharsets.UTF_8), "Authorization", TestServer.bearer(token));
    }

    public Reply put(String path, String json) {
        return server.call("PUT", API + path, json.getBytes(StandardCharsets.UTF_8), "Authorization", TestServer.bearer(token));
    }

    public Reply delete(String path) {
        return server.call("DELETE", API + path, new byte[0], "Authorization", TestServer.bearer(token));
    }

    /** Creates a room (asserting 200) and returns its ID. */
    public String createRoom(String json) {
        Reply r = post("/createRoom", json);
        assertEquals(200, r.status(), r.toString());
        return r.json().get("room_id").asText();
    }

    /** {@code PUT /rooms/{roomId}/send/{type}/{fresh txnId}}. */
    public Reply send(String roomId, String type, String content) {
        return put("/rooms/" + enc(roomId) + "/send/" + enc(type) + "/t" + (++txn), content);
    }

    /** Sends an {@code m.text} message (asserting 200) and returns its event ID. */
    public String say(String roomId, String text) {
        Reply r = send(roomId, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"" + text + "\"}");
        assertEquals(200, r.status(), r.toString());
        return r.json().get("event_id").asText();
    }

    public Reply roomPost(String roomId, String action, String json) {
        return post("/rooms/" + enc(roomId) + "/" + action, json);
    }

    public Reply join(String roomIdOrAlias) {
        return post("/join/" + enc(roomIdOrAlias), "{}");
    }

    public Reply state(String roomId, String type, String stateKey) {
        return get("/rooms/" + enc(roomId) + "/state/" + enc(type) + "/" + enc(stateKey));
    }

    public Reply putState(String roomId, String type, String stateKey, String content) {
        return put("/rooms/" + enc(roomId) + "/state/" + enc(type) + "/" + enc(stateKey), content);
    }

    public Reply event(String roomId, String eventId) {
        return get("/rooms/" + enc(roomId) + "/event/" + enc(eventId));
    }

    @Override
    public String toString() {
        return userId;
    }
}
