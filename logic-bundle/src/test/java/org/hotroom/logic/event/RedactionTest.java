package org.hotroom.logic.event;

import static org.hotroom.logic.event.TestEvents.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the redaction algorithm, each run over all twelve versions and stating the
 * versions in which the key survives (fragments v1-, v6-, v9-, v11-redactions and rooms/v8).
 */
class RedactionTest {

    private static final List<Integer> ALL = range(1, 12);

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    /** The versions in which the redacted {@code event} satisfies {@code kept}. */
    private static List<Integer> versionsWhere(ObjectNode event, Predicate<ObjectNode> kept) {
        return RoomVersions.all().stream()
                .filter(v -> kept.test(Redaction.redact(v, event)))
                .map(v -> Integer.parseInt(v.id()))
                .collect(Collectors.toList());
    }

    private static Predicate<ObjectNode> hasTop(String key) {
        return r -> r.has(key);
    }

    private static Predicate<ObjectNode> hasContent(String key) {
        return r -> r.get("content").has(key);
    }

    private static ObjectNode event(String type, String content) {
        ObjectNode e = json("""
                {"event_id": "$e:example.org", "type": "TYPE", "room_id": "!r:example.org",
                 "sender": "@a:example.org", "state_key": "", "depth": 3, "prev_events": [], "auth_events": [],
                 "prev_state": [], "origin": "example.org", "origin_server_ts": 5, "membership": "join",
                 "hashes": {"sha256": "aGFzaA"}, "signatures": {"example.org": {"ed25519:1": "c2ln"}},
                 "unsigned": {"age": 1, "redacted_because": {}}, "redacts": "$x:example.org",
                 "custom": {"a": 1}}""");
        e.put("type", type);
        e.set("content", json(content));
        return e;
    }

    // ---- top level ----

    @Test
    void essentialTopLevelKeysSurviveInEveryVersion() {
        ObjectNode e = event("m.room.message", "{\"body\": \"x\"}");
        for (String key : List.of("event_id", "type", "room_id", "sender", "state_key", "content", "hashes",
                "signatures", "depth", "prev_events", "auth_events", "origin_server_ts")) {
            assertEquals(ALL, versionsWhere(e, hasTop(key)), key);
        }
        for (RoomVersion v : RoomVersions.all()) {
            ObjectNode r = Redaction.redact(v, e);
            assertEquals(e.get("hashes"), r.get("hashes"));
            assertEquals(e.get("signatures"), r.get("signatures"));
            assertEquals(e.get("prev_events"), r.get("prev_events"));
        }
    }

    @Test
    void originMembershipPrevStateSurviveUntilV10() {
        ObjectNode e = event("m.room.message", "{}");
        assertEquals(range(1, 10), versionsWhere(e, hasTop("origin")));
        assertEquals(range(1, 10), versionsWhere(e, hasTop("membership")));
        assertEquals(range(1, 10), versionsWhere(e, hasTop("prev_state")));
    }

    @Test
    void unsignedAndUnknownTopLevelKeysNeverSurvive() {
        ObjectNode e = event("m.room.message", "{}");
        assertEquals(List.of(), versionsWhere(e, hasTop("unsigned")));
        assertEquals(List.of(), versionsWhere(e, hasTop("custom")));
        // the top-level redacts of v1-v10 redaction events is not protected either
        assertEquals(List.of(), versionsWhere(event("m.room.redaction", "{}"), hasTop("redacts")));
    }

    @Test
    void contentOfOtherTypesIsEmptied() {
        for (String type : List.of("m.room.message", "m.room.name", "m.room.topic", "m.room.encrypted", "org.example.custom",
                "m.room.third_party_invite", "m.room.guest_access", "m.room.canonical_alias")) {
            ObjectNode e = event(type, "{\"body\": \"x\", \"name\": \"n\", \"topic\": \"t\", \"membership\": \"join\","
                    + " \"creator\": \"@a:b\", \"join_rule\": \"public\", \"history_visibility\": \"shared\"}");
            assertEquals(List.of(), versionsWhere(e, r -> r.get("content").size() > 0), type);
        }
    }

    @Test
    void contentIsAlwaysPresent() {
        ObjectNode e = event("m.room.message", "{}");
        e.remove("content");
        assertEquals(ALL, versionsWhere(e, r -> r.get("content").isObject() && r.get("content").isEmpty()));
        ObjectNode notObject = event("m.room.member", "{}");
        notObject.put("content", "membership");
        assertEquals(ALL, versionsWhere(notObject, r -> r.get("content").isObject() && r.get("content").isEmpty()));
    }

    // ---- m.room.member ----

    @Test
    void memberKeepsMembershipOnly() {
        ObjectNode e = event("m.room.member", "{\"membership\": \"join\", \"displayname\": \"A\", \"avatar_url\": \"mxc://a/b\","
                + " \"reason\": \"r\", \"is_direct\": true}");
        assertEquals(ALL, versionsWhere(e, hasContent("membership")));
        for (String k : List.of("displayname", "avatar_url", "reason", "is_direct")) {
            assertEquals(List.of(), versionsWhere(e, hasContent(k)), k);
        }
    }

    @Test
    void memberKeepsJoinAuthorisedViaUsersServerFromV9() {
        ObjectNode e = event("m.room.member", "{\"membership\": \"join\", \"join_authorised_via_users_server\": \"@b:example.org\"}");
        assertEquals(range(9, 12), versionsWhere(e, hasContent("join_authorised_via_users_server")));
    }

    @Test
    void memberKeepsThirdPartyInviteSignedFromV11() {
        ObjectNode e = event("m.room.member", "{\"membership\": \"invite\", \"third_party_invite\": {\"display_name\": \"alice\","
                + " \"signed\": {\"mxid\": \"@a:example.org\", \"token\": \"t\", \"signatures\": {}}}}");
        assertEquals(range(11, 12), versionsWhere(e, hasContent("third_party_invite")));
        ObjectNode r = Redaction.redact(RoomVersions.V11, e);
        assertEquals(json("{\"signed\": {\"mxid\": \"@a:example.org\", \"token\": \"t\", \"signatures\": {}}}"),
                r.get("content").get("third_party_invite"));
        // an object without signed stays, empty; anything else has no signed key and goes
        ObjectNode noSigned = event("m.room.member", "{\"membership\": \"invite\", \"third_party_invite\": {\"display_name\": \"a\"}}");
        assertEquals(json("{}"), Redaction.redact(RoomVersions.V12, noSigned).get("content").get("third_party_invite"));
        ObjectNode notObject = event("m.room.member", "{\"membership\": \"invite\", \"third_party_invite\": \"x\"}");
        assertEquals(List.of(), versionsWhere(notObject, hasContent("third_party_invite")));
    }

    // ---- m.room.create ----

    @Test
    void createKeepsCreatorUntilV10AndEverythingFromV11() {
        ObjectNode e = event("m.room.create", "{\"creator\": \"@a:example.org\", \"room_version\": \"9\", \"m.federate\": false,"
                + " \"predecessor\": {\"room_id\": \"!o:example.org\"}, \"additional_creators\": [\"@b:example.org\"], \"type\": \"m.space\"}");
        assertEquals(ALL, versionsWhere(e, hasContent("creator")));
        for (String k : List.of("room_version", "m.federate", "predecessor", "additional_creators", "type")) {
            assertEquals(range(11, 12), versionsWhere(e, hasContent(k)), k);
        }
        assertEquals(e.get("content"), Redaction.redact(RoomVersions.V12, e).get("content"));
    }

    // ---- m.room.join_rules ----

    @Test
    void joinRulesKeepJoinRuleAndAllowFromV8() {
        ObjectNode e = event("m.room.join_rules", "{\"join_rule\": \"restricted\", \"allow\": [{\"type\": \"m.room_membership\","
                + " \"room_id\": \"!s:example.org\"}], \"other\": 1}");
        assertEquals(ALL, versionsWhere(e, hasContent("join_rule")));
        assertEquals(range(8, 12), versionsWhere(e, hasContent("allow")));
        assertEquals(List.of(), versionsWhere(e, hasContent("other")));
    }

    // ---- m.room.power_levels ----

    @Test
    void powerLevelsKeepTheirKeysAndInviteFromV11() {
        ObjectNode e = event("m.room.power_levels", "{\"ban\": 50, \"events\": {\"m.room.name\": 50}, \"events_default\": 0,"
                + " \"invite\": 0, \"kick\": 50, \"redact\": 50, \"state_default\": 50, \"users\": {\"@a:example.org\": 100},"
                + " \"users_default\": 0, \"notifications\": {\"room\": 50}, \"historical\": 100}");
        for (String k : List.of("ban", "events", "events_default", "kick", "redact", "state_default", "users", "users_default")) {
            assertEquals(ALL, versionsWhere(e, hasContent(k)), k);
        }
        assertEquals(range(11, 12), versionsWhere(e, hasContent("invite")));
        assertEquals(List.of(), versionsWhere(e, hasContent("notifications")));
        assertEquals(List.of(), versionsWhere(e, hasContent("historical")));
    }

    // ---- m.room.aliases ----

    @Test
    void aliasesKeepAliasesUntilV5() {
        ObjectNode e = event("m.room.aliases", "{\"aliases\": [\"#a:example.org\"]}");
        e.put("state_key", "example.org");
        assertEquals(range(1, 5), versionsWhere(e, hasContent("aliases")));
    }

    // ---- m.room.history_visibility ----

    @Test
    void historyVisibilityKeepsHistoryVisibility() {
        ObjectNode e = event("m.room.history_visibility", "{\"history_visibility\": \"shared\", \"other\": 1}");
        assertEquals(ALL, versionsWhere(e, hasContent("history_visibility")));
        assertEquals(List.of(), versionsWhere(e, hasContent("other")));
    }

    // ---- m.room.redaction ----

    @Test
    void redactionKeepsContentRedactsFromV11() {
        ObjectNode e = event("m.room.redaction", "{\"redacts\": \"$target\", \"reason\": \"spam\"}");
        assertEquals(range(11, 12), versionsWhere(e, hasContent("redacts")));
        assertEquals(List.of(), versionsWhere(e, hasContent("reason")));
    }

    // ---- properties of the algorithm ----

    @Test
    void inputIsUntouchedAndOutputIndependent() {
        ObjectNode e = event("m.room.power_levels", "{\"users\": {\"@a:example.org\": 100}, \"x\": 1}");
        String before = CanonicalJson.encodeToString(e);
        ObjectNode r = Redaction.redact(RoomVersions.V10, e);
        ((ObjectNode) r.get("content").get("users")).put("@b:example.org", 1);
        ((ObjectNode) r.get("signatures")).removeAll();
        assertEquals(before, CanonicalJson.encodeToString(e));
    }

    @Test
    void idempotent() {
        ObjectNode e = event("m.room.member", "{\"membership\": \"invite\", \"displayname\": \"x\","
                + " \"third_party_invite\": {\"signed\": {}, \"display_name\": \"d\"}}");
        for (RoomVersion v : RoomVersions.all()) {
            ObjectNode once = Redaction.redact(v, e);
            assertEquals(once, Redaction.redact(v, once), v.toString());
        }
    }

    @Test
    void keepsOriginalKeyOrder() {
        ObjectNode e = event("m.room.power_levels", "{\"users\": {}, \"ban\": 50, \"zzz\": 1, \"kick\": 50}");
        ObjectNode r = Redaction.redact(RoomVersions.V9, e);
        List<String> keys = r.get("content").properties().stream().map(java.util.Map.Entry::getKey).collect(Collectors.toList());
        assertEquals(List.of("users", "ban", "kick"), keys);
        List<String> top = r.properties().stream().map(java.util.Map.Entry::getKey).collect(Collectors.toList());
        assertTrue(top.indexOf("type") < top.indexOf("content"));
        assertFalse(top.contains("unsigned"));
    }

    @Test
    void pduRedactedMatchesAlgorithm() {
        for (RoomVersion v : RoomVersions.all()) {
            ObjectNode e = TestEvents.message(v);
            Pdu p = Pdu.fromJson(v, e.deepCopy());
            JsonNode r = p.redacted().json();
            assertEquals(Redaction.redact(v, e), r, v.toString());
            assertTrue(p.redacted().content().isEmpty());
        }
    }
}
