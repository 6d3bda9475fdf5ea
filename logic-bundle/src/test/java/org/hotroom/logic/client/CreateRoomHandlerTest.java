package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;
import org.hotroom.logic.rooms.EventPersister;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.StoredEvents;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreateRoomHandlerTest {

    private final TestServer server = new TestServer();

    static Stream<Arguments> versionsAndPresets() {
        List<Arguments> out = new ArrayList<>();
        for (RoomVersion v : RoomVersions.all()) {
            for (String preset : CreateRoomHandler.PRESETS) {
                out.add(Arguments.of(v.id(), preset));
            }
        }
        return out.stream();
    }

    /** The current state as GET /state serves it, by "type|state_key". */
    private static Map<String, JsonNode> state(TestUser u, String roomId) {
        Reply r = u.get("/rooms/" + TestUser.enc(roomId) + "/state");
        assertEquals(200, r.status(), r.toString());
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode e : r.json()) {
            out.put(e.get("type").asText() + "|" + e.get("state_key").asText(), e);
        }
        return out;
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versionsAndPresets")
    void everyVersionAndPresetMakesAValidRoom(String versionId, String preset) {
        RoomVersion version = RoomVersions.get(versionId);
        TestUser alice = TestUser.register(server, "alice");
        TestUser bob = TestUser.register(server, "bob");
        String roomId = alice.createRoom("{\"preset\":\"" + preset + "\",\"room_version\":\"" + versionId + "\","
                + "\"name\":\"The Room\",\"topic\":\"All about it\",\"room_alias_name\":\"r" + versionId + preset.charAt(1)
                + "\",\"invite\":[\"" + bob.userId + "\"],\"initial_state\":[{\"type\":\"m.room.encryption\","
                + "\"content\":{\"algorithm\":\"m.megolm.v1.aes-sha2\"}}]}");
        Map<String, JsonNode> state = state(alice, roomId);

        JsonNode create = state.get("m.room.create|").get("content");
        assertEquals(versionId, create.get("room_version").asText());
        assertEquals(version.creatorInCreateContent(), create.has("creator"));
        boolean isPrivate = !preset.equals("public_chat");
        assertEquals(isPrivate ? "invite" : "public", state.get("m.room.join_rules|").get("content").get("join_rule").asText());
        assertEquals("shared", state.get("m.room.history_visibility|").get("content").get("history_visibility").asText());
        assertEquals(isPrivate ? "can_join" : "forbidden", state.get("m.room.guest_access|").get("content").get("guest_access").asText());
        assertEquals("The Room", state.get("m.room.name|").get("content").get("name").asText());
        assertEquals("All about it", state.get("m.room.topic|").get("content").get("topic").asText());
        assertEquals("text/plain", state.get("m.room.topic|").get("content").at("/m.topic/m.text/0/mimetype").asText());
        assertEquals("#r" + versionId + preset.charAt(1) + ":" + TestServer.SERVER_NAME,
                state.get("m.room.canonical_alias|").get("content").get("alias").asText());
        assertEquals("m.megolm.v1.aes-sha2", state.get("m.room.encryption|").get("content").get("algorithm").asText());
        assertEquals("join", state.get("m.room.member|" + alice.userId).get("content").get("membership").asText());
        assertEquals("alice", state.get("m.room.member|" + alice.userId).get("content").get("displayname").asText());
        assertEquals("invite", state.get("m.room.member|" + bob.userId).get("content").get("membership").asText());

        JsonNode levels = state.get("m.room.power_levels|").get("content");
        boolean trusted = preset.equals("trusted_private_chat");
        if (version.roomCreatorsPrivileged()) {
            assertFalse(levels.get("users").has(alice.userId), "v12 creators are not listed");
            assertEquals(150, levels.get("events").get("m.room.tombstone").asInt());
            assertEquals(trusted, create.has("additional_creators"));
            if (trusted) {
                assertEquals(bob.userId, create.get("additional_creators").get(0).asText());
            }
        } else {
            assertEquals(100, levels.get("users").get(alice.userId).asInt());
            assertEquals(trusted, levels.get("users").has(bob.userId));
        }
        assertEquals(isPrivate ? 0 : 50, levels.get("invite").asInt());

        // the room ID and event IDs have the room version's form
        String createId = state.get("m.room.create|").get("event_id").asText();
        Pdu createPdu = StoredEvents.pdu(server, version, createId);
        if (version.roomIdIsCreateEventHash()) {
            assertEquals("!" + createId.substring(1), roomId);
            assertFalse(createPdu.json().has("room_id"));
        } else {
            assertTrue(roomId.endsWith(":" + TestServer.SERVER_NAME), roomId);
            assertEquals(roomId, createPdu.json().get("room_id").asText());
        }
        if (!version.eventFormat().eventIdIsHash()) {
            assertTrue(createId.endsWith(":" + TestServer.SERVER_NAME), createId);
        }
        // every state event is a valid PDU, signed, and allowed by the rules against its auth events
        List<String> ids = new ArrayList<>();
        state.values().forEach(e -> ids.add(e.get("event_id").asText()));
        StoredEvents.assertValid(server, version, ids);

        // bob accepts the invite
        Reply join = bob.join(roomId);
        assertEquals(200, join.status(), join.toString());
        assertEquals(roomId, join.json().get("room_id").asText());
        assertEquals("join", bob.state(roomId, "m.room.member", bob.userId).json().get("membership").asText());
    }

    @Test
    void theSpecOrderOfEvents() {
        TestUser alice = TestUser.register(server, "alice");
        TestUser bob = TestUser.register(server, "bob");
        String roomId = alice.createRoom("{\"name\":\"N\",\"topic\":\"T\",\"room_alias_name\":\"order\",\"invite\":[\""
                + bob.userId + "\"],\"initial_state\":[{\"type\":\"org.example.x\",\"state_key\":\"k\",\"content\":{}}]}");
        Map<String, JsonNode> state = state(alice, roomId);
        List<String> order = List.of("m.room.create|", "m.room.member|" + alice.userId, "m.room.power_levels|",
                "m.room.canonical_alias|", "m.room.join_rules|", "m.room.history_visibility|", "m.room.guest_access|",
                "org.example.x|k", "m.room.name|", "m.room.topic|", "m.room.member|" + bob.userId);
        long last = Long.MIN_VALUE;
        for (String key : order) {
            long ordering = server.storage.read(s -> s.events().meta(s.events().find(state.get(key).get("event_id").asText())).ordering());
            assertTrue(ordering > last, key + " comes after the previous event");
            last = ordering;
        }
        assertEquals(order.size(), state.size());
    }

    @Test
    void theDefaultVersionIsTheOneCapabilitiesReport() {
        TestUser alice = TestUser.register(server, "alice");
        String roomId = alice.createRoom("{}");
        String reported = alice.get("/capabilities").json().at("/capabilities/m.room_versions/default").asText();
        assertEquals(reported, alice.state(roomId, "m.room.create", "").json().get("room_version").asText());
        assertEquals("private", server.get("/_matrix/client/v3/directory/list/room/" + TestUser.enc(roomId)).json()
                .get("visibility").asText());
    }

    @Test
    void initialStateTakesPrecedenceOverThePresetAndNameOverInitialState() {
        TestUser alice = TestUser.register(server, "alice");
        String roomId = alice.createRoom("{\"preset\":\"private_chat\",\"name\":\"Given\",\"initial_state\":["
                + "{\"type\":\"m.room.join_rules\",\"state_key\":\"\",\"content\":{\"join_rule\":\"public\"}},"
                + "{\"type\":\"m.room.name\",\"content\":{\"name\":\"Overridden\"}}]}");
        assertEquals("public", alice.state(roomId, "m.room.join_rules", "").json().get("join_rule").asText());
        assertEquals("Given", alice.state(roomId, "m.room.name", "").json().get("name").asText());
        Reply name = alice.get("/rooms/" + TestUser.enc(roomId) + "/state/m.room.name/?format=event");
        assertNull(name.json().at("/unsigned/replaces_state").textValue(), "one m.room.name event only");
    }

    @Test
    void publicVisibilityPublishesAndPicksThePublicPreset() {
        TestUser alice = TestUser.register(server, "alice");
        String roomId = alice.createRoom("{\"visibility\":\"public\",\"creation_content\":{\"m.federate\":false,"
                + "\"creator\":\"@mallory:x\",\"room_version\":\"1\"}}");
        assertEquals("public", alice.state(roomId, "m.room.join_rules", "").json().get("join_rule").asText());
        JsonNode create = alice.state(roomId, "m.room.create", "").json();
        assertFalse(create.get("m.federate").asBoolean());
        assertEquals(RoomVersions.DEFAULT.id(), create.get("room_version").asText(), "the server overwrites room_version");
        assertEquals("public", server.get("/_matrix/client/v3/directory/list/room/" + TestUser.enc(roomId)).json()
                .get("visibility").asText());
    }

    @Test
    void isDirectMarksTheInvites() {
        TestUser alice = TestUser.register(server, "alice");
        TestUser bob = TestUser.register(server, "bob");
        String roomId = alice.createRoom("{\"preset\":\"trusted_private_chat\",\"is_direct\":true,\"invite\":[\"" + bob.userId + "\"]}");
        assertTrue(alice.state(roomId, "m.room.member", bob.userId).json().get("is_direct").asBoolean());
    }

    @Test
    void anEmptyRoomAliasNameMakesNoAlias() {
        TestUser alice = TestUser.register(server, "alice");
        String roomId = alice.createRoom("{\"room_alias_name\":\"\"}");
        assertEquals(0, alice.get("/rooms/" + TestUser.enc(roomId) + "/aliases").json().get("aliases").size());
        assertError(alice.get("/rooms/" + TestUser.enc(roomId) + "/state/m.room.canonical_alias/"), 404, "M_NOT_FOUND");
        assertError(alice.put("/directory/room/" + TestUser.enc("#:" + TestServer.SERVER_NAME), "{\"room_id\":\"" + roomId + "\"}"),
                400, "M_INVALID_PARAM");
    }

    @Test
    void errors() {
        TestUser alice = TestUser.register(server, "alice");
        long before = server.storage.position(EventPersister.SYNC);
        assertError(alice.post("/createRoom", "{\"room_version\":\"13\"}"), 400, "M_UNSUPPORTED_ROOM_VERSION");
        assertError(alice.post("/createRoom", "{\"room_version\":\"org.example.v1\"}"), 400, "M_UNSUPPORTED_ROOM_VERSION");
        assertError(alice.post("/createRoom", "{\"preset\":\"party\"}"), 400, "M_INVALID_PARAM");
        assertError(alice.post("/createRoom", "{\"visibility\":\"secret\"}"), 400, "M_INVALID_PARAM");
        assertError(alice.post("/createRoom", "{\"invite\":[\"bob\"]}"), 400, "M_INVALID_PARAM");
        assertError(alice.post("/createRoom", "{\"invite\":[\"@bob:elsewhere.example\"]}"), 403, "M_FORBIDDEN");
        assertError(alice.post("/createRoom", "{\"invite\":[\"@nobody:" + TestServer.SERVER_NAME + "\"]}"), 404, "M_NOT_FOUND");
        assertError(alice.post("/createRoom", "{\"room_alias_name\":\"a b\"}"), 400, "M_INVALID_PARAM");
        assertError(alice.post("/createRoom", "{\"initial_state\":[{\"type\":\"x\"}]}"), 400, "M_BAD_JSON");
        assertError(alice.post("/createRoom", "{\"name\":0.5}"), 400, "M_BAD_JSON");
        assertEquals(401, server.post("/_matrix/client/v3/createRoom", "{}").status());
        assertEquals(before, server.storage.position(EventPersister.SYNC), "no refused request sent an event");

        alice.createRoom("{\"room_alias_name\":\"taken\"}");
        long after = server.storage.position(EventPersister.SYNC);
        int rooms = server.storage.size(RoomStore.TABLE);
        assertError(alice.post("/createRoom", "{\"room_alias_name\":\"taken\"}"), 400, "M_ROOM_IN_USE");
        // rejected by the rules after several events were written: nothing of it stays
        Reply invalid = alice.post("/createRoom", "{\"name\":\"x\",\"initial_state\":[{\"type\":\"m.room.member\","
                + "\"state_key\":\"@bob:" + TestServer.SERVER_NAME + "\",\"content\":{\"membership\":\"join\"}}]}");
        assertError(invalid, 400, "M_INVALID_ROOM_STATE");
        assertTrue(invalid.json().get("error").asText().contains("rule"), invalid.toString());
        assertEquals(after, server.storage.position(EventPersister.SYNC), "a failed request leaves no events");
        assertEquals(rooms, server.storage.size(RoomStore.TABLE), "a failed request leaves no room");
        assertEquals(1, alice.get("/joined_rooms").json().get("joined_rooms").size());
        // in versions before 12 the creator's own power can be overridden away
        assertError(alice.post("/createRoom", "{\"room_version\":\"11\",\"name\":\"x\","
                + "\"power_level_content_override\":{\"events\":{\"m.room.name\":1000}}}"), 400, "M_INVALID_ROOM_STATE");
    }

    @Test
    void aTooLargeEventIs413() {
        TestUser alice = TestUser.register(server, "alice");
        Reply r = alice.post("/createRoom", "{\"name\":\"" + "x".repeat(70_000) + "\"}");
        assertError(r, 413, "M_TOO_LARGE");
        assertEquals(0, server.storage.size(RoomStore.TABLE));
        assertNotNull(r.json().get("error"));
    }

    private static void assertError(Reply r, int status, String errcode) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(errcode, r.errcode(), r.toString());
    }
}
