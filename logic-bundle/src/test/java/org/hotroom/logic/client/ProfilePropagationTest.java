package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.logic.rooms.EventPersister;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.Test;

/** A profile change is sent into the rooms the user is joined to ("Events on Change of Profile Information"). */
class ProfilePropagationTest {

    private final TestServer server = new TestServer();

    @Test
    void displayNameAndAvatarReachJoinedRoomsOnly() {
        TestUser alice = TestUser.register(server, "alice");
        TestUser bob = TestUser.register(server, "bob");
        String one = alice.createRoom("{\"preset\":\"public_chat\"}");
        String two = alice.createRoom("{\"preset\":\"public_chat\"}");
        String left = alice.createRoom("{\"preset\":\"public_chat\"}");
        String invited = bob.createRoom("{\"invite\":[\"" + alice.userId + "\"]}");
        for (String r : new String[] {one, two, left}) {
            assertEquals(200, bob.join(r).status());
        }
        assertEquals(200, alice.roomPost(left, "leave", "{}").status());

        assertEquals(200, alice.put("/profile/" + TestUser.enc(alice.userId) + "/displayname", "{\"displayname\":\"Alice A.\"}").status());
        for (String r : new String[] {one, two}) {
            JsonNode member = bob.state(r, "m.room.member", alice.userId).json();
            assertEquals("join", member.get("membership").asText());
            assertEquals("Alice A.", member.get("displayname").asText());
            assertEquals("Alice A.", bob.get("/rooms/" + TestUser.enc(r) + "/joined_members").json()
                    .get("joined").get(alice.userId).get("display_name").asText());
        }
        assertEquals("leave", bob.state(left, "m.room.member", alice.userId).json().get("membership").asText());
        assertEquals("invite", bob.state(invited, "m.room.member", alice.userId).json().get("membership").asText());
        assertEquals("alice", bob.state(invited, "m.room.member", alice.userId).json().get("displayname").asText());

        assertEquals(200, alice.put("/profile/" + TestUser.enc(alice.userId) + "/avatar_url", "{\"avatar_url\":\"mxc://x/y\"}").status());
        assertEquals("mxc://x/y", bob.state(one, "m.room.member", alice.userId).json().get("avatar_url").asText());
        // removing the display name removes it from the member events
        assertEquals(200, alice.put("/profile/" + TestUser.enc(alice.userId) + "/displayname", "{\"displayname\":\"\"}").status());
        assertFalse(bob.state(two, "m.room.member", alice.userId).json().has("displayname"));
        // setting the same value again sends nothing
        long position = server.storage.position(EventPersister.SYNC);
        assertEquals(200, alice.put("/profile/" + TestUser.enc(alice.userId) + "/avatar_url", "{\"avatar_url\":\"mxc://x/y\"}").status());
        assertEquals(position, server.storage.position(EventPersister.SYNC));
        // joining again (a public room) uses the current profile
        assertEquals(200, alice.join(left).status());
        assertEquals("mxc://x/y", bob.state(left, "m.room.member", alice.userId).json().get("avatar_url").asText());
    }
}
