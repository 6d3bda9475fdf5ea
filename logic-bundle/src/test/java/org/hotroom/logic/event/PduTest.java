package org.hotroom.logic.event;

import static org.hotroom.logic.event.TestEvents.json;
import static org.hotroom.logic.event.TestEvents.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PduTest {

    static List<RoomVersion> versions() {
        return RoomVersions.all();
    }

    /** The error for {@code message(v)} changed by {@code change}; fails if the event is accepted. */
    private static InvalidEventException refused(RoomVersion v, Consumer<ObjectNode> change) {
        ObjectNode e = message(v);
        change.accept(e);
        return assertThrows(InvalidEventException.class, () -> Pdu.fromJson(v, e));
    }

    private static Pdu accepted(RoomVersion v, Consumer<ObjectNode> change) {
        ObjectNode e = message(v);
        change.accept(e);
        return Pdu.fromJson(v, e);
    }

    private static void assertMentions(InvalidEventException e, String field, String... words) {
        assertEquals(field, e.field(), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + e.getMessage() + "' should mention '" + w + "'");
        }
    }

    // ---- a valid event and its view ----

    @ParameterizedTest
    @MethodSource("versions")
    void validEventAndTypedView(RoomVersion v) {
        ObjectNode e = message(v);
        Pdu p = Pdu.fromJson(v, e);
        assertEquals("m.room.message", p.type());
        assertNull(p.stateKey());
        assertFalse(p.isState());
        assertEquals("@alice:example.org", p.sender());
        assertEquals("example.org", p.senderServer());
        assertEquals(TestEvents.roomId(v), p.roomId());
        assertEquals(5, p.depth());
        assertEquals(1_700_000_000_000L, p.originServerTs());
        assertEquals("hello", p.content().get("body").textValue());
        assertEquals(List.of(TestEvents.eventId(v, 4)), p.prevEventIds());
        assertEquals(List.of(TestEvents.eventId(v, 1), TestEvents.eventId(v, 2), TestEvents.eventId(v, 3)), p.authEventIds());
        assertEquals("aGFzaA", p.claimedContentHash());
        assertFalse(p.contentHashMatches());
        assertTrue(p.json() == e, "the view keeps the tree it was given");
        assertArrayEquals(CanonicalJson.encode(e), p.canonicalBytes());
        assertEquals(p.canonicalBytes().length, p.canonicalSize());
        if (v.eventFormat().eventIdIsHash()) {
            assertTrue(p.eventId().startsWith("$") && p.eventId().length() == 44, p.eventId());
        } else {
            assertEquals("$message:example.org", p.eventId());
        }
        assertThrows(UnsupportedOperationException.class, () -> p.prevEventIds().add("x"));
    }

    @Test
    void parseKeepsTheReceivedBytes() {
        byte[] bytes = ("  " + CanonicalJson.encodeToString(message(RoomVersions.V10)).replace(",", ", ") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Pdu p = Pdu.parse(RoomVersions.V10, bytes);
        assertArrayEquals(bytes, p.bytes());
        assertArrayEquals(CanonicalJson.encode(message(RoomVersions.V10)), p.canonicalBytes());
        // JSON that strict parsing refuses is an invalid event
        InvalidEventException dup = assertThrows(InvalidEventException.class,
                () -> Pdu.parse(RoomVersions.V10, "{\"type\": \"a\", \"type\": \"b\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(dup.getMessage().contains("duplicate"), dup.getMessage());
        assertThrows(InvalidEventException.class, () -> Pdu.parse(RoomVersions.V10, "[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void contentHashMatchesAfterHashing() {
        for (RoomVersion v : RoomVersions.all()) {
            ObjectNode e = message(v);
            ((ObjectNode) e.get("hashes")).put("sha256", EventHashes.encodeHash(Pdu.fromJson(v, e.deepCopy()).contentHash()));
            Pdu p = Pdu.fromJson(v, e);
            assertTrue(p.contentHashMatches(), v.toString());
            // padded and URL-safe spellings decode to the same hash
            String claimed = p.claimedContentHash();
            ((ObjectNode) e.get("hashes")).put("sha256", claimed.replace('+', '-').replace('/', '_') + "=");
            assertTrue(Pdu.fromJson(v, e).contentHashMatches(), v.toString());
            ((ObjectNode) e.get("hashes")).put("sha256", "not base64!");
            assertFalse(Pdu.fromJson(v, e).contentHashMatches(), v.toString());
        }
    }

    // ---- required fields ----

    @ParameterizedTest
    @ValueSource(strings = {"type", "sender", "room_id", "content", "depth", "origin_server_ts", "prev_events",
        "auth_events", "hashes", "signatures"})
    void requiredFields(String field) {
        for (RoomVersion v : RoomVersions.all()) {
            assertMentions(refused(v, e -> e.remove(field)), field, "missing required field '" + field + "'");
        }
    }

    @Test
    void wrongTypes() {
        RoomVersion v = RoomVersions.V10;
        assertMentions(refused(v, e -> e.put("type", 1)), "type", "must be a string", "got an integer");
        assertMentions(refused(v, e -> e.putNull("state_key")), "state_key", "must be a string", "got null");
        assertMentions(refused(v, e -> e.putArray("content")), "content", "must be an object");
        assertMentions(refused(v, e -> e.put("depth", "5")), "depth", "must be an integer", "got a string");
        assertMentions(refused(v, e -> e.set("depth", json("{\"d\": 5.0}").get("d"))), "depth", "must be an integer");
        assertMentions(refused(v, e -> e.put("origin_server_ts", 1.5)), "origin_server_ts", "must be an integer");
        assertMentions(refused(v, e -> e.put("prev_events", "$x")), "prev_events", "must be an array");
        assertMentions(refused(v, e -> ((ArrayNode) e.get("auth_events")).add(3)), "auth_events[3]", "event ID string");
        assertMentions(refused(v, e -> e.put("hashes", "h")), "hashes", "must be an object");
        assertMentions(refused(v, e -> e.putObject("hashes")), "hashes.sha256", "missing");
        assertMentions(refused(v, e -> e.putObject("hashes").put("sha256", 1)), "hashes.sha256", "must be a string");
        assertMentions(refused(v, e -> e.putArray("signatures")), "signatures", "must be an object");
        assertMentions(refused(v, e -> e.putObject("signatures").put("example.org", "s")), "signatures.example.org", "object");
        assertMentions(refused(v, e -> e.putObject("signatures").putObject("example.org").put("ed25519:1", 5)),
                "signatures.example.org.ed25519:1", "must be a string");
        assertMentions(refused(v, e -> e.put("unsigned", 1)), "unsigned", "must be an object");
        assertMentions(refused(v, e -> e.put("redacts", 1)), "redacts", "must be a string");
    }

    // ---- sizes (client-server API "Size limits") ----

    @Test
    void typeAndStateKeyAtMost255Bytes() {
        RoomVersion v = RoomVersions.V11;
        accepted(v, e -> e.put("type", "t".repeat(255)));
        assertMentions(refused(v, e -> e.put("type", "t".repeat(256))), "type", "255 bytes");
        accepted(v, e -> e.put("state_key", "\u00e9".repeat(127) + "k"));
        assertMentions(refused(v, e -> e.put("state_key", "\u00e9".repeat(128))), "state_key", "255 bytes");
        accepted(v, e -> e.put("state_key", ""));
    }

    @Test
    void idsAtMost255Bytes() {
        RoomVersion v = RoomVersions.V11;
        String domain = ":example.org";
        accepted(v, e -> e.put("sender", "@" + "a".repeat(255 - 1 - domain.length()) + domain));
        assertMentions(refused(v, e -> e.put("sender", "@" + "a".repeat(256 - 1 - domain.length()) + domain)), "sender", "255 bytes");
        assertMentions(refused(v, e -> e.put("room_id", "!" + "r".repeat(256 - 1 - domain.length()) + domain)), "room_id", "255 bytes");
        RoomVersion v1 = RoomVersions.V1;
        ObjectNode ok = message(v1);
        ok.put("event_id", "$" + "e".repeat(255 - 1 - domain.length()) + domain);
        Pdu.fromJson(v1, ok);
        assertMentions(refused(v1, e -> e.put("event_id", "$" + "e".repeat(256 - 1 - domain.length()) + domain)), "event_id", "255 bytes");
    }

    /** "The complete event MUST NOT be larger than 65536 bytes ... encoded as Canonical JSON." */
    @ParameterizedTest
    @MethodSource("versions")
    void wholeEventAtMost65536CanonicalBytes(RoomVersion v) {
        ObjectNode e = message(v);
        ((ObjectNode) e.get("content")).put("body", "");
        int overhead = Pdu.fromJson(v, e.deepCopy()).canonicalSize();
        ((ObjectNode) e.get("content")).put("body", "x".repeat(Pdu.MAX_PDU_BYTES - overhead));
        Pdu exact = Pdu.fromJson(v, e.deepCopy());
        assertEquals(Pdu.MAX_PDU_BYTES, exact.canonicalSize());
        // whitespace in the received bytes does not count
        byte[] pretty = CanonicalJson.encodeToString(e).replace(",\"", ", \"").getBytes(StandardCharsets.UTF_8);
        assertTrue(pretty.length > Pdu.MAX_PDU_BYTES);
        Pdu.parse(v, pretty);
        // bytes, not characters; signatures and unsigned count
        ((ObjectNode) e.get("content")).put("body", "x".repeat(Pdu.MAX_PDU_BYTES - overhead - 1) + "\u00e9");
        InvalidEventException big = assertThrows(InvalidEventException.class, () -> Pdu.fromJson(v, e.deepCopy()));
        assertTrue(big.getMessage().contains("65537 bytes"), big.getMessage());
        ((ObjectNode) e.get("content")).put("body", "x".repeat(Pdu.MAX_PDU_BYTES - overhead - 1));
        Pdu.fromJson(v, e.deepCopy());
        ((ObjectNode) e.get("unsigned")).put("age", 1234); // 12 -> 1234: two bytes more, 65537
        assertThrows(InvalidEventException.class, () -> Pdu.fromJson(v, e.deepCopy()));
    }

    @Test
    void atMost20PrevEventsAnd10AuthEvents() {
        for (RoomVersion v : List.of(RoomVersions.V1, RoomVersions.V3, RoomVersions.V12)) {
            accepted(v, e -> {
                fill(v, e.putArray("prev_events"), 20);
                fill(v, e.putArray("auth_events"), 10);
            });
            assertMentions(refused(v, e -> fill(v, e.putArray("prev_events"), 21)), "prev_events", "21 entries", "at most 20");
            assertMentions(refused(v, e -> fill(v, e.putArray("auth_events"), 11)), "auth_events", "11 entries", "at most 10");
        }
    }

    private static void fill(RoomVersion v, ArrayNode refs, int n) {
        for (int i = 0; i < n; i++) {
            TestEvents.addReference(v, refs, 100 + i);
        }
    }

    // ---- formats per room version ----

    @Test
    void eventIdFieldRequiredInV1AndV2AndRefusedAfter() {
        for (RoomVersion v : RoomVersions.all()) {
            if (v.eventFormat().eventIdIsHash()) {
                assertMentions(refused(v, e -> e.put("event_id", "$abc:example.org")), "event_id", "no event_id field");
            } else {
                assertMentions(refused(v, e -> e.remove("event_id")), "event_id", "missing");
                assertMentions(refused(v, e -> e.put("event_id", "$noserver")), "event_id", "not a event ID");
                assertMentions(refused(v, e -> e.put("event_id", "abc:example.org")), "event_id", "must start with '$'");
            }
        }
    }

    @Test
    void referencesAreIdPairsInV1AndV2() {
        for (RoomVersion v : List.of(RoomVersions.V1, RoomVersions.V2)) {
            assertMentions(refused(v, e -> e.putArray("prev_events").add("$a:example.org")), "prev_events[0]", "[event_id, hashes] pair");
            assertMentions(refused(v, e -> e.putArray("prev_events").addArray().add("$a:example.org")), "prev_events[0]", "pair");
            assertMentions(refused(v, e -> e.putArray("prev_events").addArray().add("$a:example.org").add("h")),
                    "prev_events[0][1]", "an object of hashes");
            assertMentions(refused(v, e -> e.putArray("prev_events").addArray().add(1).addObject()), "prev_events[0][0]", "event ID");
            assertMentions(refused(v, e -> e.putArray("auth_events").addArray().add("$a").addObject()), "auth_events[0]", "event ID");
            assertMentions(refused(v, e -> e.putArray("auth_events").addArray().add("$a:example.org").addObject().put("sha256", 1)),
                    "auth_events[0][1].sha256", "must be a string");
            // a hash object without sha256 is tolerated (v1 rooms "should be generally relaxed")
            accepted(v, e -> e.putArray("auth_events").addArray().add("$a:example.org").addObject());
        }
    }

    @Test
    void referencesAreHashIdsFromV3() {
        String standard = "$acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk";
        String urlSafe = "$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg";
        accepted(RoomVersions.V3, e -> e.putArray("prev_events").add(standard));
        assertMentions(refused(RoomVersions.V3, e -> e.putArray("prev_events").add(urlSafe)), "prev_events[0]", "standard base64");
        for (RoomVersion v : RoomVersions.all().subList(3, 12)) {
            accepted(v, e -> e.putArray("prev_events").add(urlSafe));
            assertMentions(refused(v, e -> e.putArray("prev_events").add(standard)), "prev_events[0]", "URL-safe");
            assertMentions(refused(v, e -> e.putArray("prev_events").add("$a:example.org")), "prev_events[0]", "43 characters");
            assertMentions(refused(v, e -> e.putArray("auth_events").addArray().add(urlSafe).addObject()), "auth_events[0]", "event ID string");
        }
    }

    @Test
    void roomIds() {
        for (RoomVersion v : RoomVersions.all().subList(0, 11)) {
            assertMentions(refused(v, e -> e.put("room_id", "!nodomain")), "room_id", "no ':'");
            assertMentions(refused(v, e -> e.put("room_id", "#alias:example.org")), "room_id", "must start with '!'");
        }
        RoomVersion v12 = RoomVersions.V12;
        assertMentions(refused(v12, e -> e.put("room_id", "!room:example.org")), "room_id", "URL-safe");
        // only the create event omits room_id
        assertMentions(refused(v12, e -> e.remove("room_id")), "room_id", "missing");
        Pdu create = accepted(v12, e -> {
            e.remove("room_id");
            e.put("type", "m.room.create");
            e.put("state_key", "");
        });
        assertTrue(create.isCreateEvent());
        assertEquals("!" + create.eventId().substring(1), create.roomId());
        // a v12 create event with a room_id is well-formed; the auth rules reject it (rooms/v12 rule 1.2)
        Pdu withRoomId = accepted(v12, e -> {
            e.put("type", "m.room.create");
            e.put("state_key", "");
            e.put("room_id", "!legacy:example.org");
        });
        assertEquals("!legacy:example.org", withRoomId.roomIdField());
        assertEquals("!" + withRoomId.eventId().substring(1), withRoomId.roomId());
        // before v12 the create event needs its room_id like every event
        assertMentions(refused(RoomVersions.V11, e -> {
            e.remove("room_id");
            e.put("type", "m.room.create");
            e.put("state_key", "");
        }), "room_id", "missing");
    }

    @Test
    void senders() {
        RoomVersion v = RoomVersions.V12;
        accepted(v, e -> e.put("sender", "@Historical User:example.org"));
        assertMentions(refused(v, e -> e.put("sender", "alice:example.org")), "sender", "must start with '@'");
        assertMentions(refused(v, e -> e.put("sender", "@alice")), "sender", "no ':'");
        assertMentions(refused(v, e -> e.put("sender", "@alice:bad host")), "sender", "not allowed in a host name");
        assertMentions(refused(v, e -> e.put("sender", "@a" + (char) 0 + ":example.org")), "sender", "NUL");
    }

    @Test
    void depthBounds() {
        for (RoomVersion v : RoomVersions.all()) {
            accepted(v, e -> e.put("depth", 0));
            assertMentions(refused(v, e -> e.put("depth", -1)), "depth", "[0,");
            accepted(v, e -> e.put("depth", (1L << 53) - 1));
        }
        // 2^53 - 1 from v6 (components/depth_v6), 2^63 - 1 before
        for (RoomVersion v : RoomVersions.all()) {
            if (v.strictCanonicalJson()) {
                assertMentions(refused(v, e -> e.put("depth", 1L << 53)), "depth", "[0, 9007199254740991]");
            } else {
                accepted(v, e -> e.put("depth", Long.MAX_VALUE));
                assertMentions(refused(v, e -> e.set("depth", json("{\"d\": 9223372036854775808}").get("d"))), "depth", "out of range");
            }
        }
    }

    /** From v6 events must be canonical JSON (fragment v6-canonical-json); before, they need not. */
    @Test
    void canonicalJsonStrictFromV6() {
        String[] nonCanonical = {"{\"n\": 1.5}", "{\"n\": 1.0}", "{\"n\": 1e3}", "{\"n\": 9007199254740992}",
            "{\"n\": [{\"m\": -12345678901234567890}]}"};
        for (RoomVersion v : RoomVersions.all()) {
            for (String content : nonCanonical) {
                if (v.strictCanonicalJson()) {
                    InvalidEventException e = refused(v, ev -> ((ObjectNode) ev.get("content")).set("x", json(content)));
                    assertTrue(e.getMessage().contains("content.x.n"), e.getMessage());
                    assertTrue(e.getMessage().contains("canonical JSON"), e.getMessage());
                } else {
                    Pdu p = accepted(v, ev -> ((ObjectNode) ev.get("content")).set("x", json(content)));
                    p.eventId();
                    p.contentHash();
                }
            }
        }
        // a v1 power levels event with a float, as in fragment v1-floaty-power-levels
        Pdu floaty = accepted(RoomVersions.V5, e -> ((ObjectNode) e.get("content")).set("users",
                json("{\"@bob:localhost\": 50.57}")));
        assertTrue(new String(floaty.canonicalBytes(), StandardCharsets.UTF_8).contains("\"@bob:localhost\":50.57"));
    }

    @Test
    void redactsFieldByVersion() {
        for (RoomVersion v : RoomVersions.all()) {
            String target = TestEvents.eventId(v, 9);
            if (v.redactsInContent()) {
                // top-level redacts means nothing from v11: not checked, not used
                Pdu p = accepted(v, e -> {
                    e.put("type", "m.room.redaction");
                    e.put("redacts", 1);
                    ((ObjectNode) e.get("content")).put("redacts", target);
                });
                assertEquals(target, p.redacts());
            } else {
                Pdu p = accepted(v, e -> {
                    e.put("type", "m.room.redaction");
                    e.put("redacts", target);
                    ((ObjectNode) e.get("content")).put("redacts", "$other");
                });
                assertEquals(target, p.redacts());
                assertMentions(refused(v, e -> e.put("redacts", "nonsense")), "redacts", "event ID");
            }
        }
    }

    @Test
    void draftsNeedNoHashesOrSignatures() {
        for (RoomVersion v : RoomVersions.all()) {
            ObjectNode e = message(v);
            e.remove("hashes");
            e.remove("signatures");
            assertThrows(InvalidEventException.class, () -> Pdu.fromJson(v, e.deepCopy()));
            Pdu d = Pdu.draft(v, e.deepCopy());
            assertTrue(d.isDraft());
            assertNull(d.claimedContentHash());
            assertFalse(d.contentHashMatches());
            e.put("hashes", "ignored");
            Pdu.draft(v, e.deepCopy());
            e.put("signatures", "checked when present");
            assertThrows(InvalidEventException.class, () -> Pdu.draft(v, e.deepCopy()));
        }
    }

    @Test
    void extraTopLevelKeysAreAllowedAndHashed() {
        RoomVersion v = RoomVersions.V12;
        Pdu plain = accepted(v, e -> { });
        Pdu extra = accepted(v, e -> e.put("org.example.extra", "x"));
        assertFalse(java.util.Arrays.equals(plain.contentHash(), extra.contentHash()));
        // not covered by the reference hash (redaction drops it) except through the content hash
        assertEquals(plain.eventId(), extra.eventId());
    }
}
