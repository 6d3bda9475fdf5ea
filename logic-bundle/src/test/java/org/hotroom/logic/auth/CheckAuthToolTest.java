package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;
import org.hotroom.logic.tool.CheckAuthTool;
import org.hotroom.logic.tool.ToolException;
import org.hotroom.logic.tool.ToolRequest;
import org.junit.jupiter.api.Test;

/** The {@code check-auth} tool over JSON, and the room-version model's agreement with {@link RuleSet}. */
class CheckAuthToolTest {

    static final CheckAuthTool TOOL = new CheckAuthTool();

    static JsonNode run(String version, JsonAuthEvent event, Iterable<? extends AuthEvent> authEvents) {
        ArrayNode given = J.a();
        for (AuthEvent a : authEvents) {
            given.add(((JsonAuthEvent) a).json());
        }
        return TOOL.handle(new ToolRequest(J.o("room_version", version, "event", event.json(), "auth_events", given)));
    }

    static java.util.List<AuthEvent> cited(Room r, AuthEvent e) {
        java.util.List<AuthEvent> out = new java.util.ArrayList<>();
        for (String id : e.authEventIds()) {
            out.add(r.events.get(id));
        }
        return out;
    }

    @Test
    void allowedAndRejectedWithReasons() {
        for (String version : Room.versions(1, 12)) {
            Room r = Room.standard(version, "invite");
            JsonAuthEvent join = r.member(BOB, BOB, "join");
            java.util.List<AuthEvent> given = cited(r, join);
            if (r.v >= 12) {
                given.add(r.create);
            }
            JsonNode out = run(version, join, given);
            assertFalse(out.get("allowed").booleanValue(), out::toString);
            assertTrue(out.get("reason").textValue().startsWith("rule " + Rules.joinOtherwise(r.v) + " (v" + version + "):"),
                    out::toString);
            JsonAuthEvent msg = r.msg(ALICE);
            java.util.List<AuthEvent> g2 = cited(r, msg);
            if (r.v >= 12) {
                g2.add(r.create);
            }
            assertEquals("{\"allowed\":true}", CanonicalJson.encodeToString(run(version, msg, g2)));
        }
    }

    @Test
    void v1StyleReferencePairs() {
        Room r = Room.standard("1", "public");
        JsonAuthEvent join = r.member(BOB, BOB, "join");
        ObjectNode json = (ObjectNode) join.json().deepCopy();
        ArrayNode pairs = J.a();
        for (String id : join.authEventIds()) {
            pairs.add(J.a(id, J.o("sha256", "aGFzaA")));
        }
        json.set("auth_events", pairs);
        json.set("prev_events", J.a(J.a(r.last, J.o("sha256", "aGFzaA"))));
        JsonNode out = run("1", JsonAuthEvent.of(json), cited(r, join));
        assertTrue(out.get("allowed").booleanValue(), out::toString);
    }

    @Test
    void citedButNotGiven() {
        Room r = Room.standard("10", "public");
        JsonAuthEvent msg = r.msg(ALICE);
        java.util.List<AuthEvent> given = cited(r, msg);
        given.remove(0);
        JsonNode out = run("10", msg, given);
        assertFalse(out.get("allowed").booleanValue());
        assertTrue(out.get("reason").textValue().contains("unknown"), out::toString);
    }

    @Test
    void withoutAuthEventsPropertyTheGivenEventsAreTheState() {
        Room r = Room.standard("10", "public");
        ObjectNode json = (ObjectNode) r.msg(ALICE).json().deepCopy();
        json.remove("auth_events");
        JsonNode out = run("10", JsonAuthEvent.of(json), r.state.values());
        assertTrue(out.get("allowed").booleanValue(), out::toString);
        JsonNode out2 = run("10", JsonAuthEvent.of(json), java.util.List.of());
        assertEquals("rule 2.4 (v10): there is no m.room.create event in the auth events / state the event is checked"
                + " against", out2.get("reason").textValue());
    }

    @Test
    void rejectedAuthEventsByRequest() {
        Room r = Room.standard("10", "public");
        JsonAuthEvent msg = r.msg(ALICE);
        ArrayNode given = J.a();
        for (AuthEvent a : cited(r, msg)) {
            given.add(((JsonAuthEvent) a).json());
        }
        String pl = r.state.get(TypeAndKey.of(EventTypes.POWER_LEVELS, "")).eventId();
        JsonNode out = TOOL.handle(new ToolRequest(J.o("room_version", "10", "event", msg.json(), "auth_events", given,
                "rejected", J.a(pl))));
        assertTrue(out.get("reason").textValue().startsWith("rule 2.3 (v10)"), out::toString);
    }

    @Test
    void thirdPartyInviteSignaturesAreVerifiedWithTheLogicsEd25519() {
        TestEd25519.Key key = TestEd25519.generate();
        Room r = Room.standard("10", "invite");
        r.apply(r.state(EventTypes.THIRD_PARTY_INVITE, "tok", ALICE,
                J.o("public_key", Base64.getEncoder().encodeToString(key.publicKey()))));
        ObjectNode signed = J.o("mxid", BOB, "token", "tok");
        signed.set("signatures", J.o("id.example", J.o("ed25519:0",
                Base64.getEncoder().withoutPadding().encodeToString(key.sign(CanonicalJson.encode(signed))))));
        JsonAuthEvent invite = r.member(ALICE, BOB, "invite", "third_party_invite", J.o("signed", signed));
        assertTrue(run("10", invite, cited(r, invite)).get("allowed").booleanValue());
        ObjectNode forged = signed.deepCopy().put("mxid", "@mallory:m");
        JsonAuthEvent bad = r.member(ALICE, "@mallory:m", "invite", "third_party_invite", J.o("signed", forged));
        JsonNode out = run("10", bad, cited(r, bad));
        assertTrue(out.get("reason").textValue().startsWith("rule 4.4.1.8 (v10)"), out::toString);
    }

    @Test
    void badRequests() {
        Room r = Room.standard("10", "public");
        ObjectNode noId = (ObjectNode) r.msg(ALICE).json().deepCopy();
        noId.remove("event_id");
        assertThrows(ToolException.class, () -> TOOL.handle(new ToolRequest(J.o("room_version", "10", "event", noId,
                "auth_events", J.a()))));
        assertThrows(ToolException.class, () -> TOOL.handle(new ToolRequest(J.o("room_version", "10",
                "event", r.msg(ALICE).json(), "auth_events", J.o()))));
        assertThrows(ToolException.class, () -> TOOL.handle(new ToolRequest(J.o("room_version", "10",
                "event", r.msg(ALICE).json(), "auth_events", J.a(5)))));
        assertThrows(IllegalArgumentException.class, () -> TOOL.handle(new ToolRequest(J.o("room_version", "99",
                "event", r.msg(ALICE).json(), "auth_events", J.a()))));
    }

    @Test
    void roomVersionModelAgreesWithRuleSets() {
        for (RoomVersion rv : RoomVersions.all()) {
            if (!RuleSet.isRecognised(rv.id())) {
                continue;
            }
            RuleSet r = RuleSet.forVersion(rv.id());
            String v = rv.id();
            assertEquals(rv.specialCaseAliasesAuth(), r.aliasesRule(), v);
            assertEquals(rv.redactionAuthRule(), r.redactionRule(), v);
            assertEquals(rv.notificationsPowerLevelsAuth(), r.notificationsInPowerLevels(), v);
            assertEquals(rv.knocking(), r.knocking(), v);
            assertEquals(rv.restrictedJoinRule(), r.restrictedJoins(), v);
            assertEquals(rv.knockRestrictedJoinRule(), r.knockRestricted(), v);
            assertEquals(rv.integerPowerLevels(), r.integerPowerLevels(), v);
            assertEquals(rv.floatPowerLevels(), r.floatPowerLevels(), v);
            assertEquals(!rv.creatorInCreateContent(), r.creatorIsSender(), v);
            assertEquals(rv.roomIdIsCreateEventHash(), r.createEventIsRoomId(), v);
            assertEquals(rv.roomCreatorsPrivileged(), r.infiniteCreators(), v);
        }
    }
}
