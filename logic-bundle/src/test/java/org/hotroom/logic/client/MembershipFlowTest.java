package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.rooms.EventPersister;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invite, join, kick, ban, unban, leave and forget, and what each forbids. */
class MembershipFlowTest {

    private final TestServer server = new TestServer();
    private TestUser alice;
    private TestUser bob;
    private TestUser carol;
    private String room;

    @BeforeEach
    void setUp() {
        alice = TestUser.register(server, "alice");
        bob = TestUser.register(server, "bob");
        carol = TestUser.register(server, "carol");
        room = alice.createRoom("{\"preset\":\"private_chat\"}");
    }

    private String membership(TestUser viewer, String userId) {
        Reply r = viewer.state(room, "m.room.member", userId);
        return r.status() == 404 ? null : r.json().get("membership").asText();
    }

    private static void assertError(Reply r, int status, String errcode) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(errcode, r.errcode(), r.toString());
    }

    private static String userBody(TestUser u, String reason) {
        return "{\"user_id\":\"" + u.userId + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    @Test
    void inviteJoinKickBanUnban() {
        // an invite-only room: bob cannot join uninvited, nor send
        assertError(bob.join(room), 403, "M_FORBIDDEN");
        assertError(bob.send(room, "m.room.message", "{\"body\":\"hi\"}"), 403, "M_FORBIDDEN");
        assertEquals(List.of(), strings(bob.get("/joined_rooms").json().get("joined_rooms")));

        assertEquals(200, alice.roomPost(room, "invite", userBody(bob, "come")).status());
        assertEquals("invite", membership(alice, bob.userId));
        assertEquals("come", alice.state(room, "m.room.member", bob.userId).json().get("reason").asText());
        assertEquals("bob", alice.state(room, "m.room.member", bob.userId).json().get("displayname").asText());
        long position = server.storage.position(EventPersister.SYNC);
        assertEquals(200, alice.roomPost(room, "invite", userBody(bob, null)).status(), "already invited is fine");
        assertEquals(position, server.storage.position(EventPersister.SYNC), "and sends nothing");

        Reply join = bob.post("/rooms/" + TestUser.enc(room) + "/join", "{\"reason\":\"hello\"}");
        assertEquals(200, join.status(), join.toString());
        assertEquals(room, join.json().get("room_id").asText());
        assertEquals("join", membership(alice, bob.userId));
        assertEquals(List.of(room), strings(bob.get("/joined_rooms").json().get("joined_rooms")));
        bob.say(room, "hello all");

        // bob has no power to kick or ban alice
        assertError(bob.roomPost(room, "kick", userBody(alice, null)), 403, "M_FORBIDDEN");
        assertError(bob.roomPost(room, "ban", userBody(alice, null)), 403, "M_FORBIDDEN");
        // a non-member cannot invite
        assertError(carol.roomPost(room, "invite", userBody(carol, null)), 403, "M_FORBIDDEN");
        // kicking someone not in the room
        assertError(alice.roomPost(room, "kick", userBody(carol, null)), 403, "M_FORBIDDEN");

        assertEquals(200, alice.roomPost(room, "kick", userBody(bob, "out")).status());
        assertEquals("leave", membership(alice, bob.userId));
        assertEquals("out", alice.state(room, "m.room.member", bob.userId).json().get("reason").asText());
        assertError(bob.send(room, "m.room.message", "{\"body\":\"still here?\"}"), 403, "M_FORBIDDEN");
        assertEquals(List.of(), strings(bob.get("/joined_rooms").json().get("joined_rooms")));

        assertEquals(200, alice.roomPost(room, "ban", userBody(bob, "spam")).status());
        assertEquals("ban", membership(alice, bob.userId));
        assertError(bob.join(room), 403, "M_FORBIDDEN");
        assertError(alice.roomPost(room, "invite", userBody(bob, null)), 403, "M_FORBIDDEN");
        assertError(alice.roomPost(room, "unban", userBody(carol, null)), 403, "M_FORBIDDEN");

        assertEquals(200, alice.roomPost(room, "unban", userBody(bob, "sorry")).status());
        assertEquals("leave", membership(alice, bob.userId));
        assertError(bob.join(room), 403, "M_FORBIDDEN"); // still invite-only
        assertEquals(200, alice.roomPost(room, "invite", userBody(bob, null)).status());
        assertEquals(200, bob.join(room).status());
        assertEquals("join", membership(alice, bob.userId));
    }

    @Test
    void aPublicRoomNeedsNoInviteAndTheRulesReasonIsGiven() {
        String open = alice.createRoom("{\"preset\":\"public_chat\",\"room_alias_name\":\"open\"}");
        assertEquals(open, bob.join("#open:" + TestServer.SERVER_NAME).json().get("room_id").asText());
        assertEquals(200, carol.join(open).status());
        long position = server.storage.position(EventPersister.SYNC);
        assertEquals(200, carol.join(open).status(), "joining again is fine");
        assertEquals(position, server.storage.position(EventPersister.SYNC), "and sends nothing");
        Reply kick = bob.roomPost(open, "kick", userBody(carol, null));
        assertError(kick, 403, "M_FORBIDDEN");
        assertTrue(kick.json().get("error").asText().contains("rule"), kick.toString());
    }

    @Test
    void leaveRejectsInvitesAndForgetNeedsLeaving() {
        assertEquals(200, alice.roomPost(room, "invite", userBody(bob, null)).status());
        assertError(bob.roomPost(room, "forget", "{}"), 400, "M_UNKNOWN");
        assertEquals(200, bob.roomPost(room, "leave", "{\"reason\":\"no thanks\"}").status());
        assertEquals("leave", membership(alice, bob.userId));
        assertEquals(200, bob.roomPost(room, "leave", "{}").status(), "leaving again is fine");
        assertEquals(200, bob.roomPost(room, "forget", "").status());

        assertError(alice.roomPost(room, "forget", "{}"), 400, "M_UNKNOWN");
        assertEquals(200, alice.roomPost(room, "leave", "").status());
        assertEquals(200, alice.roomPost(room, "forget", "{}").status());
        assertEquals(List.of(), strings(alice.get("/joined_rooms").json().get("joined_rooms")));
        assertEquals(200, carol.roomPost(room, "forget", "{}").status(), "never a member: nothing to forget");
    }

    @Test
    void membersAndJoinedMembers() {
        alice.put("/profile/" + TestUser.enc(alice.userId) + "/avatar_url", "{\"avatar_url\":\"mxc://test.hotroom/abc\"}");
        assertEquals(200, alice.roomPost(room, "invite", userBody(bob, null)).status());
        assertEquals(200, alice.roomPost(room, "invite", userBody(carol, null)).status());
        assertEquals(200, carol.join(room).status());

        JsonNode all = alice.get("/rooms/" + TestUser.enc(room) + "/members").json().get("chunk");
        assertEquals(3, all.size());
        for (JsonNode e : all) {
            assertEquals("m.room.member", e.get("type").asText());
            assertEquals(room, e.get("room_id").asText());
        }
        assertEquals(1, alice.get("/rooms/" + TestUser.enc(room) + "/members?membership=invite").json().get("chunk").size());
        assertEquals(2, alice.get("/rooms/" + TestUser.enc(room) + "/members?not_membership=invite").json().get("chunk").size());
        assertEquals(3, alice.get("/rooms/" + TestUser.enc(room) + "/members?membership=invite&not_membership=invite")
                .json().get("chunk").size(), "membership OR not_membership");
        assertError(alice.get("/rooms/" + TestUser.enc(room) + "/members?membership=joined"), 400, "M_INVALID_PARAM");

        JsonNode joined = alice.get("/rooms/" + TestUser.enc(room) + "/joined_members").json().get("joined");
        assertEquals(2, joined.size());
        assertEquals("alice", joined.get(alice.userId).get("display_name").asText());
        assertEquals("mxc://test.hotroom/abc", joined.get(alice.userId).get("avatar_url").asText());
        assertEquals("carol", joined.get(carol.userId).get("display_name").asText());

        // an invitee is not a member yet
        assertError(bob.get("/rooms/" + TestUser.enc(room) + "/members"), 403, "M_FORBIDDEN");
        assertError(bob.get("/rooms/" + TestUser.enc(room) + "/joined_members"), 403, "M_FORBIDDEN");
        // a user who left sees the members as they were when they left
        assertEquals(200, carol.roomPost(room, "leave", "{}").status());
        assertEquals(200, alice.roomPost(room, "kick", userBody(bob, null)).status());
        JsonNode atLeave = carol.get("/rooms/" + TestUser.enc(room) + "/members").json().get("chunk");
        assertEquals(3, atLeave.size());
        for (JsonNode e : atLeave) {
            if (e.get("state_key").asText().equals(bob.userId)) {
                assertEquals("invite", e.get("content").get("membership").asText(), "bob's kick came after carol left");
            }
        }
        assertError(carol.get("/rooms/" + TestUser.enc(room) + "/joined_members"), 403, "M_FORBIDDEN");
    }

    @Test
    void errors() {
        assertError(alice.roomPost("!nowhere:" + TestServer.SERVER_NAME, "leave", "{}"), 404, "M_NOT_FOUND");
        assertError(alice.roomPost("not-a-room", "leave", "{}"), 400, "M_INVALID_PARAM");
        assertError(alice.roomPost(room, "invite", "{}"), 400, "M_BAD_JSON");
        assertError(alice.roomPost(room, "invite", "{\"user_id\":\"bob\"}"), 400, "M_INVALID_PARAM");
        assertError(alice.roomPost(room, "invite", "{\"user_id\":\"@bob:elsewhere.example\"}"), 403, "M_FORBIDDEN");
        assertError(alice.roomPost(room, "invite", "{\"user_id\":\"@nobody:" + TestServer.SERVER_NAME + "\"}"), 404, "M_NOT_FOUND");
        assertError(alice.join("!nowhere:elsewhere.example"), 404, "M_NOT_FOUND");
        assertError(alice.join("#nothing:" + TestServer.SERVER_NAME), 404, "M_NOT_FOUND");
        assertError(alice.join("#far:elsewhere.example"), 404, "M_NOT_FOUND");
        assertError(alice.join("nothing"), 400, "M_INVALID_PARAM");
        assertEquals(401, server.post("/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/leave", "{}").status());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void joinedRoomsListsOnlyJoinedRooms() {
        String second = alice.createRoom("{}");
        List<String> rooms = strings(alice.get("/joined_rooms").json().get("joined_rooms"));
        assertEquals(2, rooms.size());
        assertTrue(rooms.contains(room) && rooms.contains(second));
        assertEquals(200, alice.roomPost(second, "leave", "{}").status());
        assertFalse(strings(alice.get("/joined_rooms").json().get("joined_rooms")).contains(second));
    }
}
