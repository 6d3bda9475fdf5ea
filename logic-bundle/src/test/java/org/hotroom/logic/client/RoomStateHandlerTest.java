package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET and PUT of state, with and without a state key, and who may read it. */
class RoomStateHandlerTest {

    private final TestServer server = new TestServer();
    private TestUser alice;
    private TestUser bob;
    private String room;
    private String path;

    @BeforeEach
    void setUp() {
        alice = TestUser.register(server, "alice");
        bob = TestUser.register(server, "bob");
        room = alice.createRoom("{\"preset\":\"public_chat\",\"name\":\"First\"}");
        path = "/rooms/" + TestUser.enc(room) + "/state/";
    }

    private static void assertError(Reply r, int status, String errcode) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(errcode, r.errcode(), r.toString());
    }

    @Test
    void theEmptyStateKeyWithAndWithoutTheSlash() {
        Reply put = alice.put(path + "m.room.name", "{\"name\":\"Second\"}");
        assertEquals(200, put.status(), put.toString());
        assertTrue(put.json().get("event_id").asText().startsWith("$"));
        assertEquals("{\"name\":\"Second\"}", alice.get(path + "m.room.name").text());
        assertEquals("{\"name\":\"Second\"}", alice.get(path + "m.room.name/").text());
        assertEquals(200, alice.put(path + "m.room.name/", "{\"name\":\"Third\"}").status());
        assertEquals("{\"name\":\"Third\"}", alice.get(path + "m.room.name").text());
        assertEquals("{\"name\":\"Third\"}", alice.get("/rooms/" + TestUser.enc(room) + "/state/m.room.name/").text());
        // ?format=event gives the whole event, with what it replaced
        JsonNode event = alice.get(path + "m.room.name/?format=event").json();
        assertEquals("m.room.name", event.get("type").asText());
        assertEquals("", event.get("state_key").asText());
        assertEquals("Second", event.get("unsigned").get("prev_content").get("name").asText());
        assertTrue(event.get("unsigned").get("replaces_state").asText().startsWith("$"));
    }

    @Test
    void aStateFormatOtherThanContentOrEventIsRefused() {
        assertEquals("{\"name\":\"First\"}", alice.get(path + "m.room.name?format=content").text());
        assertError(alice.get(path + "m.room.name?format=full"), 400, "M_INVALID_PARAM");
        assertError(alice.get(path + "m.room.name/?format="), 400, "M_INVALID_PARAM");
        assertEquals(200, alice.get("/rooms/" + TestUser.enc(room) + "/state?format=anything").status(),
                "the whole state has no format parameter");
    }

    @Test
    void stateKeysAndCustomTypes() {
        // a state key naming another user is refused by the rules; other keys, slashes included, are fine
        assertError(alice.putState(room, "org.example.pet", "@bob:" + TestServer.SERVER_NAME, "{}"), 403, "M_FORBIDDEN");
        String key = "pets/bob";
        assertEquals(200, alice.putState(room, "org.example.pet", key, "{\"animal\":\"cat\"}").status());
        assertEquals("{\"animal\":\"cat\"}", alice.state(room, "org.example.pet", key).text());
        assertError(alice.state(room, "org.example.pet", "other"), 404, "M_NOT_FOUND");
        assertError(alice.get(path + "org.example.pet"), 404, "M_NOT_FOUND");
        JsonNode all = alice.get("/rooms/" + TestUser.enc(room) + "/state").json();
        assertTrue(all.isArray());
        boolean found = false;
        for (JsonNode e : all) {
            found |= e.get("type").asText().equals("org.example.pet") && e.get("state_key").asText().equals(key);
        }
        assertTrue(found);
    }

    @Test
    void onlyMembersWriteAndPowerDecides() {
        assertError(bob.put(path + "m.room.topic", "{\"topic\":\"mine\"}"), 403, "M_FORBIDDEN");
        assertEquals(200, bob.join(room).status());
        Reply r = bob.put(path + "m.room.power_levels", "{\"users\":{\"" + bob.userId + "\":100}}");
        assertError(r, 403, "M_FORBIDDEN");
        assertTrue(r.json().get("error").asText().contains("rule"), r.toString());
        // bob may send state the power levels leave at 0? state_default is 50: no
        assertError(bob.put(path + "m.room.topic", "{\"topic\":\"mine\"}"), 403, "M_FORBIDDEN");
        assertError(alice.put("/rooms/" + TestUser.enc("!nowhere:" + TestServer.SERVER_NAME) + "/state/m.room.name", "{}"),
                404, "M_NOT_FOUND");
    }

    @Test
    void whoMayRead() {
        String secret = alice.createRoom("{\"preset\":\"private_chat\",\"name\":\"Secret\"}");
        assertError(bob.state(secret, "m.room.name", ""), 403, "M_FORBIDDEN");
        assertError(bob.get("/rooms/" + TestUser.enc(secret) + "/state"), 403, "M_FORBIDDEN");
        assertError(bob.get("/rooms/" + TestUser.enc("!nowhere:" + TestServer.SERVER_NAME) + "/state"), 403, "M_FORBIDDEN");
        // invited is not yet a member
        assertEquals(200, alice.roomPost(secret, "invite", "{\"user_id\":\"" + bob.userId + "\"}").status());
        assertError(bob.state(secret, "m.room.name", ""), 403, "M_FORBIDDEN");
        assertEquals(200, bob.join(secret).status());
        assertEquals("Secret", bob.state(secret, "m.room.name", "").json().get("name").asText());
        // after leaving, the state as it was then
        assertEquals(200, bob.roomPost(secret, "leave", "{}").status());
        assertEquals(200, alice.putState(secret, "m.room.name", "", "{\"name\":\"Renamed\"}").status());
        assertEquals("Secret", bob.state(secret, "m.room.name", "").json().get("name").asText());
        assertEquals("Renamed", alice.state(secret, "m.room.name", "").json().get("name").asText());
        // world_readable rooms can be read by anyone
        String open = alice.createRoom("{\"preset\":\"private_chat\",\"name\":\"Open book\",\"initial_state\":["
                + "{\"type\":\"m.room.history_visibility\",\"content\":{\"history_visibility\":\"world_readable\"}}]}");
        assertEquals("Open book", bob.state(open, "m.room.name", "").json().get("name").asText());
    }

    @Test
    void aRedactedStateEventIsServedRedacted() {
        String id = alice.putState(room, "m.room.topic", "", "{\"topic\":\"oops\"}").json().get("event_id").asText();
        assertEquals(200, alice.put("/rooms/" + TestUser.enc(room) + "/redact/" + TestUser.enc(id) + "/1", "{}").status());
        assertEquals("{}", alice.state(room, "m.room.topic", "").text());
    }

    @Test
    void canonicalAliasesMustPointHere() {
        assertEquals(200, alice.put("/directory/room/" + TestUser.enc("#here:" + TestServer.SERVER_NAME),
                "{\"room_id\":\"" + room + "\"}").status());
        String other = alice.createRoom("{\"room_alias_name\":\"there\"}");
        assertEquals(200, alice.put(path + "m.room.canonical_alias", "{\"alias\":\"#here:" + TestServer.SERVER_NAME + "\"}").status());
        assertError(alice.put(path + "m.room.canonical_alias", "{\"alias\":\"#there:" + TestServer.SERVER_NAME + "\"}"),
                400, "M_BAD_ALIAS");
        assertError(alice.put(path + "m.room.canonical_alias", "{\"alias\":\"#missing:" + TestServer.SERVER_NAME + "\"}"),
                400, "M_BAD_ALIAS");
        assertError(alice.put(path + "m.room.canonical_alias", "{\"alt_aliases\":[\"not an alias\"]}"), 400, "M_INVALID_PARAM");
        assertEquals(200, alice.put(path + "m.room.canonical_alias", "{\"alias\":\"#here:" + TestServer.SERVER_NAME
                + "\",\"alt_aliases\":[\"#far:elsewhere.example\"]}").status());
        assertTrue(other.startsWith("!"));
    }
}
