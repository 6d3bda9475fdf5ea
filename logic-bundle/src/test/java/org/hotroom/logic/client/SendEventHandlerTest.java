package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.room.RoomVersions;
import org.hotroom.logic.rooms.EventPersister;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.StoredEvents;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sending messages and redactions: idempotency, transaction IDs, permissions, size, redaction served. */
class SendEventHandlerTest {

    private final TestServer server = new TestServer();
    private TestUser alice;
    private TestUser bob;
    private String room;

    @BeforeEach
    void setUp() {
        alice = TestUser.register(server, "alice");
        bob = TestUser.register(server, "bob");
        room = alice.createRoom("{\"preset\":\"public_chat\"}");
        assertEquals(200, bob.join(room).status());
    }

    private static void assertError(Reply r, int status, String errcode) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(errcode, r.errcode(), r.toString());
    }

    private Reply send(TestUser u, String txn, String body) {
        return u.put("/rooms/" + TestUser.enc(room) + "/send/m.room.message/" + txn, body);
    }

    @Test
    void aRepeatedTransactionSendsOnce() {
        Reply first = send(alice, "txn1", "{\"msgtype\":\"m.text\",\"body\":\"once\"}");
        assertEquals(200, first.status(), first.toString());
        long position = server.storage.position(EventPersister.SYNC);
        Reply again = send(alice, "txn1", "{\"msgtype\":\"m.text\",\"body\":\"once\"}");
        assertEquals(first.json(), again.json(), "the same event ID");
        assertEquals(position, server.storage.position(EventPersister.SYNC), "nothing new was sent");
        // another device of the same user, or another user, has its own transactions
        TestUser aliceToo = alice.newDevice();
        assertNotEquals(first.json(), send(aliceToo, "txn1", "{\"body\":\"x\"}").json());
        assertNotEquals(first.json(), send(bob, "txn1", "{\"body\":\"x\"}").json());
        // the redact endpoint has its own transactions too
        Reply redact = alice.put("/rooms/" + TestUser.enc(room) + "/redact/" + TestUser.enc(first.json().get("event_id").asText())
                + "/txn1", "{}");
        assertEquals(200, redact.status(), redact.toString());
        assertNotEquals(first.json(), redact.json());
    }

    @Test
    void theTransactionIdIsShownToTheSendingDeviceOnly() {
        String eventId = send(alice, "abc", "{\"msgtype\":\"m.text\",\"body\":\"mine\"}").json().get("event_id").asText();
        JsonNode own = alice.event(room, eventId).json();
        assertEquals("abc", own.get("unsigned").get("transaction_id").asText());
        assertEquals("mine", own.get("content").get("body").asText());
        assertEquals(alice.userId, own.get("sender").asText());
        assertEquals(room, own.get("room_id").asText());
        assertTrue(own.get("unsigned").get("age").isIntegralNumber());
        assertNull(alice.newDevice().event(room, eventId).json().get("unsigned").get("transaction_id"));
        assertNull(bob.event(room, eventId).json().get("unsigned").get("transaction_id"));
        assertFalse(own.has("auth_events") || own.has("hashes") || own.has("signatures"), "client format only");
    }

    @Test
    void nonMembersCannotSendOrRead() {
        TestUser carol = TestUser.register(server, "carol");
        String eventId = alice.say(room, "members only");
        Reply r = send(carol, "t", "{\"body\":\"let me in\"}");
        assertError(r, 403, "M_FORBIDDEN");
        assertTrue(r.json().get("error").asText().contains("rule"), r.toString());
        String secret = alice.createRoom("{\"preset\":\"private_chat\",\"initial_state\":[{\"type\":\"m.room.history_visibility\","
                + "\"content\":{\"history_visibility\":\"joined\"}}]}");
        String hidden = alice.say(secret, "hidden");
        assertError(carol.event(secret, hidden), 404, "M_NOT_FOUND");
        assertError(carol.event(room, "$nonexistent"), 404, "M_NOT_FOUND");
        assertError(alice.event(secret, eventId), 404, "M_NOT_FOUND"); // an event of another room
        assertError(carol.put("/rooms/" + TestUser.enc("!nowhere:" + TestServer.SERVER_NAME) + "/send/m.room.message/t", "{}"),
                404, "M_NOT_FOUND");
        // shared history is readable by members, even what came before they joined
        assertEquals(200, carol.join(room).status());
        assertEquals(200, carol.event(room, eventId).status());
    }

    @Test
    void anEventOver64KiBIs413AndNotStored() {
        long position = server.storage.position(EventPersister.SYNC);
        Reply r = send(alice, "big", "{\"body\":\"" + "x".repeat(66_000) + "\"}");
        assertError(r, 413, "M_TOO_LARGE");
        assertEquals(position, server.storage.position(EventPersister.SYNC));
        assertEquals(200, send(alice, "fits", "{\"body\":\"" + "x".repeat(60_000) + "\"}").status());
    }

    @Test
    void aRedactedEventIsServedRedacted() {
        String eventId = bob.say(room, "regrettable");
        Reply redact = bob.put("/rooms/" + TestUser.enc(room) + "/redact/" + TestUser.enc(eventId) + "/r1", "{\"reason\":\"oops\"}");
        assertEquals(200, redact.status(), redact.toString());
        String redactionId = redact.json().get("event_id").asText();
        JsonNode served = alice.event(room, eventId).json();
        assertEquals(0, served.get("content").size(), served.toString());
        JsonNode because = served.get("unsigned").get("redacted_because");
        assertEquals(redactionId, because.get("event_id").asText());
        assertEquals("oops", because.get("content").get("reason").asText());
        assertEquals(eventId, because.get("content").get("redacts").asText(), "v12 names the target in the content");
        // the stored event is kept as it was: the redaction applies when serving
        Pdu stored = StoredEvents.pdu(server, RoomVersions.DEFAULT, eventId);
        assertEquals("regrettable", stored.content().get("body").asText());
    }

    @Test
    void redactingOthersNeedsTheRedactLevel() {
        String alices = alice.say(room, "by alice");
        String bobs = bob.say(room, "by bob");
        assertError(bob.put("/rooms/" + TestUser.enc(room) + "/redact/" + TestUser.enc(alices) + "/r", "{}"), 403, "M_FORBIDDEN");
        assertEquals("by alice", alice.event(room, alices).json().get("content").get("body").asText());
        assertEquals(200, alice.put("/rooms/" + TestUser.enc(room) + "/redact/" + TestUser.enc(bobs) + "/r", "{}").status());
        assertEquals(0, bob.event(room, bobs).json().get("content").size());
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(strings = {"1", "3", "10", "11"})
    void redactionsThroughSendMoveRedactsToTheTopLevelBeforeV11(String version) {
        String r = alice.createRoom("{\"room_version\":\"" + version + "\"}");
        String target = alice.say(r, "bye");
        Reply sent = alice.put("/rooms/" + TestUser.enc(r) + "/send/m.room.redaction/x", "{\"redacts\":\"" + target + "\"}");
        assertEquals(200, sent.status(), sent.toString());
        String redactionId = sent.json().get("event_id").asText();
        Pdu pdu = StoredEvents.pdu(server, RoomVersions.get(version), redactionId);
        boolean inContent = RoomVersions.get(version).redactsInContent();
        assertEquals(inContent, pdu.content().has("redacts"));
        assertEquals(!inContent, pdu.json().has("redacts"));
        assertEquals(target, pdu.redacts());
        JsonNode served = alice.event(r, redactionId).json();
        assertEquals(target, inContent ? served.get("content").get("redacts").asText() : served.get("redacts").asText());
        assertEquals(0, alice.event(r, target).json().get("content").size(), "the target is served redacted");
        assertError(alice.put("/rooms/" + TestUser.enc(r) + "/send/m.room.redaction/y", "{}"), 400, "M_BAD_JSON");
    }

    @Test
    void aRedactionOfSomethingThatIsNotAnEventIdIsRefused() {
        String r = "/rooms/" + TestUser.enc(room);
        long before = server.storage.position("sync");
        for (String id : new String[] {"junk", "$", "$" + "x".repeat(300), "$short:" + TestServer.SERVER_NAME}) {
            assertError(alice.put(r + "/redact/" + TestUser.enc(id) + "/t" + id.length(), "{}"), 400, "M_INVALID_PARAM");
            assertError(alice.put(r + "/send/m.room.redaction/s" + id.length(), "{\"redacts\":\"" + id + "\"}"),
                    400, "M_INVALID_PARAM");
        }
        assertEquals(before, server.storage.position("sync"), "nothing was sent");
        // an event ID of the room's format that this server has not seen is fine: it may arrive later
        String unseen = "$" + "A".repeat(43);
        assertEquals(200, alice.put(r + "/redact/" + TestUser.enc(unseen) + "/u", "{}").status());
        // and in a room version 1 room, event IDs have a server name
        String old = alice.createRoom("{\"room_version\":\"1\"}");
        assertEquals(200, alice.put("/rooms/" + TestUser.enc(old) + "/redact/" + TestUser.enc("$abc:elsewhere.example") + "/v", "{}")
                .status());
        assertError(alice.put("/rooms/" + TestUser.enc(old) + "/redact/" + TestUser.enc(unseen) + "/w", "{}"), 400, "M_INVALID_PARAM");
    }

    @Test
    void contentMustBeCanonicalJson() {
        assertError(send(alice, "f", "{\"n\":1.5}"), 400, "M_BAD_JSON");
        assertError(send(alice, "g", "[]"), 400, "M_BAD_JSON");
    }
}
