package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.hotroom.host.bench.MatrixClient;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real server with two users in one room: alice created it (private chat, so invite only) and
 * invited bob, who joined; alice said hello.
 */
abstract class RoomTestBase extends ServerTestBase {

    MatrixClient alice;
    MatrixClient bob;
    String room;

    @BeforeEach
    void twoUsersInARoom() throws Exception {
        var h = MatrixClient.http();
        String base = "http://127.0.0.1:" + server.clientPort();
        alice = MatrixClient.register(h, base, "alice", "alice's password");
        bob = MatrixClient.register(h, base, "bob", "bob's password");
        room = alice.createRoom("private_chat");
        alice.invite(room, bob.userId());
        bob.join(room);
        alice.send(room, MatrixClient.text("hello")).expect(200, "send hello");
    }

    static String enc(String s) {
        return MatrixClient.enc(s);
    }

    String roomPath(String rest) {
        return "/_matrix/client/v3/rooms/" + enc(room) + rest;
    }

    static void assertError(MatrixClient.Reply r, int status, String... errcodes) {
        assertEquals(status, r.status(), r.body());
        assertTrue(List.of(errcodes).contains(r.errcode()), "expected " + String.join(" or ", errcodes) + ": " + r.body());
        assertTrue(!r.json().path("error").asText().isEmpty(), "error message missing in " + r.body());
    }

    /**
     * What alice can see of the room and of herself: the timeline back to its start, the current
     * state, the members, her profile and her sync position.
     */
    record View(List<String> timeline, TreeMap<String, String> state, String members, String profile, String since) {}

    View view(MatrixClient who) throws Exception {
        List<String> timeline = new ArrayList<>();
        String from = null;
        for (int page = 0; page < 100; page++) {
            MatrixClient.Reply m = who.call("GET", roomPath("/messages?dir=b&limit=50" + (from == null ? "" : "&from=" + enc(from))), null)
                    .expect(200, "messages");
            for (JsonNode e : m.json().path("chunk")) {
                timeline.add(e.path("event_id").asText());
            }
            if (!m.json().hasNonNull("end") || m.json().path("chunk").isEmpty()) {
                break;
            }
            from = m.json().path("end").asText();
        }
        TreeMap<String, String> state = new TreeMap<>();
        for (JsonNode e : who.call("GET", roomPath("/state"), null).expect(200, "state").json()) {
            state.put(e.path("type").asText() + "|" + e.path("state_key").asText(), e.path("event_id").asText());
        }
        String members = who.call("GET", roomPath("/joined_members"), null).expect(200, "joined_members").json()
                .path("joined").toString();
        String profile = who.call("GET", "/_matrix/client/v3/profile/" + enc(who.userId()), null).body();
        String since = who.sync(null, 0, null).expect(200, "sync").json().path("next_batch").asText();
        return new View(timeline, state, members, profile, since);
    }

    /** Alice's view is what it was, and her /sync since then reports nothing in the room. */
    void assertUnchanged(MatrixClient who, View before) throws Exception {
        View after = view(who);
        assertEquals(before.timeline(), after.timeline(), "timeline changed");
        assertEquals(before.state(), after.state(), "state changed");
        assertEquals(before.members(), after.members(), "members changed");
        assertEquals(before.profile(), after.profile(), "profile changed");
        JsonNode sync = who.sync(before.since(), 0, null).expect(200, "sync since").json();
        JsonNode events = sync.path("rooms").path("join").path(room).path("timeline").path("events");
        assertTrue(events.isMissingNode() || events.isEmpty(), "new events in the room: " + events);
    }
}
