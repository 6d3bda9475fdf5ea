package org.hotroom.logic.rooms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.event.InvalidEventException;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gate on its own: events built at the same extremities make a fork (as the federation will),
 * which the next event merges with state resolution; an event that the state before it allows but
 * the current state forbids is soft-failed; a rejected event leaves nothing.
 */
class EventPersisterTest {

    private final TestServer server = new TestServer();
    private TestUser alice;
    private TestUser bob;
    private int steps;

    @BeforeEach
    void setUp() {
        alice = TestUser.register(server, "alice");
        bob = TestUser.register(server, "bob");
    }

    private StepContext ctx(StepStorage s) {
        return new StepContext(s, TestServer.SERVER_NAME, 1_800_000_000_000L + steps, new byte[] {(byte) ++steps});
    }

    private String room(String version) {
        String room = alice.createRoom("{\"preset\":\"public_chat\",\"room_version\":\"" + version + "\"}");
        assertEquals(200, bob.join(room).status());
        return room;
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(strings = {"1", "2", "6", "11", "12"})
    void aForkIsMergedByTheNextEvent(String version) {
        String roomId = room(version);
        server.storage.write(s -> {
            LocalEvents local = new LocalEvents(ctx(s));
            RoomStore.Room room = local.rooms().find(roomId);
            Pdu topic = local.build(room, alice.userId, "m.room.topic", "", Json.object().put("topic", "left branch"), null);
            Pdu name = local.build(room, bob.userId, "m.room.message", null, Json.object().put("body", "right branch"), null);
            assertEquals(topic.prevEventIds(), name.prevEventIds(), "both at the same extremity");
            StoredEvent t = local.persist(topic);
            StoredEvent n = local.persist(name);
            assertFalse(n.meta().has(EventMeta.SOFT_FAILED));
            long[] ext = s.events().forwardExtremities(room.id());
            long[] expected = {t.id(), n.id()};
            Arrays.sort(expected);
            assertArrayEquals(expected, ext);
            assertEquals("left branch", local.rooms().stateContent(local.rooms().currentState(room), "m.room.topic", "")
                    .get("topic").asText(), "the current state is the branches' resolved state");
        });
        // the next event cites both branches, and the room goes on
        String merge = alice.say(roomId, "merged");
        server.storage.read(s -> {
            RoomStore rooms = new RoomStore(s);
            StoredEvent m = rooms.event(merge);
            assertEquals(2, m.prevEventIds().size());
            assertEquals(1, s.events().forwardExtremities(m.meta().room()).length);
            return null;
        });
        assertEquals("left branch", alice.state(roomId, "m.room.topic", "").json().get("topic").asText());
    }

    @Test
    void anEventTheCurrentStateForbidsIsSoftFailed() {
        String roomId = room("11");
        long before = server.storage.position(EventPersister.SYNC);
        server.storage.write(s -> {
            LocalEvents local = new LocalEvents(ctx(s));
            RoomStore.Room room = local.rooms().find(roomId);
            Pdu kick = local.build(room, alice.userId, "m.room.member", bob.userId, Json.object().put("membership", "leave"), null);
            Pdu message = local.build(room, bob.userId, "m.room.message", null, Json.object().put("body", "too late"), null);
            StoredEvent k = local.persist(kick);
            StoredEvent m = local.persist(message);
            assertTrue(m.meta().has(EventMeta.SOFT_FAILED));
            assertEquals(0, m.ordering(), "no place in the timeline");
            assertArrayEquals(new long[] {k.id()}, s.events().forwardExtremities(room.id()));
        });
        assertEquals(before + 1, server.storage.position(EventPersister.SYNC), "only the kick advanced the stream");
    }

    @Test
    void aRejectedEventLeavesNothingAndADuplicateIsTheStoredOne() {
        String roomId = room("10");
        server.storage.write(s -> {
            LocalEvents local = new LocalEvents(ctx(s));
            RoomStore.Room room = local.rooms().find(roomId);
            Pdu levels = local.build(room, bob.userId, "m.room.power_levels", "",
                    Json.object().set("users", Json.object().put(bob.userId, 100)), null);
            RejectedEventException e = assertThrows(RejectedEventException.class,
                    () -> new EventPersister(local.context(), local.rooms()).persist(levels));
            assertTrue(e.decision().rejected());
            assertEquals(0, s.events().find(levels.eventId()));

            Pdu hello = local.build(room, bob.userId, "m.room.message", null, Json.object().put("body", "hi"), null);
            StoredEvent first = local.persist(hello);
            assertSame(first, local.persist(hello), "the same event again is the stored one");

            // the content is not in the event ID (the reference hash covers the redacted event), so
            // a changed content keeps the ID but breaks the content hash
            Pdu next = local.build(room, bob.userId, "m.room.message", null, Json.object().put("body", "sent"), null);
            ObjectNode tampered = next.json().deepCopy();
            tampered.with("content").put("body", "changed");
            Pdu bad = Pdu.fromJson(room.version(), tampered);
            assertEquals(next.eventId(), bad.eventId());
            assertThrows(InvalidEventException.class, () -> local.persist(bad), "the content hash no longer matches");
            assertEquals(0, s.events().find(bad.eventId()));
        });
        List<String> joined = server.storage.read(s -> new Memberships(s).joinedRoomIds(bob.userId));
        assertEquals(List.of(roomId), joined);
    }
}
