package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.Test;

/** Rooms made through the room endpoints, as {@code /sync} reports them. */
class RoomsSyncTest {

    private final TestServer server = new TestServer();

    @Test
    void aNewRoomItsMessagesAndInvitesReachSync() {
        TestUser alice = TestUser.register(server, "alice");
        TestUser bob = TestUser.register(server, "bob");
        String room = alice.createRoom("{\"name\":\"Synced\",\"invite\":[\"" + bob.userId + "\"]}");
        String hello = alice.say(room, "hello");

        JsonNode joined = alice.get("/sync").json().get("rooms").get("join").get(room);
        assertTrue(joined != null, "the creator's sync has the room");
        boolean found = false;
        for (JsonNode e : joined.get("timeline").get("events")) {
            if (e.get("event_id").asText().equals(hello)) {
                found = true;
                assertEquals("hello", e.get("content").get("body").asText());
                assertEquals("t1", e.get("unsigned").get("transaction_id").asText(), "the sending device sees its txn ID");
            }
        }
        assertTrue(found, joined.toString());

        JsonNode invite = bob.get("/sync").json().get("rooms").get("invite").get(room);
        assertTrue(invite != null, "the invitee's sync has the invite");
        boolean named = false;
        for (JsonNode e : invite.get("invite_state").get("events")) {
            named |= e.get("type").asText().equals("m.room.name") && e.get("content").get("name").asText().equals("Synced");
        }
        assertTrue(named, invite.toString());

        String since = bob.get("/sync").json().get("next_batch").asText();
        assertEquals(200, bob.join(room).status());
        JsonNode after = bob.get("/sync?since=" + since).json().get("rooms").get("join");
        assertTrue(after.has(room), after.toString());

        assertEquals(200, bob.roomPost(room, "leave", "{}").status());
        assertEquals(200, bob.roomPost(room, "forget", "{}").status());
        assertFalse(bob.get("/sync").json().get("rooms").get("leave").has(room), "a forgotten room is not in sync");
    }
}
