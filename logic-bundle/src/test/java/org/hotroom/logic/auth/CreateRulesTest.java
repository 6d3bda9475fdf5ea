package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.AUTH;
import static org.hotroom.logic.auth.Room.allowed;
import static org.hotroom.logic.auth.Room.rejected;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rule 1, "If type is m.room.create", in each of its forms (v1–10, v11, v12). */
class CreateRulesTest {

    static java.util.List<String> all() {
        return Room.versions(1, 12);
    }

    static java.util.List<String> upTo11() {
        return Room.versions(1, 11);
    }

    static java.util.List<String> upTo10() {
        return Room.versions(1, 10);
    }

    /** A create event for {@code version} as {@code Room.created} makes it, editable. */
    static ObjectNode createJson(String version, String sender) {
        Room r = Room.created(version, sender);
        return (ObjectNode) r.create.json().deepCopy();
    }

    static Decision check(String version, ObjectNode json) {
        RuleSet rules = RuleSet.forVersion(version);
        return AUTH.check(rules, JsonAuthEvent.of(json), AuthState.empty());
    }

    @ParameterizedTest
    @MethodSource("all")
    void aWellFormedCreateEventIsAllowed(String version) {
        // 1.5 (v11: 1.4) Otherwise, allow.
        allowed(check(version, createJson(version, ALICE)), version.equals("11") ? "1.4" : "1.5");
    }

    @ParameterizedTest
    @MethodSource("all")
    void createWithPrevEventsIsRejected(String version) {
        // 1.1 If it has any prev_events, reject.
        ObjectNode json = createJson(version, ALICE);
        json.set("prev_events", J.a("$other"));
        rejected(check(version, json), "1.1", "prev_events");
    }

    @ParameterizedTest
    @MethodSource("all")
    void createWithV1StylePrevEventPairIsRejected(String version) {
        ObjectNode json = createJson(version, ALICE);
        json.set("prev_events", J.a(J.a("$other:a", J.o("sha256", "abc"))));
        rejected(check(version, json), "1.1");
    }

    @ParameterizedTest
    @MethodSource("upTo11")
    void roomIdDomainMustBeTheSendersDomain(String version) {
        // 1.2 If the domain of the room_id does not match the domain of the sender, reject.
        ObjectNode json = createJson(version, ALICE);
        json.put("room_id", "!room:elsewhere");
        rejected(check(version, json), "1.2", "elsewhere");
        json.put("room_id", "!nodomain");
        rejected(check(version, json), "1.2");
        json.remove("room_id");
        rejected(check(version, json), "1.2");
    }

    @ParameterizedTest
    @MethodSource("upTo11")
    void roomIdDomainWithPortMustMatchExactly(String version) {
        ObjectNode json = createJson(version, "@alice:a:8448");
        json.put("room_id", "!room:a:8448");
        allowed(check(version, json), version.equals("11") ? "1.4" : "1.5");
        json.put("room_id", "!room:a");
        rejected(check(version, json), "1.2");
    }

    @Test
    void v12CreateEventMustHaveNoRoomId() {
        // 1.2 (v12) If the event has a room_id, reject.
        ObjectNode json = createJson("12", ALICE);
        allowed(check("12", json), "1.5");
        json.put("room_id", "!room:a");
        rejected(check("12", json), "1.2", "no room_id");
        json.putNull("room_id");
        rejected(check("12", json), "1.2");
        json.put("room_id", 5);
        rejected(check("12", json), "1.2");
    }

    @ParameterizedTest
    @MethodSource("all")
    void roomVersionMustBeRecognisedWhenPresent(String version) {
        // 1.3 If content.room_version is present and is not a recognised version, reject.
        ObjectNode json = createJson(version, ALICE);
        ((ObjectNode) json.get("content")).put("room_version", "13");
        rejected(check(version, json), "1.3", "\"13\"");
        ((ObjectNode) json.get("content")).put("room_version", 1);
        rejected(check(version, json), "1.3");
        ((ObjectNode) json.get("content")).putNull("room_version");
        rejected(check(version, json), "1.3");
        ((ObjectNode) json.get("content")).put("room_version", "org.example.custom");
        rejected(check(version, json), "1.3");
        // any recognised version passes: rule 1 does not compare it with the room's
        ((ObjectNode) json.get("content")).put("room_version", "1");
        allowed(check(version, json), version.equals("11") ? "1.4" : "1.5");
        // absent: "Defaults to 1", recognised
        ((ObjectNode) json.get("content")).remove("room_version");
        allowed(check(version, json), version.equals("11") ? "1.4" : "1.5");
    }

    @ParameterizedTest
    @MethodSource("upTo10")
    void creatorPropertyRequiredUpToV10(String version) {
        // 1.4 (v1-10) If content has no creator property, reject.
        ObjectNode json = createJson(version, ALICE);
        ((ObjectNode) json.get("content")).remove("creator");
        rejected(check(version, json), "1.4", "creator");
        // only presence is checked
        ((ObjectNode) json.get("content")).put("creator", "@someone:else");
        allowed(check(version, json), "1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "12"})
    void creatorPropertyNotRequiredFromV11(String version) {
        ObjectNode json = createJson(version, ALICE);
        ((ObjectNode) json.get("content")).remove("creator");
        allowed(check(version, json), version.equals("11") ? "1.4" : "1.5");
    }

    @Test
    void v12AdditionalCreatorsMustBeAnArrayOfUserIds() {
        // 1.4 (v12) If additional_creators is present in content and is not an array of strings
        // where each string passes the same user ID validation applied to sender, reject.
        ObjectNode json = createJson("12", ALICE);
        ObjectNode content = (ObjectNode) json.get("content");
        content.set("additional_creators", J.a("@bob:b", "@carol:c:8448", "@[historical]:example.org"));
        allowed(check("12", json), "1.5");
        content.set("additional_creators", J.a());
        allowed(check("12", json), "1.5");
        content.set("additional_creators", J.a("@bob:[1234:5678::abcd]:5678", "@:empty.localpart.org"));
        allowed(check("12", json), "1.5");

        content.put("additional_creators", "@bob:b");
        rejected(check("12", json), "1.4", "array");
        content.set("additional_creators", J.o("@bob:b", true));
        rejected(check("12", json), "1.4");
        content.putNull("additional_creators");
        rejected(check("12", json), "1.4");
        content.set("additional_creators", J.a("@bob:b", 5));
        rejected(check("12", json), "1.4", "additional_creators[1]");
        content.set("additional_creators", J.a("bob:b"));
        rejected(check("12", json), "1.4");
        content.set("additional_creators", J.a("@bob"));
        rejected(check("12", json), "1.4");
        content.set("additional_creators", J.a("@bob:"));
        rejected(check("12", json), "1.4");
        content.set("additional_creators", J.a("@bob:bad_domain!"));
        rejected(check("12", json), "1.4");
        content.set("additional_creators", J.a("@bob:b:99999999"));
        rejected(check("12", json), "1.4");
        content.set("additional_creators", J.a("@b\u0000ob:b"));
        rejected(check("12", json), "1.4");
        content.set("additional_creators", J.a("@" + "x".repeat(250) + ":b.org"));
        rejected(check("12", json), "1.4", "255 bytes");
        content.set("additional_creators", J.a(J.a("@bob:b")));
        rejected(check("12", json), "1.4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "10", "11"})
    void additionalCreatorsIsNotValidatedBeforeV12(String version) {
        ObjectNode json = createJson(version, ALICE);
        ((ObjectNode) json.get("content")).put("additional_creators", "not even an array");
        allowed(check(version, json), version.equals("11") ? "1.4" : "1.5");
    }

    @ParameterizedTest
    @MethodSource("all")
    void ruleOneDecidesCreateEventsWhateverTheState(String version) {
        // Rule 1 allows or rejects before any other rule: no state is needed, and a state with
        // another create event, or m.federate, changes nothing.
        Room other = Room.standard(version, "public");
        ObjectNode json = createJson(version, "@zed:z");
        if (!version.equals("12")) {
            json.put("room_id", "!other:z");
        }
        allowed(AUTH.check(RuleSet.forVersion(version), JsonAuthEvent.of(json), other.state()),
                version.equals("11") ? "1.4" : "1.5");
        allowed(AUTH.checkWithAuthEvents(RuleSet.forVersion(version), JsonAuthEvent.of(json), id -> null),
                version.equals("11") ? "1.4" : "1.5");
    }
}
