package org.hotroom.logic.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.Test;

/**
 * Events of room versions 1 to 5 may hold floats and integers beyond 2^53 (other servers send
 * them; the spec asks servers to cope). Responses used to be written as strict canonical JSON,
 * so every endpoint serving such an event answered 500.
 */
class ServedFloatsTest {

    private final TestServer server = new TestServer();

    @Test
    void aPreV6EventHoldingFloatsIsServedBySyncMessagesEventAndState() {
        TestUser alice = TestUser.register(server, "alice");
        String roomId = alice.createRoom("{\"preset\":\"public_chat\",\"room_version\":\"5\"}");
        String[] ids = new String[2];
        server.storage.write(s -> {
            LocalEvents local = new LocalEvents(new StepContext(s, TestServer.SERVER_NAME, 1_800_000_000_000L, new byte[] {7}));
            RoomStore.Room room = local.rooms().find(roomId);
            ObjectNode message = Json.object().put("msgtype", "m.text").put("body", "floats").put("score", 50.57)
                    .put("tiny", 1e-7).put("whole", 100000.0);
            message.put("huge", new BigInteger("9007199254740993"));
            ids[0] = local.send(room, alice.userId, "m.room.message", null, message).eventId();
            ids[1] = local.send(room, alice.userId, "org.example.gauge", "", Json.object().put("level", 0.5)).eventId();
        });
        String r = TestUser.enc(roomId);

        Reply event = alice.event(roomId, ids[0]);
        assertEquals(200, event.status(), event.toString());
        assertFloats(event.json().get("content"));
        assertTrue(event.text().contains("\"score\":50.57"), event.text());
        assertTrue(event.text().contains("\"huge\":9007199254740993"), event.text());

        Reply sync = alice.get("/sync");
        assertEquals(200, sync.status(), sync.toString());
        JsonNode timeline = sync.json().get("rooms").get("join").get(roomId).get("timeline").get("events");
        assertFloats(last(timeline, "m.room.message").get("content"));
        assertEquals(0.5, last(timeline, "org.example.gauge").get("content").get("level").doubleValue());

        Reply messages = alice.get("/rooms/" + r + "/messages?dir=b&limit=5");
        assertEquals(200, messages.status(), messages.toString());
        assertFloats(last(messages.json().get("chunk"), "m.room.message").get("content"));

        Reply content = alice.state(roomId, "org.example.gauge", "");
        assertEquals(200, content.status(), content.toString());
        assertEquals("{\"level\":0.5}", content.text());
        Reply all = alice.get("/rooms/" + r + "/state");
        assertEquals(200, all.status(), all.toString());
        assertEquals(0.5, last(all.json(), "org.example.gauge").get("content").get("level").doubleValue());
    }

    private static JsonNode last(JsonNode events, String type) {
        JsonNode found = null;
        for (JsonNode e : events) {
            if (e.get("type").asText().equals(type)) {
                found = e;
            }
        }
        assertTrue(found != null, type + " in " + events);
        return found;
    }

    private static void assertFloats(JsonNode content) {
        assertEquals(50.57, content.get("score").doubleValue());
        assertEquals(1e-7, content.get("tiny").doubleValue());
        assertEquals(100000.0, content.get("whole").doubleValue());
        assertEquals(new BigInteger("9007199254740993"), content.get("huge").bigIntegerValue());
    }
}
