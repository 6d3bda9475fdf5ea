package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Room aliases, a room's visibility in the directory, and the public room list. */
class RoomDirectoryTest {

    private static final String ALIAS = "#hall:" + TestServer.SERVER_NAME;

    private final TestServer server = new TestServer();
    private TestUser alice;
    private TestUser bob;
    private String room;

    @BeforeEach
    void setUp() {
        alice = TestUser.register(server, "alice");
        bob = TestUser.register(server, "bob");
        room = alice.createRoom("{\"preset\":\"public_chat\",\"name\":\"Hall\"}");
    }

    private static void assertError(Reply r, int status, String errcode) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(errcode, r.errcode(), r.toString());
    }

    private static String alias(String a) {
        return "/directory/room/" + TestUser.enc(a);
    }

    @Test
    void aliasesRoundTrip() {
        Reply put = alice.put(alias(ALIAS), "{\"room_id\":\"" + room + "\"}");
        assertEquals(200, put.status(), put.toString());
        JsonNode got = bob.get(alias(ALIAS)).json();
        assertEquals(room, got.get("room_id").asText());
        assertEquals(TestServer.SERVER_NAME, got.get("servers").get(0).asText());
        assertError(alice.put(alias(ALIAS), "{\"room_id\":\"" + room + "\"}"), 409, "M_UNKNOWN");
        assertEquals(List.of(ALIAS), strings(alice.get("/rooms/" + TestUser.enc(room) + "/aliases").json().get("aliases")));
        assertEquals(room, bob.join(ALIAS).json().get("room_id").asText());

        // bob is neither the alias's creator nor a moderator
        assertError(bob.delete(alias(ALIAS)), 403, "M_FORBIDDEN");
        assertEquals(200, alice.delete(alias(ALIAS)).status());
        assertError(alice.get(alias(ALIAS)), 404, "M_NOT_FOUND");
        assertError(alice.delete(alias(ALIAS)), 404, "M_NOT_FOUND");
        assertEquals(List.of(), strings(alice.get("/rooms/" + TestUser.enc(room) + "/aliases").json().get("aliases")));
    }

    @Test
    void anAliasResolvesWithoutAnAccessToken() {
        assertEquals(200, alice.put(alias(ALIAS), "{\"room_id\":\"" + room + "\"}").status());
        Reply got = server.get("/_matrix/client/v3/directory/room/" + TestUser.enc(ALIAS));
        assertEquals(200, got.status(), got.toString());
        assertEquals(room, got.json().get("room_id").asText());
        assertError(server.get("/_matrix/client/r0/directory/room/" + TestUser.enc("#none:" + TestServer.SERVER_NAME)),
                404, "M_NOT_FOUND");
        // changing aliases still needs one
        assertEquals(401, server.call("DELETE", "/_matrix/client/v3/directory/room/" + TestUser.enc(ALIAS), new byte[0]).status());
        assertEquals(401, server.call("PUT", "/_matrix/client/v3/directory/room/" + TestUser.enc(ALIAS),
                ("{\"room_id\":\"" + room + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)).status());
    }

    @Test
    void aliasErrors() {
        assertError(alice.get(alias("hall")), 400, "M_INVALID_PARAM");
        assertError(alice.put(alias("#hall"), "{\"room_id\":\"" + room + "\"}"), 400, "M_INVALID_PARAM");
        assertError(alice.put(alias("#hall:elsewhere.example"), "{\"room_id\":\"" + room + "\"}"), 400, "M_INVALID_PARAM");
        assertError(alice.put(alias(ALIAS), "{}"), 400, "M_BAD_JSON");
        assertError(alice.put(alias(ALIAS), "{\"room_id\":\"!nowhere:" + TestServer.SERVER_NAME + "\"}"), 404, "M_NOT_FOUND");
        assertError(bob.put(alias(ALIAS), "{\"room_id\":\"" + room + "\"}"), 403, "M_FORBIDDEN"); // not in the room
        assertError(alice.get(alias("#hall:elsewhere.example")), 404, "M_NOT_FOUND");
        assertError(bob.get("/rooms/" + TestUser.enc(room) + "/aliases"), 403, "M_FORBIDDEN");
        // whitespace is legal in an alias, but this server makes none
        String spaced = "#a b:" + TestServer.SERVER_NAME;
        assertError(alice.get(alias(spaced)), 404, "M_NOT_FOUND");
        assertError(alice.put(alias(spaced), "{\"room_id\":\"" + room + "\"}"), 400, "M_INVALID_PARAM");
    }

    @Test
    void visibilityInTheDirectory() {
        String path = "/_matrix/client/v3/directory/list/room/" + TestUser.enc(room);
        assertEquals("private", server.get(path).json().get("visibility").asText());
        assertError(bob.put("/directory/list/room/" + TestUser.enc(room), "{\"visibility\":\"public\"}"), 403, "M_FORBIDDEN");
        assertError(alice.put("/directory/list/room/" + TestUser.enc(room), "{\"visibility\":\"open\"}"), 400, "M_INVALID_PARAM");
        assertEquals(200, alice.put("/directory/list/room/" + TestUser.enc(room), "{}").status());
        assertEquals("public", server.get(path).json().get("visibility").asText());
        assertEquals(200, alice.put("/directory/list/room/" + TestUser.enc(room), "{\"visibility\":\"private\"}").status());
        assertEquals("private", server.get(path).json().get("visibility").asText());
        assertError(server.get("/_matrix/client/v3/directory/list/room/" + TestUser.enc("!nowhere:" + TestServer.SERVER_NAME)),
                404, "M_NOT_FOUND");
    }

    @Test
    void publicRooms() {
        String big = alice.createRoom("{\"visibility\":\"public\",\"name\":\"Big Room\",\"topic\":\"Everything\","
                + "\"room_alias_name\":\"big\",\"initial_state\":[{\"type\":\"m.room.avatar\",\"content\":{\"url\":\"mxc://a/b\"}},"
                + "{\"type\":\"m.room.history_visibility\",\"content\":{\"history_visibility\":\"world_readable\"}}]}");
        String space = alice.createRoom("{\"visibility\":\"public\",\"name\":\"Space\",\"creation_content\":{\"type\":\"m.space\"}}");
        String invite = alice.createRoom("{\"visibility\":\"public\",\"preset\":\"private_chat\",\"name\":\"Invite only\"}");
        alice.createRoom("{\"visibility\":\"private\",\"name\":\"Hidden\"}");
        assertEquals(200, bob.join(big).status());

        JsonNode all = server.get("/_matrix/client/v3/publicRooms").json();
        assertEquals(3, all.get("total_room_count_estimate").asInt());
        JsonNode chunk = all.get("chunk");
        assertEquals(3, chunk.size());
        JsonNode first = chunk.get(0);
        assertEquals(big, first.get("room_id").asText(), "the most members first");
        assertEquals(2, first.get("num_joined_members").asInt());
        assertEquals("Big Room", first.get("name").asText());
        assertEquals("Everything", first.get("topic").asText());
        assertEquals("#big:" + TestServer.SERVER_NAME, first.get("canonical_alias").asText());
        assertEquals("mxc://a/b", first.get("avatar_url").asText());
        assertTrue(first.get("world_readable").asBoolean());
        assertFalse(first.get("guest_can_join").asBoolean());
        assertEquals("public", first.get("join_rule").asText());
        assertFalse(first.has("room_type"));
        for (JsonNode e : chunk) {
            if (e.get("room_id").asText().equals(space)) {
                assertEquals("m.space", e.get("room_type").asText());
            }
            if (e.get("room_id").asText().equals(invite)) {
                assertEquals("invite", e.get("join_rule").asText());
                assertTrue(e.get("guest_can_join").asBoolean());
            }
        }

        // pagination
        JsonNode page1 = server.get("/_matrix/client/v3/publicRooms?limit=2").json();
        assertEquals(2, page1.get("chunk").size());
        String next = page1.get("next_batch").asText();
        assertFalse(page1.has("prev_batch"));
        JsonNode page2 = server.get("/_matrix/client/v3/publicRooms?limit=2&since=" + next).json();
        assertEquals(1, page2.get("chunk").size());
        assertFalse(page2.has("next_batch"));
        assertTrue(page2.has("prev_batch"));
        assertEquals(page1.get("chunk").get(0), server.get("/_matrix/client/v3/publicRooms?limit=2&since="
                + page2.get("prev_batch").asText()).json().get("chunk").get(0));

        // filters (POST)
        JsonNode found = alice.post("/publicRooms", "{\"filter\":{\"generic_search_term\":\"big\"}}").json();
        assertEquals(1, found.get("chunk").size());
        assertEquals(big, found.get("chunk").get(0).get("room_id").asText());
        JsonNode spaces = alice.post("/publicRooms", "{\"filter\":{\"room_types\":[\"m.space\"]}}").json();
        assertEquals(1, spaces.get("chunk").size());
        JsonNode plain = alice.post("/publicRooms", "{\"limit\":10,\"filter\":{\"room_types\":[null]}}").json();
        assertEquals(2, plain.get("chunk").size());

        assertError(server.get("/_matrix/client/v3/publicRooms?since=zzz"), 400, "M_INVALID_PARAM");
        assertError(server.get("/_matrix/client/v3/publicRooms?limit=ten"), 400, "M_INVALID_PARAM");
        assertError(server.get("/_matrix/client/v3/publicRooms?server=elsewhere.example"), 400, "M_INVALID_PARAM");
        assertEquals(401, server.post("/_matrix/client/v3/publicRooms", "{}").status());
    }

    @Test
    void publicRoomsWithAHugeLimitAfterTheFirstPageIsAPageNotA500() {
        alice.createRoom("{\"visibility\":\"public\",\"name\":\"Second\"}");
        alice.createRoom("{\"visibility\":\"public\",\"name\":\"Third\"}");
        String max = Long.toString(Long.MAX_VALUE);
        Reply get = server.get("/_matrix/client/v3/publicRooms?limit=" + max + "&since=o1");
        assertEquals(200, get.status(), get.toString());
        assertEquals(1, get.json().get("chunk").size());
        assertEquals("o0", get.json().get("prev_batch").asText());
        assertFalse(get.json().has("next_batch"));
        Reply post = alice.post("/publicRooms", "{\"limit\":" + max + ",\"since\":\"o1\"}");
        assertEquals(200, post.status(), post.toString());
        assertEquals(1, post.json().get("chunk").size());
    }

    @Test
    void publicRoomsRefusesANegativeLimitAndRoomTypesThatAreNotStrings() {
        assertError(server.get("/_matrix/client/v3/publicRooms?limit=-1"), 400, "M_INVALID_PARAM");
        assertError(alice.post("/publicRooms", "{\"limit\":-5}"), 400, "M_INVALID_PARAM");
        assertError(alice.post("/publicRooms", "{\"filter\":{\"room_types\":[5]}}"), 400, "M_BAD_JSON");
        assertEquals(200, server.get("/_matrix/client/v3/publicRooms?limit=0").status(), "0: no limit");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
