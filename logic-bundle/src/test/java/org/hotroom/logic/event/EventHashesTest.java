package org.hotroom.logic.event;

import static org.hotroom.logic.event.TestEvents.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;
import org.junit.jupiter.api.Test;

public class EventHashesTest {

    // ---- appendices "Signing Events" test vectors (content hash, and the signature over the redacted event) ----

    /** appendices: SIGNING_KEY_SEED, server "domain", key "ed25519:1". */
    private static final String SEED = "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1";

    private static final String MINIMAL_EVENT = """
            {
                "room_id": "!x:domain",
                "sender": "@a:domain",
                "origin": "domain",
                "origin_server_ts": 1000000,
                "signatures": {},
                "hashes": {},
                "type": "X",
                "content": {},
                "prev_events": [],
                "auth_events": [],
                "depth": 3,
                "unsigned": {
                    "age_ts": 1000000
                }
            }""";

    private static final String REDACTABLE_EVENT = """
            {
                "content": {
                    "body": "Here is the message content"
                },
                "event_id": "$0:domain",
                "origin": "domain",
                "origin_server_ts": 1000000,
                "type": "m.room.message",
                "room_id": "!r:domain",
                "sender": "@u:domain",
                "signatures": {},
                "unsigned": {
                    "age_ts": 1000000
                }
            }""";

    @Test
    void specContentHashOfMinimalEvent() {
        for (RoomVersion v : RoomVersions.all()) {
            assertEquals("5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos",
                    EventHashes.encodeHash(EventHashes.contentHash(v, json(MINIMAL_EVENT))), v.toString());
        }
    }

    @Test
    void specContentHashOfRedactableEvent() {
        for (RoomVersion v : RoomVersions.all()) {
            assertEquals("onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g",
                    EventHashes.encodeHash(EventHashes.contentHash(v, json(REDACTABLE_EVENT))), v.toString());
        }
    }

    /**
     * The spec's signed events: the signature covers the redacted event without signatures and
     * unsigned, so it checks redaction and canonical JSON end to end. The examples keep
     * {@code origin}, as the redaction algorithm of v1 to v10 does.
     */
    @Test
    void specEventSignaturesOverRedactedEvents() throws Exception {
        for (RoomVersion v : RoomVersions.all().subList(0, 10)) {
            assertEquals("KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg",
                    signHashed(v, json(MINIMAL_EVENT)), v.toString());
            assertEquals("Wm+VzmOUOz08Ds+0NTWb1d4CZrVsJSikkeRxh6aCcUwu6pNC78FunoD7KNWzqFn241eYHYMGCA5McEiVPdhzBA",
                    signHashed(v, json(REDACTABLE_EVENT)), v.toString());
        }
        // v11 no longer keeps origin: the same event signs differently
        assertNotEquals("KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg",
                signHashed(RoomVersions.V11, json(MINIMAL_EVENT)));
    }

    /** server-server API "Adding hashes and signatures to outgoing events", with the JDK's Ed25519. */
    private static String signHashed(RoomVersion v, ObjectNode event) throws Exception {
        event.putObject("hashes").put("sha256", EventHashes.encodeHash(EventHashes.contentHash(v, event)));
        ObjectNode redacted = Redaction.redact(v, event);
        redacted.remove("signatures");
        redacted.remove("unsigned");
        byte[] seed = Base64.getDecoder().decode(SEED + "=");
        PrivateKey key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(EventJson.encode(v, redacted));
        return Base64.getEncoder().withoutPadding().encodeToString(s.sign());
    }

    // ---- events made by Synapse in the wild (as published in gomatrixserverlib's eventversion_test.go) ----

    /** A v5 room's create event from jki.re: its content hash is Synapse's, its ID is known in v3 and v4 form. */
    static final String JKI_CREATE = "{\"auth_events\": [], \"prev_events\": [], \"type\": \"m.room.create\", "
            + "\"room_id\": \"!uXDCzlYgCTHtiWCkEx:jki.re\", \"sender\": \"@erikj:jki.re\", \"content\": "
            + "{\"room_version\": \"5\", \"predecessor\": {\"room_id\": \"!gdRMqOrTFdOCYHNwOo:half-shot.uk\", "
            + "\"event_id\": \"$LP7ROBc4b+cMc1UE9haIz8q5AK2AIW4eJ90FfKLvyZI\"}, \"creator\": \"@erikj:jki.re\"}, "
            + "\"depth\": 1, \"prev_state\": [], \"state_key\": \"\", \"origin\": \"jki.re\", "
            + "\"origin_server_ts\": 1560284621137, \"hashes\": {\"sha256\": \"IX6zuNiJpJPNf70BLleL3HSCpjKeq9Uhu7uUpyDjBmc\"}, "
            + "\"signatures\": {\"jki.re\": {\"ed25519:auto\": "
            + "\"O4IyFfF2PPtGp5uaDm8t57dZbdh8vc8Q64LgCwvzYRVItAMI0uisfiAFaxkVT7MRpzh6N2QNN5NMRXZKmgPYDA\"}}, "
            + "\"unsigned\": {\"age\": 1321650}}";

    /** {@link #JKI_CREATE} for other tests. */
    public static String jkiCreate() {
        return JKI_CREATE;
    }

    @Test
    void realEventIdsInV3AndV4() {
        Pdu v3 = Pdu.fromJson(RoomVersions.V3, json(JKI_CREATE));
        assertEquals("$RrGxF28UrHLmoASHndYb9Jb/1SFww2ptmtur9INS438", v3.eventId());
        assertTrue(v3.contentHashMatches());
        for (RoomVersion v : new RoomVersion[] {RoomVersions.V4, RoomVersions.V5}) {
            Pdu p = Pdu.fromJson(v, json(JKI_CREATE));
            assertEquals("$RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438", p.eventId());
            assertTrue(p.contentHashMatches());
        }
    }

    /** A v1 event by a Synapse on localhost: its own event_id, and Synapse's content hash. */
    @Test
    void realV1Event() {
        String text = "{\"auth_events\":[[\"$oXL79cT7fFxR7dPH:localhost\",{\"sha256\":\"abjkiDSg1RkuZrbj2jZoGMlQaaj1Ue3Jhi7I7NlKfXY\"}],"
                + "[\"$IVUsaSkm1LBAZYYh:localhost\",{\"sha256\":\"X7RUj46hM/8sUHNBIFkStbOauPvbDzjSdH4NibYWnko\"}],"
                + "[\"$VS2QT0EeArZYi8wf:localhost\",{\"sha256\":\"k9eM6utkCH8vhLW9/oRsH74jOBS/6RVK42iGDFbylno\"}]],"
                + "\"content\":{\"name\":\"test3\"},\"depth\":7,\"event_id\":\"$yvN1b43rlmcOs5fY:localhost\","
                + "\"hashes\":{\"sha256\":\"Oh1mwI1jEqZ3tgJ+V1Dmu5nOEGpCE4RFUqyJv2gQXKs\"},\"origin\":\"localhost\","
                + "\"origin_server_ts\":1510854416361,\"prev_events\":[[\"$FqI6TVvWpcbcnJ97:localhost\","
                + "{\"sha256\":\"upCsBqUhNUgT2/+zkzg8TbqdQpWWKQnZpGJc6KcbUC4\"}]],\"prev_state\":[],"
                + "\"room_id\":\"!19Mp0U9hjajeIiw1:localhost\",\"sender\":\"@test:localhost\",\"signatures\":{\"localhost\":"
                + "{\"ed25519:u9kP\":\"5IzSuRXkxvbTp0vZhhXYZeOe+619iG3AybJXr7zfNn/4vHz4TH7qSJVQXSaHHvcTcDodAKHnTG1WDulgO5okAQ\"}},"
                + "\"state_key\":\"\",\"type\":\"m.room.name\"}";
        for (RoomVersion v : new RoomVersion[] {RoomVersions.V1, RoomVersions.V2}) {
            Pdu p = Pdu.fromJson(v, json(text));
            assertEquals("$yvN1b43rlmcOs5fY:localhost", p.eventId());
            assertTrue(p.contentHashMatches());
            assertEquals(java.util.List.of("$FqI6TVvWpcbcnJ97:localhost"), p.prevEventIds());
            assertEquals(3, p.authEventIds().size());
        }
    }

    // ---- event ID formats ----

    @Test
    void eventIdAlphabetsV3StandardV4UrlSafe() {
        // find an event whose reference hash has both '+' and '/' in standard base64
        ObjectNode e = TestEvents.message(RoomVersions.V3);
        String v3 = null;
        for (int ts = 0; ts < 1000; ts++) {
            e.put("origin_server_ts", ts);
            v3 = Pdu.fromJson(RoomVersions.V3, e.deepCopy()).eventId();
            if (v3.contains("+") && v3.contains("/")) {
                break;
            }
        }
        assertTrue(v3.contains("+") && v3.contains("/"), v3);
        // the same reference hash, encoded by v3 and by v4 rules
        byte[] hash = EventHashes.referenceHash(RoomVersions.V3, e);
        assertEquals(v3, EventHashes.eventId(RoomVersions.V3, hash));
        String v4 = EventHashes.eventId(RoomVersions.V4, hash);
        assertEquals(v3.replace('+', '-').replace('/', '_'), v4);
        assertEquals(44, v3.length());
        assertEquals('$', v3.charAt(0));
        assertThrows(IllegalArgumentException.class, () -> EventHashes.eventId(RoomVersions.V1, hash));
    }

    @Test
    void eventIdIsStableUnderRedactionAndUnsignedAndSignatures() {
        for (RoomVersion v : RoomVersions.all().subList(2, 12)) {
            ObjectNode e = TestEvents.message(v);
            Pdu p = Pdu.fromJson(v, e.deepCopy());
            assertEquals(p.eventId(), p.redacted().eventId(), v.toString());
            ObjectNode other = e.deepCopy();
            other.putObject("unsigned").put("age", 99999);
            other.putObject("signatures").putObject("elsewhere.org").put("ed25519:x", "c2ln");
            assertEquals(p.eventId(), Pdu.fromJson(v, other).eventId(), v.toString());
            ObjectNode changed = e.deepCopy();
            changed.put("origin_server_ts", 1);
            assertNotEquals(p.eventId(), Pdu.fromJson(v, changed).eventId(), v.toString());
            // content is covered only through hashes
            ObjectNode body = e.deepCopy();
            ((ObjectNode) body.get("content")).put("body", "changed");
            assertEquals(p.eventId(), Pdu.fromJson(v, body).eventId(), v.toString());
            ((ObjectNode) body.get("hashes")).put("sha256", "b3RoZXI");
            assertNotEquals(p.eventId(), Pdu.fromJson(v, body).eventId(), v.toString());
        }
    }

    // ---- v12 room IDs ----

    @Test
    void v12RoomIdIsTheCreateEventIdWithBang() {
        ObjectNode create = json("""
                {"type": "m.room.create", "state_key": "", "sender": "@creator:example.org",
                 "content": {"room_version": "12", "additional_creators": ["@other:example.com"]},
                 "depth": 1, "origin_server_ts": 1750000000000, "prev_events": [], "auth_events": [],
                 "hashes": {"sha256": "aGFzaA"}, "signatures": {"example.org": {"ed25519:1": "c2ln"}}}""");
        Pdu p = Pdu.fromJson(RoomVersions.V12, create);
        String eventId = p.eventId();
        assertEquals(44, eventId.length());
        assertTrue(eventId.matches("\\$[A-Za-z0-9_-]{43}"), eventId);
        assertEquals("!" + eventId.substring(1), p.roomId());
        assertEquals(null, p.roomIdField());
        assertEquals(p.roomId(), EventHashes.roomIdFromCreateEventId(eventId));
        assertEquals(eventId, EventHashes.createEventIdFromRoomId(p.roomId()));
        // the derived room ID is a valid v12 room ID, for the events that follow
        assertEquals(null, Identifiers.roomIdError(RoomVersions.V12, p.roomId()));
        // the whole content is covered (v11 redaction keeps all create content)
        ObjectNode other = create.deepCopy();
        ((ObjectNode) other.get("content")).remove("additional_creators");
        assertNotEquals(p.roomId(), Pdu.fromJson(RoomVersions.V12, other).roomId());
        // before v12, the room ID is the room_id field
        ObjectNode v11 = create.deepCopy();
        v11.put("room_id", "!r:example.org");
        assertEquals("!r:example.org", Pdu.fromJson(RoomVersions.V11, v11).roomId());
    }

    @Test
    void referenceHashIgnoresUnsignedAndSignaturesOnly() {
        RoomVersion v = RoomVersions.V10;
        ObjectNode e = TestEvents.message(v);
        byte[] h = EventHashes.referenceHash(v, e);
        ObjectNode manual = Redaction.redact(v, e);
        manual.remove("signatures");
        assertEquals(EventHashes.encodeHash(h),
                EventHashes.encodeHash(EventHashes.sha256(EventJson.encode(v, manual))));
    }
}
