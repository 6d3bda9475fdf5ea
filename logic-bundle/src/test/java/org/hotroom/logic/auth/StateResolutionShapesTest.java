package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.BOB;
import static org.hotroom.logic.auth.Room.CAROL;
import static org.hotroom.logic.auth.Room.EVE;
import static org.hotroom.logic.auth.Room.allowed;
import static org.hotroom.logic.auth.Room.rejected;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shapes state resolution's iterative auth checks meet: an event that passed against its own
 * auth events (the branch it was sent on) is re-checked against a partially resolved state where a
 * concurrent power event changed things. These mirror the classic cases (ban vs. power levels,
 * join rule evasion, topic after demotion, offtopic power levels).
 */
class StateResolutionShapesTest {

    static List<String> all() {
        return Room.versions(1, 12);
    }

    /** alice 100 (v12: creator), bob 50, carol and eve joined at 0; public. */
    static Room base(String version) {
        Room r = Room.standard(version, "public");
        ObjectNode pl = r.plContent().put("state_default", 50).put("ban", 50).put("kick", 50);
        ((ObjectNode) pl.get("users")).put(BOB, 50);
        r.apply(r.pl(ALICE, pl));
        r.join(BOB);
        r.join(CAROL);
        r.join(EVE);
        return r;
    }

    /** A copy of the state to branch from. */
    static Map<TypeAndKey, AuthEvent> fork(Room r) {
        return new HashMap<>(r.state);
    }

    @ParameterizedTest
    @MethodSource("all")
    void banByAUserWhosePowerWasConcurrentlyRemoved(String version) {
        Room r = base(version);
        Map<TypeAndKey, AuthEvent> forkPoint = fork(r);
        // branch A: alice removes bob's power
        ObjectNode demoted = r.plContent();
        ((ObjectNode) demoted.get("users")).remove(BOB);
        JsonAuthEvent demote = r.pl(ALICE, demoted);
        r.apply(demote);
        // branch B (from the fork point): bob bans eve
        Room b = new Room(version);
        b.state.putAll(forkPoint);
        b.events.putAll(r.events);
        b.roomId = r.roomId;
        JsonAuthEvent ban = b.member(BOB, EVE, "ban");
        allowed(b.check(ban), Rules.ban(b.v, 2));
        allowed(b.checkWithAuthEvents(ban), Rules.ban(b.v, 2)); // passes against its own auth events
        // resolved: the demotion comes first (power ordering), then the ban is rejected
        rejected(Room.AUTH.check(r.rules, ban, r.state()), Rules.ban(r.v, 3), "below the ban level 50");
    }

    @ParameterizedTest
    @MethodSource("all")
    void joinRuleEvasion(String version) {
        Room r = base(version);
        JsonAuthEvent join = r.member("@frank:f", "@frank:f", "join");
        allowed(r.check(join), Rules.joinPublic(r.v));
        // concurrently alice makes the room invite-only; resolved after it, the join fails
        r.apply(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", "invite")));
        rejected(r.check(join), Rules.joinOtherwise(r.v));
    }

    @ParameterizedTest
    @MethodSource("all")
    void topicAfterDemotion(String version) {
        Room r = base(version);
        JsonAuthEvent topic = r.state("m.room.topic", "", BOB, J.o("topic", "bob's"));
        allowed(r.check(topic), Rules.otherwise(r.v));
        ObjectNode demoted = r.plContent();
        ((ObjectNode) demoted.get("users")).put(BOB, 0);
        r.apply(r.pl(ALICE, demoted));
        rejected(r.check(topic), Rules.requiredLevel(r.v), "needs power level 50");
    }

    @ParameterizedTest
    @MethodSource("all")
    void powerLevelsFromADemotedModerator(String version) {
        Room r = base(version);
        // bob (50) tries to raise carol to 50, concurrently alice demotes bob to 10
        ObjectNode byBob = r.plContent();
        ((ObjectNode) byBob.get("users")).put(CAROL, 50);
        JsonAuthEvent bobsPl = r.pl(BOB, byBob);
        allowed(r.check(bobsPl), Rules.pl(r.v, "otherwise"));
        ObjectNode demoted = r.plContent().put("state_default", 10);
        ((ObjectNode) demoted.get("users")).put(BOB, 10);
        r.apply(r.pl(ALICE, demoted));
        // bob (now 10) would also revert state_default 10 -> 50 above himself
        rejected(r.check(bobsPl), Rules.pl(r.v, "fields") + ".2");
    }

    @ParameterizedTest
    @MethodSource("all")
    void kickedUsersEventsAreRejectedAfterTheKick(String version) {
        Room r = base(version);
        JsonAuthEvent msg = r.msg(EVE);
        allowed(r.check(msg), Rules.otherwise(r.v));
        r.apply(r.member(BOB, EVE, "leave"));
        rejected(r.check(msg), Rules.senderJoined(r.v));
        r.apply(r.member(BOB, EVE, "ban"));
        rejected(r.check(r.member(EVE, EVE, "join")), Rules.join(r.v, 3));
    }

    @ParameterizedTest
    @MethodSource("all")
    void iterativeChecksMayFallBackOnAnEventsAuthEvents(String version) {
        // "If a (event_type, state_key) key that is required for checking the authorisation rules
        // is not present in the state, then the appropriate state event from the event's
        // auth_events is used if the auth event is not rejected."
        Room r = base(version);
        JsonAuthEvent msg = r.msg(CAROL);
        Map<TypeAndKey, AuthEvent> partial = new HashMap<>(r.state);
        partial.remove(TypeAndKey.of(EventTypes.MEMBER, CAROL));
        AuthState onlyPartial = AuthState.of(partial);
        rejected(Room.AUTH.check(r.rules, msg, onlyPartial), Rules.senderJoined(r.v));
        Map<TypeAndKey, AuthEvent> fromAuthEvents = new HashMap<>();
        for (String id : msg.authEventIds()) {
            AuthEvent a = r.events.get(id);
            fromAuthEvents.put(TypeAndKey.of(a), a);
        }
        AuthState withFallback = (type, key) -> {
            AuthEvent e = onlyPartial.get(type, key);
            return e != null ? e : fromAuthEvents.get(TypeAndKey.of(type, key));
        };
        allowed(Room.AUTH.check(r.rules, msg, withFallback), Rules.otherwise(r.v));
    }

    @ParameterizedTest
    @MethodSource("all")
    void powerEvents(String version) {
        Room r = base(version);
        assertTrue(AuthRules.isPowerEvent(r.pl(ALICE, r.plContent())));
        assertTrue(AuthRules.isPowerEvent(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", "invite"))));
        assertTrue(AuthRules.isPowerEvent(r.member(BOB, EVE, "ban")));
        assertTrue(AuthRules.isPowerEvent(r.member(BOB, EVE, "leave")));
        assertFalse(AuthRules.isPowerEvent(r.member(EVE, EVE, "leave")));
        assertFalse(AuthRules.isPowerEvent(r.member(EVE, EVE, "ban")));
        assertFalse(AuthRules.isPowerEvent(r.member(BOB, EVE, "invite")));
        assertFalse(AuthRules.isPowerEvent(r.state("m.room.topic", "", ALICE, J.o())));
        assertFalse(AuthRules.isPowerEvent(r.ev(EventTypes.POWER_LEVELS, null, ALICE, J.o())));
    }
}
