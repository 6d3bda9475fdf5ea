package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.AUTH;
import static org.hotroom.logic.auth.Room.BOB;
import static org.hotroom.logic.auth.Room.allowed;
import static org.hotroom.logic.auth.Room.rejected;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule 2 (v12: rule 3), "Considering the event's auth_events", and v12's rule 2 (the room ID
 * names an accepted create event), through {@link AuthRules#checkAuthEvents} and
 * {@link AuthRules#checkWithAuthEvents}.
 */
class AuthEventsRuleTest {

    static List<String> all() {
        return Room.versions(1, 12);
    }

    static List<String> upTo11() {
        return Room.versions(1, 11);
    }

    /** {@code e} with its auth_events replaced. */
    static JsonAuthEvent withAuth(JsonAuthEvent e, String... ids) {
        ObjectNode json = (ObjectNode) e.json().deepCopy();
        ArrayNode a = J.a();
        for (String id : ids) {
            a.add(id);
        }
        json.set("auth_events", a);
        return JsonAuthEvent.of(json);
    }

    static String id(Room r, String type, String key) {
        return r.state.get(TypeAndKey.of(type, key)).eventId();
    }

    @ParameterizedTest
    @MethodSource("all")
    void eventsBuiltBySelectionPass(String version) {
        Room r = Room.standard(version, "public");
        JsonAuthEvent msg = r.msg(ALICE);
        allowed(AUTH.checkAuthEvents(r.rules, msg, r.events::get), Rules.authEvents(r.v));
        allowed(r.checkWithAuthEvents(msg), Rules.otherwise(r.v));
        JsonAuthEvent join = r.member(BOB, BOB, "join");
        allowed(r.checkWithAuthEvents(join), Rules.joinPublic(r.v));
    }

    @ParameterizedTest
    @MethodSource("all")
    void duplicateTypeAndStateKeyIsRejected(String version) {
        // 2.1 If there are duplicate entries for a given type and state_key pair, reject.
        Room r = Room.standard(version, "public");
        String oldPl = id(r, EventTypes.POWER_LEVELS, "");
        r.apply(r.pl(ALICE, r.plContent().put("ban", 60)));
        JsonAuthEvent msg = r.msg(ALICE);
        JsonAuthEvent dup = withAuth(msg, concat(msg.authEventIds(), oldPl));
        rejected(AUTH.checkAuthEvents(r.rules, dup, r.events::get), Rules.authEvents(r.v) + ".1", "two entries");
        // the same event cited twice is a duplicate too
        String pl = id(r, EventTypes.POWER_LEVELS, "");
        rejected(AUTH.checkAuthEvents(r.rules, withAuth(msg, concat(msg.authEventIds(), pl)), r.events::get),
                Rules.authEvents(r.v) + ".1");
    }

    @ParameterizedTest
    @MethodSource("all")
    void entriesOutsideTheSelectionAreRejected(String version) {
        // 2.2 If there are entries whose type and state_key don't match those specified by the
        // auth events selection algorithm, reject.
        Room r = Room.standard(version, "public");
        r.join(BOB);
        JsonAuthEvent msg = r.msg(ALICE);
        String joinRules = id(r, EventTypes.JOIN_RULES, "");
        rejected(AUTH.checkAuthEvents(r.rules, withAuth(msg, concat(msg.authEventIds(), joinRules)), r.events::get),
                Rules.authEvents(r.v) + ".2", "m.room.join_rules");
        // another user's membership is not selectable for a message
        String bobMember = id(r, EventTypes.MEMBER, BOB);
        rejected(AUTH.checkAuthEvents(r.rules, withAuth(msg, concat(msg.authEventIds(), bobMember)), r.events::get),
                Rules.authEvents(r.v) + ".2");
        // a non-state event cannot be selected
        JsonAuthEvent earlier = r.msg(ALICE);
        r.force(earlier);
        rejected(AUTH.checkAuthEvents(r.rules, withAuth(msg, concat(msg.authEventIds(), earlier.eventId())),
                r.events::get), Rules.authEvents(r.v) + ".2", "not a state event");
        // but join rules are selectable for a join
        JsonAuthEvent join = r.member(ALICE, ALICE, "join", "displayname", "Alice");
        allowed(AUTH.checkAuthEvents(r.rules, join, r.events::get), Rules.authEvents(r.v));
    }

    @Test
    void v12EventsMustNotCiteTheCreateEvent() {
        // 3.2 (v12) ... Note: In this room version, m.room.create MUST NOT be selected.
        Room r = Room.standard("12", "public");
        JsonAuthEvent msg = r.msg(ALICE);
        rejected(AUTH.checkAuthEvents(r.rules, withAuth(msg, concat(msg.authEventIds(), r.create.eventId())),
                r.events::get), "3.2", "must not cite m.room.create");
    }

    @ParameterizedTest
    @MethodSource("all")
    void rejectedAuthEventsAreRejected(String version) {
        // 2.3 If there are entries which were themselves rejected ..., reject.
        Room r = Room.standard(version, "public");
        JsonAuthEvent msg = r.msg(ALICE);
        String pl = id(r, EventTypes.POWER_LEVELS, "");
        java.util.Map<String, AuthEvent> byId = new java.util.HashMap<>(r.events);
        byId.put(pl, r.events.get(pl).withRejected(true));
        rejected(AUTH.checkAuthEvents(r.rules, msg, byId::get), Rules.authEvents(r.v) + ".3", pl);
        rejected(AUTH.checkWithAuthEvents(r.rules, msg, byId::get), Rules.authEvents(r.v) + ".3");
    }

    @ParameterizedTest
    @MethodSource("upTo11")
    void createEventMustBeCitedUpToV11(String version) {
        // 2.4 If there is no m.room.create event among the entries, reject.
        Room r = Room.standard(version, "public");
        JsonAuthEvent msg = r.msg(ALICE);
        List<String> without = new java.util.ArrayList<>(msg.authEventIds());
        without.remove(r.create.eventId());
        rejected(AUTH.checkAuthEvents(r.rules, withAuth(msg, without.toArray(String[]::new)), r.events::get), "2.4",
                "no m.room.create");
        // and check() against a state without one cannot proceed either
        rejected(AUTH.check(r.rules, msg, r.without(EventTypes.CREATE, "").state()), "2.4");
    }

    @ParameterizedTest
    @MethodSource("all")
    void authEventsFromAnotherRoomAreRejected(String version) {
        // 2.5 (v12: 3.5) If any event in auth_events has a room_id which does not match that of the
        // event being authorised, reject.
        Room r = Room.standard(version, "public");
        JsonAuthEvent msg = r.msg(ALICE);
        ObjectNode json = (ObjectNode) msg.json().deepCopy();
        json.put("room_id", r.v >= 12 ? "!otherroom" : "!other:a");
        rejected(AUTH.checkAuthEvents(r.rules, JsonAuthEvent.of(json), r.events::get),
                Rules.authEvents(r.v) + ".5", "is in room");
    }

    @ParameterizedTest
    @MethodSource("all")
    void unknownAuthEventsCannotBeChecked(String version) {
        Room r = Room.standard(version, "public");
        JsonAuthEvent msg = r.msg(ALICE);
        rejected(AUTH.checkAuthEvents(r.rules, withAuth(msg, concat(msg.authEventIds(), "$nowhere")), r.events::get),
                Rules.authEvents(r.v), "unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "9", "10", "11", "12"})
    void restrictedJoinMayCiteTheAuthorisersMembership(String version) {
        Room r = Room.standard(version, "restricted");
        r.setMembership(BOB, "join");
        JsonAuthEvent join = r.member(Room.CAROL, Room.CAROL, "join", EventTypes.AUTHORISING_USER, BOB);
        ObjectNode json = (ObjectNode) join.json();
        json.set("signatures", J.o("b", J.o("ed25519:k", "sig")));
        join = JsonAuthEvent.of(json);
        List<String> cited = join.authEventIds();
        org.junit.jupiter.api.Assertions.assertTrue(cited.contains(id(r, EventTypes.MEMBER, BOB)));
        allowed(r.checkWithAuthEvents(join), Rules.join(r.v, 5) + ".3");
    }

    @Test
    void beforeV8TheAuthorisersMembershipIsNotSelectable() {
        Room r = Room.standard("7", "public");
        r.setMembership(BOB, "join");
        JsonAuthEvent join = r.member(Room.CAROL, Room.CAROL, "join", EventTypes.AUTHORISING_USER, BOB);
        rejected(AUTH.checkAuthEvents(r.rules, withAuth(join, concat(join.authEventIds(), id(r, EventTypes.MEMBER, BOB))),
                r.events::get), "2.2");
    }

    @Test
    void v12RoomIdMustNameTheCreateEvent() {
        // 2 (v12) If the event's room_id is not an event ID for an accepted (not rejected)
        // m.room.create event, with the sigil ! instead of $, reject.
        Room r = Room.standard("12", "public");
        JsonAuthEvent msg = r.msg(ALICE);
        allowed(r.checkWithAuthEvents(msg), "11");

        ObjectNode json = (ObjectNode) msg.json().deepCopy();
        json.put("room_id", "!somethingelse");
        // against the room's state: the create event there is another one
        rejected(AUTH.check(r.rules, JsonAuthEvent.of(json), r.state()), "2", "but the room's m.room.create event is");
        // against its auth events: no create event can be found for that room ID
        rejected(AUTH.checkWithAuthEvents(r.rules, JsonAuthEvent.of(json), id -> id.equals("$somethingelse") ? null
                : r.events.get(id)), "3.5");

        json.put("room_id", "no-sigil");
        rejected(AUTH.check(r.rules, JsonAuthEvent.of(json), r.state()), "2", "not a room ID");

        // a rejected create event does not count
        java.util.Map<String, AuthEvent> byId = new java.util.HashMap<>(r.events);
        byId.put(r.create.eventId(), r.create.withRejected(true));
        rejected(AUTH.checkWithAuthEvents(r.rules, msg, byId::get), "2", "was rejected");

        // the create event missing altogether
        rejected(AUTH.check(r.rules, msg, r.without(EventTypes.CREATE, "").state()), "2", "not available");
    }

    static String[] concat(List<String> ids, String extra) {
        String[] out = ids.toArray(new String[ids.size() + 1]);
        out[ids.size()] = extra;
        return out;
    }
}
