package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.BOB;
import static org.hotroom.logic.auth.Room.CAROL;
import static org.hotroom.logic.auth.Room.allowed;
import static org.hotroom.logic.auth.Room.rejected;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules after the member rule, for all other events: sender joined (5), required power level
 * (7), {@code @} state keys (8), otherwise allow (10); m.federate (3); m.room.aliases (v1–5 rule
 * 4); m.room.redaction (v1–2 rule 11).
 */
class OtherEventsTest {

    static List<String> all() {
        return Room.versions(1, 12);
    }

    static List<String> upTo5() {
        return Room.versions(1, 5);
    }

    static List<String> from6() {
        return Room.versions(6, 12);
    }

    static List<String> from3() {
        return Room.versions(3, 12);
    }

    @ParameterizedTest
    @MethodSource("all")
    void messagesFromJoinedUsers(String version) {
        Room r = Room.standard(version, "public");
        allowed(r.check(r.msg(ALICE)), Rules.otherwise(r.v));
        // 5. If the sender's current membership state is not join, reject.
        rejected(r.check(r.msg(BOB)), Rules.senderJoined(r.v), "membership none");
        for (String m : new String[] {"invite", "leave", "ban", "knock"}) {
            r.setMembership(BOB, m);
            rejected(r.check(r.msg(BOB)), Rules.senderJoined(r.v), "membership " + m);
        }
        r.setMembership(BOB, "join");
        allowed(r.check(r.msg(BOB)), Rules.otherwise(r.v));
    }

    @ParameterizedTest
    @MethodSource("all")
    void requiredPowerLevel(String version) {
        // 7. If the event type's required power level is greater than the sender's power level, reject.
        Room r = Room.standard(version, "public", "events_default", 10, "state_default", 40,
                "events", J.o("m.room.topic", 0, "m.custom", 60));
        r.setMembership(BOB, "join");
        String rule = Rules.requiredLevel(r.v);
        rejected(r.check(r.msg(BOB)), rule, "needs power level 10 (events_default)");
        rejected(r.check(r.state("m.room.name", "", BOB, J.o("name", "x"))), rule, "needs power level 40 (state_default)");
        allowed(r.check(r.state("m.room.topic", "", BOB, J.o("topic", "x"))), Rules.otherwise(r.v));
        rejected(r.check(r.ev("m.custom", null, BOB, J.o())), rule, "events[\"m.custom\"]");
        // events overrides both defaults, also for state events of the same type
        rejected(r.check(r.ev("m.custom", "", BOB, J.o())), rule);
        // users_default raises everyone without an entry
        r.setPowerLevels(r.plContent().put("users_default", 60));
        allowed(r.check(r.msg(BOB)), Rules.otherwise(r.v));
        allowed(r.check(r.ev("m.custom", null, BOB, J.o())), Rules.otherwise(r.v));
    }

    @ParameterizedTest
    @MethodSource("all")
    void defaultsWithoutPowerLevels(String version) {
        // no m.room.power_levels: creator 100, others 0; state_default 50, events_default 0
        Room r = Room.created(version, ALICE);
        r.apply(r.member(ALICE, ALICE, "join"));
        r.apply(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", "public")));
        r.apply(r.member(BOB, BOB, "join"));
        allowed(r.check(r.msg(BOB)), Rules.otherwise(r.v));
        rejected(r.check(r.state("m.room.name", "", BOB, J.o())), Rules.requiredLevel(r.v), "has 0");
        allowed(r.check(r.state("m.room.name", "", ALICE, J.o())), Rules.otherwise(r.v));
        // the creator can kick (100 >= 50) and a plain user cannot
        allowed(r.check(r.member(ALICE, BOB, "leave")), Rules.leave(r.v, 4));
        rejected(r.check(r.member(BOB, ALICE, "leave")), Rules.leave(r.v, 5));
    }

    @ParameterizedTest
    @MethodSource("all")
    void whoIsTheCreatorWithoutPowerLevels(String version) {
        // v1-10: content.creator; v11: sender; v12: sender and additional_creators (infinite)
        Room r = Room.created(version, ALICE, "creator", BOB);
        r.force(r.member(ALICE, ALICE, "join"));
        r.force(r.member(BOB, BOB, "join"));
        Decision aliceState = r.check(r.state("m.room.name", "", ALICE, J.o()));
        Decision bobState = r.check(r.state("m.room.name", "", BOB, J.o()));
        if (r.v <= 10) {
            rejected(aliceState, Rules.requiredLevel(r.v));
            allowed(bobState, Rules.otherwise(r.v));
        } else {
            allowed(aliceState, Rules.otherwise(r.v));
            rejected(bobState, Rules.requiredLevel(r.v));
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void stateKeysStartingWithAtBelongToTheirUser(String version) {
        // 8. If the event has a state_key that starts with an @ and does not match the sender, reject.
        Room r = Room.standard(version, "public");
        String rule = Rules.stateKeyAt(r.v);
        allowed(r.check(r.state("m.custom", ALICE, ALICE, J.o())), Rules.otherwise(r.v));
        rejected(r.check(r.state("m.custom", BOB, ALICE, J.o())), rule, "starts with @");
        rejected(r.check(r.state("m.custom", "@", ALICE, J.o())), rule);
        rejected(r.check(r.state("m.custom", ALICE + "_suffix", ALICE, J.o())), rule);
        allowed(r.check(r.state("m.custom", "x" + BOB, ALICE, J.o())), Rules.otherwise(r.v));
        // the required level is checked first
        r.setMembership(BOB, "join");
        rejected(r.check(r.state("m.custom", CAROL, BOB, J.o())), Rules.requiredLevel(r.v));
    }

    // --- 3. m.federate ----------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void unfederatedRoomsRefuseOtherServers(String version) {
        // 3. If the content of the m.room.create event in the room state has the property
        // m.federate set to false, and the sender domain of the event does not match the sender
        // domain of the create event, reject.
        Room r = Room.created(version, ALICE, "m.federate", false);
        r.apply(r.member(ALICE, ALICE, "join"));
        r.apply(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", "public")));
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.federate(r.v), "not federated");
        allowed(r.check(r.member(Room.DAVE, Room.DAVE, "join")), Rules.joinPublic(r.v));
        r.force(r.member(BOB, BOB, "join"));
        rejected(r.check(r.msg(BOB)), Rules.federate(r.v));
        allowed(r.check(r.msg(ALICE)), Rules.otherwise(r.v));
        // inviting a remote user is a local sender's event: the rules allow it
        allowed(r.check(r.member(ALICE, CAROL, "invite")), Rules.invite(r.v, "4"));
    }

    @ParameterizedTest
    @MethodSource("all")
    void onlyBooleanFalseUnfederates(String version) {
        for (Object value : new Object[] {true, "false", 0, null}) {
            Room r = Room.created(version, ALICE, "m.federate", value);
            r.apply(r.member(ALICE, ALICE, "join"));
            r.apply(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", "public")));
            allowed(r.check(r.member(BOB, BOB, "join")), Rules.joinPublic(r.v));
        }
    }

    // --- v1-5 rule 4: m.room.aliases ----------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("upTo5")
    void aliasesUpToV5BelongToTheSendersServer(String version) {
        // 4. If type is m.room.aliases: 4.1 no state_key: reject; 4.2 sender's domain doesn't
        // match state_key: reject; 4.3 otherwise allow.
        Room r = Room.standard(version, "invite", "state_default", 100);
        // no membership or power needed
        allowed(r.check(r.state(EventTypes.ALIASES, "b", BOB, J.o("aliases", J.a("#x:b")))), "4.3");
        rejected(r.check(r.state(EventTypes.ALIASES, "a", BOB, J.o("aliases", J.a()))), "4.2", "sender's domain");
        rejected(r.check(r.ev(EventTypes.ALIASES, null, BOB, J.o("aliases", J.a()))), "4.1");
        rejected(r.check(r.state(EventTypes.ALIASES, "", BOB, J.o())), "4.2");
        // m.federate (rule 3) still comes first
        Room closed = Room.created(version, ALICE, "m.federate", false);
        closed.apply(closed.member(ALICE, ALICE, "join"));
        rejected(closed.check(closed.state(EventTypes.ALIASES, "b", BOB, J.o())), "3");
    }

    @ParameterizedTest
    @MethodSource("from6")
    void aliasesFromV6AreOrdinaryStateEvents(String version) {
        Room r = Room.standard(version, "invite");
        rejected(r.check(r.state(EventTypes.ALIASES, "b", BOB, J.o("aliases", J.a("#x:b")))), Rules.senderJoined(r.v));
        r.setMembership(BOB, "join");
        rejected(r.check(r.state(EventTypes.ALIASES, "b", BOB, J.o())), Rules.requiredLevel(r.v));
        // a sender with the power may set any server's aliases
        allowed(r.check(r.state(EventTypes.ALIASES, "b", ALICE, J.o())), Rules.otherwise(r.v));
    }

    // --- v1-2 rule 11: m.room.redaction ----------------------------------------------------------------

    static JsonAuthEvent redaction(Room r, String sender, String redacts) {
        ObjectNode json = (ObjectNode) r.ev(EventTypes.REDACTION, null, sender, J.o("reason", "spam")).json();
        json.put("redacts", redacts);
        return JsonAuthEvent.of(json);
    }

    @Test
    void v1AndV2RedactionsNeedTheRedactLevelOrTheSameDomain() {
        for (String version : List.of("1", "2")) {
            Room r = Room.standard(version, "public");
            r.setMembership(BOB, "join");
            // 11.1 If the sender's power level is greater than or equal to the redact level, allow.
            allowed(r.check(redaction(r, ALICE, "$99:b")), "11.1");
            // 11.2 If the domain of the event_id of the event being redacted is the same as the
            // domain of the event_id of the m.room.redaction, allow.
            allowed(r.check(redaction(r, BOB, "$99:b")), "11.2");
            // 11.3 Otherwise, reject.
            rejected(r.check(redaction(r, BOB, "$99:a")), "11.3", "below the redact level 50");
            rejected(r.check(redaction(r, BOB, "$nodomain")), "11.3");
            rejected(r.check(r.ev(EventTypes.REDACTION, null, BOB, J.o())), "11.3");
            r.setPowerLevels(r.plContent().put("redact", 0));
            allowed(r.check(redaction(r, BOB, "$99:a")), "11.1");
            // rules 5 and 7 come first
            r.setPowerLevels(r.plContent().set("events", J.o(EventTypes.REDACTION, 60)));
            rejected(r.check(redaction(r, BOB, "$99:b")), "8");
        }
    }

    @ParameterizedTest
    @MethodSource("from3")
    void fromV3RedactionsAreOrdinaryEvents(String version) {
        // "the redact level is not considered by the auth rules" (v3+ note)
        Room r = Room.standard(version, "public", "redact", 100);
        r.setMembership(BOB, "join");
        JsonAuthEvent e = r.v >= 11 ? r.ev(EventTypes.REDACTION, null, BOB, J.o("redacts", "$e1"))
                : redaction(r, BOB, "$e1");
        allowed(r.check(e), Rules.otherwise(r.v));
        r.setPowerLevels(r.plContent().set("events", J.o(EventTypes.REDACTION, 60)));
        rejected(r.check(e), Rules.requiredLevel(r.v), "events[\"m.room.redaction\"]");
        r.setMembership(BOB, "leave");
        rejected(r.check(e), Rules.senderJoined(r.v));
    }
}
