package org.hotroom.logic.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.api.Wait;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Typing, receipts and read markers, as {@code /sync} reports them. */
class EphemeralTest {

    private final TestServer server = new TestServer();
    private final Client.Clock clock = new Client.Clock();
    private final Client ada = new Client(server, clock, "ada");
    private final Client bob = new Client(server, clock, "bob");
    private final String roomId = ada.createRoom("{\"preset\":\"public_chat\"}");

    {
        bob.join(roomId);
    }

    private String path(String rest) {
        return "/_matrix/client/v3/rooms/" + Client.enc(roomId) + rest;
    }

    private Reply typing(Client who, String userId, String body) {
        return who.call("PUT", path("/typing/" + Client.enc(userId)), body);
    }

    private Reply receipt(Client who, String type, String eventId, String body) {
        return who.call("POST", path("/receipt/" + type + "/" + Client.enc(eventId)), body);
    }

    /** The room's ephemeral event of {@code type} in a sync, or null. */
    private static JsonNode ephemeral(JsonNode sync, String roomId, String type) {
        JsonNode room = SyncRoomsTest.room(sync, "join", roomId);
        if (room == null) {
            return null;
        }
        for (JsonNode e : room.get("ephemeral").get("events")) {
            if (e.get("type").asText().equals(type)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void typingIsReportedAndExpiresByTheClock() {
        String since = bob.sync("").get("next_batch").asText();
        assertEquals(200, typing(ada, ada.userId, "{\"typing\":true,\"timeout\":10000}").status());
        JsonNode sync = bob.sync("since=" + since);
        JsonNode t = ephemeral(sync, roomId, "m.typing");
        assertNotNull(t, sync.toString());
        assertEquals(ada.userId, t.get("content").get("user_ids").get(0).asText());

        // saying so again changes nothing anyone sees
        since = sync.get("next_batch").asText();
        long position = server.storage.position("sync");
        assertEquals(200, typing(ada, ada.userId, "{\"typing\":true,\"timeout\":10000}").status());
        assertEquals(position, server.storage.position("sync"));

        // a long-poll wakes when the typing runs out, and reports it
        Client.Poll poll = bob.start("GET", "/_matrix/client/v3/sync?timeout=60000&since=" + since, "");
        Wait w = poll.waiting();
        assertTrue(w.timeoutMillis() <= 10_000, "wakes at the expiry: " + w);
        clock.advance(w.timeoutMillis());
        JsonNode expired = poll.wake(true).reply().json();
        JsonNode gone = ephemeral(expired, roomId, "m.typing");
        assertNotNull(gone, expired.toString());
        assertEquals(0, gone.get("content").get("user_ids").size());

        // stopping is a change too
        since = expired.get("next_batch").asText();
        typing(ada, ada.userId, "{\"typing\":true,\"timeout\":30000}");
        String mid = bob.sync("since=" + since).get("next_batch").asText();
        typing(ada, ada.userId, "{\"typing\":false}");
        assertEquals(0, ephemeral(bob.sync("since=" + mid), roomId, "m.typing").get("content").get("user_ids").size());
    }

    @Test
    void aTypingTimeoutBeyondALongIsTheLongestTimeoutNotAnError() {
        // 2^64 + 5 used to wrap around to 5 ms; 2^63 to a negative number and a 400
        for (String huge : new String[] {"18446744073709551621", "9223372036854775808", "99999999999999999999999"}) {
            Reply r = typing(ada, ada.userId, "{\"typing\":true,\"timeout\":" + huge + "}");
            assertEquals(200, r.status(), huge + ": " + r);
            String since = bob.sync("").get("next_batch").asText();
            clock.advance(60_000);
            JsonNode later = bob.sync("since=" + since);
            assertEquals(null, ephemeral(later, roomId, "m.typing"), huge + ": still typing a minute later");
            typing(ada, ada.userId, "{\"typing\":false}");
        }
        assertEquals("M_BAD_JSON", typing(ada, ada.userId, "{\"typing\":true,\"timeout\":-18446744073709551621}").errcode());
    }

    @Test
    void typingIsOnlyForOneself() {
        Reply r = typing(ada, bob.userId, "{\"typing\":true}");
        assertEquals(403, r.status());
        assertEquals("M_FORBIDDEN", r.errcode());
        assertEquals("M_BAD_JSON", typing(ada, ada.userId, "{\"timeout\":5}").errcode());
    }

    @Test
    void receiptsAreAggregatedPerEventAndPrivateOnesStayWithTheirOwner() {
        String msg = ada.send(roomId, "read me");
        String since = ada.sync("").get("next_batch").asText();
        String bobSince = bob.sync("").get("next_batch").asText();
        assertEquals(200, receipt(bob, "m.read", msg, "{}").status());
        assertEquals(200, receipt(bob, "m.read.private", msg, "").status());
        assertEquals(200, receipt(bob, "m.read", msg, "{\"thread_id\":\"main\"}").status());

        JsonNode r = ephemeral(ada.sync("since=" + since), roomId, "m.receipt");
        assertNotNull(r);
        JsonNode forMsg = r.get("content").get(msg);
        assertEquals(1, forMsg.size(), "ada does not see bob's private receipt: " + r);
        JsonNode read = forMsg.get("m.read").get(bob.userId);
        assertTrue(read.get("ts").asLong() > 0);
        assertEquals("main", read.get("thread_id").asText(), "two receipts of bob at one event: the later, threaded one shows");

        JsonNode own = ephemeral(bob.sync("since=" + bobSince), roomId, "m.receipt");
        assertNotNull(own.get("content").get(msg).get("m.read.private").get(bob.userId));

        // an initial sync has them too
        assertNotNull(ephemeral(ada.sync(""), roomId, "m.receipt").get("content").get(msg).get("m.read"));

        // a receipt does not move backwards
        String later = ada.send(roomId, "later");
        receipt(bob, "m.read", later, "{}");
        long position = server.storage.position("sync");
        receipt(bob, "m.read", msg, "{}");
        assertEquals(position, server.storage.position("sync"));
    }

    @Test
    void badReceiptsAreRefused() {
        String msg = ada.send(roomId, "x");
        assertEquals("M_INVALID_PARAM", receipt(bob, "m.seen", msg, "{}").errcode());
        assertEquals("M_INVALID_PARAM", receipt(bob, "m.read", msg, "{\"thread_id\":\"\"}").errcode());
        assertEquals("M_INVALID_PARAM", receipt(bob, "m.fully_read", msg, "{\"thread_id\":\"main\"}").errcode());
        Reply unknown = receipt(bob, "m.read", "$nope", "{}");
        assertEquals(404, unknown.status());
        assertEquals("M_NOT_FOUND", unknown.errcode());
    }

    @Test
    void readMarkersSetTheFullyReadMarkerAndReceipts() {
        String msg = ada.send(roomId, "read");
        String since = bob.sync("").get("next_batch").asText();
        String adaSince = ada.sync("").get("next_batch").asText();
        Reply r = bob.call("POST", path("/read_markers"), "{\"m.fully_read\":\"" + msg + "\",\"m.read\":\"" + msg + "\"}");
        assertEquals(200, r.status(), r.toString());
        JsonNode sync = bob.sync("since=" + since);
        JsonNode data = SyncRoomsTest.room(sync, "join", roomId).get("account_data").get("events");
        assertEquals("m.fully_read", data.get(0).get("type").asText());
        assertEquals(msg, data.get(0).get("content").get("event_id").asText());
        assertNotNull(ephemeral(ada.sync("since=" + adaSince), roomId, "m.receipt").get("content").get(msg).get("m.read").get(bob.userId));
        // the receipt endpoint sets m.fully_read the same way, and never under m.receipt
        String second = ada.send(roomId, "second");
        assertEquals(200, receipt(bob, "m.fully_read", second, "{}").status());
        assertEquals(second, bob.get("/_matrix/client/v3/user/" + Client.enc(bob.userId) + "/rooms/" + Client.enc(roomId)
                + "/account_data/m.fully_read").json().get("event_id").asText());
        JsonNode receipts = ephemeral(ada.sync(""), roomId, "m.receipt");
        assertNull(receipts.get("content").get(second));
        assertFalse(receipts.toString().contains("m.fully_read"));
        // bad input
        assertEquals("M_BAD_JSON", bob.call("POST", path("/read_markers"), "{\"m.read\":5}").errcode());
        assertEquals(404, bob.call("POST", path("/read_markers"), "{\"m.fully_read\":\"$missing\"}").status());
    }
}
