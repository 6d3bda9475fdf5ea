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
    void anInviteFromOutsideTheRoomIsRefusedBeforeTheInviteeIsLookedUp() {
        String nobody = "{\"user_id\":\"@nobody:" + TestServer.SERVER_NAME + "\"}";
        Reply existing = carol.roomPost(room, "invite", userBody(bob, null));
        Reply missing = carol.roomPost(room, "invite", nobody);
        assertError(existing, 403, "M_FORBIDDEN");
        assertError(missing, 403, "M_FORBIDDEN");
        assertEquals(existing.json().get("error"), missing.json().get("error"),
                "an outsider cannot tell which users this server has");
        // a member who invites a user the server does not have is told so
        assertError(alice.roomPost(room, "invite", nobody), 404, "M_NOT_FOUND");
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
    void membersAtATokenAreTheMembersAtThatPlaceInTheTimeline() {
        String r = "/rooms/" + TestUser.enc(room);
        assertEquals(200, alice.roomPost(room, "invite", userBody(bob, null)).status());
        String before = alice.get("/sync").json().get("next_batch").asText();
        assertEquals(200, bob.join(room).status());
        assertEquals(200, alice.roomPost(room, "invite", userBody(carol, null)).status());

        JsonNode then = alice.get(r + "/members?at=" + before).json().get("chunk");
        assertEquals(2, then.size(), then.toString());
        for (JsonNode e : then) {
            if (e.get("state_key").asText().equals(bob.userId)) {
                assertEquals("invite", e.get("content").get("membership").asText(), "bob had not joined yet");
            }
        }
        assertEquals(3, alice.get(r + "/members").json().get("chunk").size(), "without at: now");
        assertEquals(1, alice.get(r + "/members?at=" + before + "&membership=join").json().get("chunk").size());
        // a /sync prev_batch works too: the state before the timeline it starts
        JsonNode timeline = alice.get("/sync?filter=%7B%22room%22%3A%7B%22timeline%22%3A%7B%22limit%22%3A1%7D%7D%7D")
                .json().get("rooms").get("join").get(room).get("timeline");
        JsonNode beforeLast = alice.get(r + "/members?at=" + timeline.get("prev_batch").asText()).json().get("chunk");
        assertEquals(2, beforeLast.size(), "carol's invite is the timeline's one event");
        assertEquals(0, alice.get(r + "/members?at=s-1").json().get("chunk").size(), "before the room");
        assertError(alice.get(r + "/members?at=yesterday"), 400, "M_INVALID_PARAM");
        // a member who left never sees past their departure
        assertEquals(200, bob.roomPost(room, "leave", "{}").status());
        assertEquals(200, carol.join(room).status());
        assertEquals(1, bob.get(r + "/members?at=s9999999&membership=invite").json().get("chunk").size(),
                "carol's join came after bob left");
        assertEquals(1, bob.get(r + "/members?at=" + before + "&membership=invite").json().get("chunk").size(), "bob himself");
    }

    @Test
    void aRestrictedRoomAdmitsMembersOfAnAllowedRoomWithoutAnInvite() {
        for (String version : new String[] {"8", "10", "12"}) {
            String space = alice.createRoom("{\"preset\":\"public_chat\",\"room_version\":\"" + version + "\"}");
            String rule = version.equals("8") ? "restricted" : "knock_restricted";
            String restricted = alice.createRoom("{\"room_version\":\"" + version + "\",\"initial_state\":[{\"type\":"
                    + "\"m.room.join_rules\",\"content\":{\"join_rule\":\"" + rule + "\",\"allow\":[{\"type\":"
                    + "\"m.room_membership\",\"room_id\":\"" + space + "\"}]}}]}");
            assertError(bob.join(restricted), 403, "M_FORBIDDEN");
            assertEquals(200, bob.join(space).status());
            Reply joined = bob.join(restricted);
            assertEquals(200, joined.status(), "v" + version + ": " + joined);
            assertEquals(restricted, joined.json().get("room_id").asText());
            JsonNode member = bob.state(restricted, "m.room.member", bob.userId).json();
            assertEquals("join", member.get("membership").asText());
            assertEquals(alice.userId, member.get("join_authorised_via_users_server").asText(), "v" + version);
            // carol is in no allowed room
            assertError(carol.join(restricted), 403, "M_FORBIDDEN");
        }
    }

    @Test
    void knockingAsksForAnInviteAndShowsInSync() {
        String knockable = alice.createRoom("{\"room_version\":\"10\",\"room_alias_name\":\"door\",\"name\":\"Door\","
                + "\"initial_state\":[{\"type\":\"m.room.join_rules\",\"content\":{\"join_rule\":\"knock\"}}]}");
        Reply knocked = bob.post("/knock/" + TestUser.enc("#door:" + TestServer.SERVER_NAME), "{\"reason\":\"let me in\"}");
        assertEquals(200, knocked.status(), knocked.toString());
        assertEquals(knockable, knocked.json().get("room_id").asText());
        assertEquals("knock", alice.state(knockable, "m.room.member", bob.userId).json().get("membership").asText());
        JsonNode state = bob.get("/sync").json().get("rooms").get("knock").get(knockable).get("knock_state").get("events");
        List<String> types = new ArrayList<>();
        state.forEach(e -> types.add(e.get("type").asText()));
        assertTrue(types.contains("m.room.create") && types.contains("m.room.name"), types.toString());
        assertEquals("let me in", state.get(state.size() - 1).get("content").get("reason").asText());
        // a moderator accepts with an invite; bob joins
        assertEquals(200, alice.roomPost(knockable, "invite", userBody(bob, null)).status());
        assertEquals(200, bob.join(knockable).status());

        // carol knocks and takes it back
        assertEquals(200, carol.post("/knock/" + TestUser.enc(knockable), "").status());
        assertEquals(200, carol.roomPost(knockable, "leave", "{}").status());
        assertEquals("leave", alice.state(knockable, "m.room.member", carol.userId).json().get("membership").asText());

        // rooms that take no knocks
        String open = alice.createRoom("{\"preset\":\"public_chat\",\"room_version\":\"10\"}");
        assertError(carol.post("/knock/" + TestUser.enc(open), "{}"), 403, "M_FORBIDDEN");
        String old = alice.createRoom("{\"room_version\":\"6\",\"initial_state\":[{\"type\":\"m.room.join_rules\","
                + "\"content\":{\"join_rule\":\"knock\"}}]}");
        assertError(carol.post("/knock/" + TestUser.enc(old), "{}"), 403, "M_FORBIDDEN");
        assertError(carol.post("/knock/" + TestUser.enc("!nowhere:" + TestServer.SERVER_NAME), "{}"), 404, "M_NOT_FOUND");
        assertError(carol.post("/knock/" + TestUser.enc("#nothing:" + TestServer.SERVER_NAME), "{}"), 404, "M_NOT_FOUND");
        assertError(carol.post("/knock/nothing", "{}"), 400, "M_INVALID_PARAM");
        assertError(carol.post("/knock/" + TestUser.enc(knockable), "{\"reason\":5}"), 400, "M_BAD_JSON");
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
