package org.hotroom.logic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.ServerSigningKeys;
import org.hotroom.logic.auth.AuthEvent;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.Decision;
import org.hotroom.logic.auth.JsonAuthEvent;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.SignatureVerifier;
import org.hotroom.logic.crypto.Ed25519;
import org.hotroom.logic.crypto.JsonSigning;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.event.Redaction;
import org.hotroom.logic.room.RoomVersion;

/**
 * Reads events back from a test server's store and checks them independently of the gate that
 * let them in: PDU format, event ID, content hash, the server's signature, and the authorisation
 * rules against the events' own {@code auth_events}.
 */
public final class StoredEvents {

    private StoredEvents() {}

    /** The stored PDU of {@code eventId}, parsed for {@code version}. */
    public static Pdu pdu(TestServer server, RoomVersion version, String eventId) {
        return server.storage.read(s -> {
            Events events = s.events();
            long n = events.find(eventId);
            assertNotEquals(0, n, "event " + eventId + " is stored");
            return Pdu.parse(version, events.json(n));
        });
    }

    /** Asserts that every one of {@code eventIds} is a valid, signed, authorised event of {@code version}. */
    public static void assertValid(TestServer server, RoomVersion version, List<String> eventIds) {
        ServerSigningKeys.OwnKey key = server.storage.read(s -> s.serverSigningKeys().currentOwnKey());
        String keyId = key.keyId();
        byte[] publicKey = Ed25519.preferred().publicKeyFromSeed(key.seed());
        AuthRules rules = AuthRules.of(SignatureVerifier.NONE);
        RuleSet ruleSet = RuleSet.forVersion(version.id());
        Map<String, AuthEvent> cache = new HashMap<>();
        java.util.function.Function<String, AuthEvent> lookup = id -> cache.computeIfAbsent(id, i -> {
            Pdu p = server.storage.read(s -> {
                long n = s.events().find(i);
                return n == 0 ? null : Pdu.parse(version, s.events().json(n));
            });
            return p == null ? null : JsonAuthEvent.of(p.json(), i);
        });
        for (String id : eventIds) {
            Pdu p = pdu(server, version, id);
            assertEquals(id, p.eventId(), "the event ID is the stored event's");
            assertTrue(p.contentHashMatches(), id + ": content hash");
            assertTrue(JsonSigning.verify(Redaction.redact(version, p.json()), TestServer.SERVER_NAME, keyId, publicKey).valid(),
                    id + ": signed by the server");
            Decision d = rules.checkWithAuthEvents(ruleSet, JsonAuthEvent.of(p.json(), id), lookup);
            assertTrue(d.allowed(), id + " " + p + ": " + d);
        }
    }
}
