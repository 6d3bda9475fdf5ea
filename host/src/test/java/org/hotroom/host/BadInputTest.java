package org.hotroom.host;

import org.hotroom.host.bench.MatrixClient;
import org.junit.jupiter.api.Test;

/**
 * The bad input on a real server: unknown endpoints, bad JSON, missing or invalid tokens,
 * oversized events, sending into a room one has left. Each gets its Matrix error, and no other
 * user's data changes.
 */
class BadInputTest extends RoomTestBase {

    private static final String BIG = "x".repeat(70_000);

    @Test
    void unknownEndpoints() throws Exception {
        View before = view(alice);
        assertError(bob.call("GET", roomPath("/no_such_thing"), null), 404, "M_UNRECOGNIZED");
        assertError(bob.call("POST", "/_matrix/client/v3/createRoomz", "{}".getBytes()), 404, "M_UNRECOGNIZED");
        assertError(bob.call("PUT", "/_matrix/client/v3/rooms", "{}".getBytes()), 404, "M_UNRECOGNIZED");
        assertError(bob.call("PATCH", roomPath("/send/m.room.message/t1"), "{}".getBytes()), 405, "M_UNRECOGNIZED");
        assertError(bob.call("DELETE", roomPath("/state/m.room.topic/"), null), 405, "M_UNRECOGNIZED");
        assertUnchanged(alice, before);
    }

    @Test
    void badJson() throws Exception {
        View before = view(alice);
        assertError(bob.call("PUT", roomPath("/send/m.room.message/j1"), "not json".getBytes()), 400, "M_NOT_JSON");
        assertError(bob.call("PUT", roomPath("/send/m.room.message/j2"), "{\"body\": ".getBytes()), 400, "M_NOT_JSON");
        assertError(bob.call("PUT", roomPath("/send/m.room.message/j3"), "[1, 2]".getBytes()), 400, "M_BAD_JSON");
        assertError(bob.call("PUT", roomPath("/send/m.room.message/j4"),
                "{\"body\": \"a\", \"body\": \"b\"}".getBytes()), 400, "M_BAD_JSON", "M_NOT_JSON");
        assertError(bob.call("PUT", roomPath("/state/m.room.topic/"), "\"topic\"".getBytes()), 400, "M_BAD_JSON");
        assertError(bob.call("POST", roomPath("/invite"), "{\"user_id\": 5}".getBytes()), 400,
                "M_BAD_JSON", "M_INVALID_PARAM");
        assertError(alice.call("POST", "/_matrix/client/v3/createRoom", "{\"preset\": ".getBytes()), 400, "M_NOT_JSON");
        assertError(bob.call("POST", roomPath("/kick"), "{}".getBytes()), 400, "M_BAD_JSON", "M_MISSING_PARAM");
        assertUnchanged(alice, before);
    }

    @Test
    void missingOrInvalidTokens() throws Exception {
        View before = view(alice);
        String base = "http://127.0.0.1:" + server.clientPort();
        MatrixClient nobody = new MatrixClient(MatrixClient.http(), base, "@nobody:localhost:8448", null);
        assertError(nobody.send(room, MatrixClient.text("no token")), 401, "M_MISSING_TOKEN");
        assertError(nobody.sync(null, 0, null), 401, "M_MISSING_TOKEN");
        MatrixClient forged = new MatrixClient(MatrixClient.http(), base, bob.userId(), "syt_not_a_token");
        assertError(forged.send(room, MatrixClient.text("forged")), 401, "M_UNKNOWN_TOKEN");
        assertError(forged.call("PUT", roomPath("/state/m.room.topic/"), JSON.createObjectNode().put("topic", "t")), 401, "M_UNKNOWN_TOKEN");
        assertError(forged.call("POST", roomPath("/kick"), "{\"user_id\": \"@alice:localhost:8448\"}".getBytes()),
                401, "M_UNKNOWN_TOKEN");
        // a token that was logged out
        MatrixClient bob2 = MatrixClient.login(MatrixClient.http(), base, "bob", "bob's password");
        bob2.call("POST", "/_matrix/client/v3/logout", "{}".getBytes()).expect(200, "logout");
        assertError(bob2.send(room, MatrixClient.text("after logout")), 401, "M_UNKNOWN_TOKEN");
        assertError(bob2.sync(null, 0, null), 401, "M_UNKNOWN_TOKEN");
        assertUnchanged(alice, before);
    }

    @Test
    void oversizedEvents() throws Exception {
        View before = view(alice);
        // the spec's limit: an event of more than 65536 bytes as canonical JSON
        assertError(bob.send(room, MatrixClient.text(BIG)), 413, "M_TOO_LARGE");
        assertError(bob.call("PUT", roomPath("/state/m.room.topic/"),
                JSON.createObjectNode().put("topic", BIG)), 413, "M_TOO_LARGE");
        assertError(bob.call("PUT", roomPath("/state/org.example.big/" + "k".repeat(300)),
                JSON.createObjectNode().put("v", "x".repeat(65_300))), 413, "M_TOO_LARGE");
        assertUnchanged(alice, before);
        // a message just under the limit still goes
        bob.send(room, MatrixClient.text("y".repeat(60_000))).expect(200, "a large but allowed message");
    }

    @Test
    void sendingIntoARoomOneHasLeft() throws Exception {
        MatrixClient carol = MatrixClient.register(MatrixClient.http(), "http://127.0.0.1:" + server.clientPort(),
                "carol", "carol's password");
        bob.call("POST", roomPath("/leave"), "{}".getBytes()).expect(200, "leave");
        View before = view(alice);
        assertError(bob.send(room, MatrixClient.text("still here?")), 403, "M_FORBIDDEN");
        assertError(bob.call("PUT", roomPath("/state/m.room.topic/"), JSON.createObjectNode().put("topic", "t")), 403, "M_FORBIDDEN");
        assertError(bob.call("POST", roomPath("/invite"), ("{\"user_id\": \"" + carol.userId() + "\"}").getBytes()),
                403, "M_FORBIDDEN");
        assertError(bob.call("PUT", roomPath("/redact/" + enc(before.timeline().get(0)) + "/r1"), "{}".getBytes()),
                403, "M_FORBIDDEN");
        assertUnchanged(alice, before);
        // and into a room that does not exist: 403 M_FORBIDDEN or 404 M_NOT_FOUND
        MatrixClient.Reply none = bob.call("PUT", "/_matrix/client/v3/rooms/" + enc("!nope:localhost:8448")
                + "/send/m.room.message/n1", MatrixClient.text("void"));
        assertError(none, none.status() == 404 ? 404 : 403, none.status() == 404 ? "M_NOT_FOUND" : "M_FORBIDDEN");
    }
}
