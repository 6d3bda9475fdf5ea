package org.hotroom.logic.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /rooms/{roomId}/context/{eventId}}, which clients call to open a room at its read
 * marker or at a linked event; it was missing (404 M_UNRECOGNIZED).
 */
class ContextTest {

    private final TestServer server = new TestServer();
    private final TestUser alice = TestUser.register(server, "alice");
    private final TestUser bob = TestUser.register(server, "bob");

    private static List<String> bodies(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("content").path("body").asText(e.get("type").asText())));
        return out;
    }

    private static void assertError(Reply r, int status, String errcode) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(errcode, r.errcode(), r.toString());
    }

    @Test
    void anEventComesWithTheEventsAroundItAndTokensToPageOn() {
        String room = alice.createRoom("{\"preset\":\"public_chat\"}");
        String r = "/rooms/" + TestUser.enc(room);
        assertEquals(200, bob.join(room).status());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add((i % 2 == 0 ? alice : bob).say(room, "m" + i));
        }
        JsonNode c = alice.get(r + "/context/" + TestUser.enc(ids.get(4)) + "?limit=4").json();
        assertEquals(ids.get(4), c.get("event").get("event_id").asText());
        assertEquals(room, c.get("event").get("room_id").asText());
        assertEquals(List.of("m3", "m2"), bodies(c.get("events_before")), "newest first");
        assertEquals(List.of("m5", "m6"), bodies(c.get("events_after")), "oldest first");
        // the tokens continue with /messages
        JsonNode earlier = alice.get(r + "/messages?dir=b&limit=2&from=" + c.get("start").asText()).json();
        assertEquals(List.of("m1", "m0"), bodies(earlier.get("chunk")));
        JsonNode later = alice.get(r + "/messages?dir=f&limit=2&from=" + c.get("end").asText()).json();
        assertEquals(List.of("m7", "m8"), bodies(later.get("chunk")));
        // the state at the last event returned, all of it without lazy loading
        List<String> types = new ArrayList<>();
        c.get("state").forEach(e -> types.add(e.get("type").asText()));
        assertTrue(types.contains("m.room.create") && types.contains("m.room.power_levels"), types.toString());

        // lazy loading keeps the senders' member events; the filter does not apply to the event
        String filter = TestUser.enc("{\"lazy_load_members\":true,\"senders\":[\"" + bob.userId + "\"]}");
        JsonNode lazy = alice.get(r + "/context/" + TestUser.enc(ids.get(4)) + "?limit=2&filter=" + filter).json();
        assertEquals("m4", lazy.get("event").get("content").get("body").asText());
        assertEquals(List.of("m3"), bodies(lazy.get("events_before")));
        assertEquals(List.of("m5"), bodies(lazy.get("events_after")));
        for (JsonNode e : lazy.get("state")) {
            assertEquals(bob.userId, e.get("sender").asText(), "the filter applies to the state too: " + e);
        }

        // limit 0 still gives the event
        JsonNode none = alice.get(r + "/context/" + TestUser.enc(ids.get(0)) + "?limit=0").json();
        assertEquals("m0", none.get("event").get("content").get("body").asText());
        assertEquals(0, none.get("events_before").size());
        assertEquals(0, none.get("events_after").size());
    }

    @Test
    void eventsTheCallerMayNotSeeAreNotFound() {
        String room = alice.createRoom("{\"preset\":\"public_chat\",\"initial_state\":[{\"type\":\"m.room.history_visibility\","
                + "\"content\":{\"history_visibility\":\"joined\"}}]}");
        String r = "/rooms/" + TestUser.enc(room);
        String before = alice.say(room, "before bob");
        assertError(bob.get(r + "/context/" + TestUser.enc(before)), 403, "M_FORBIDDEN");
        assertEquals(200, bob.join(room).status());
        assertError(bob.get(r + "/context/" + TestUser.enc(before)), 404, "M_NOT_FOUND");
        String seen = alice.say(room, "seen by bob");
        JsonNode c = bob.get(r + "/context/" + TestUser.enc(seen)).json();
        assertEquals("seen by bob", c.get("event").get("content").get("body").asText());
        for (JsonNode e : c.get("events_before")) {
            assertTrue(!e.get("event_id").asText().equals(before), "hidden history stays hidden");
        }
        assertError(bob.get(r + "/context/" + TestUser.enc("$nothing")), 404, "M_NOT_FOUND");
        assertError(bob.get(r + "/context/" + TestUser.enc(seen) + "?limit=-1"), 400, "M_INVALID_PARAM");
        assertError(bob.get(r + "/context/" + TestUser.enc(seen) + "?filter=%7B"), 400, "M_NOT_JSON");
        // after leaving, nothing later than the departure
        assertEquals(200, bob.roomPost(room, "leave", "{}").status());
        String after = alice.say(room, "after bob");
        assertError(bob.get(r + "/context/" + TestUser.enc(after)), 404, "M_NOT_FOUND");
        JsonNode atLeave = bob.get(r + "/context/" + TestUser.enc(seen)).json();
        assertEquals(List.of("m.room.member"), bodies(atLeave.get("events_after")), "his own leave, then nothing");
    }
}
