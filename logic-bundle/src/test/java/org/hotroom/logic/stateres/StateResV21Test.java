package org.hotroom.logic.stateres;

import static org.hotroom.logic.stateres.Dag.ALICE;
import static org.hotroom.logic.stateres.Dag.BOB;
import static org.hotroom.logic.stateres.Dag.CHARLIE;
import static org.hotroom.logic.stateres.Dag.EVELYN;
import static org.hotroom.logic.stateres.Dag.ZARA;
import static org.hotroom.logic.stateres.Dag.join;
import static org.hotroom.logic.stateres.Dag.node;
import static org.hotroom.logic.stateres.Dag.o;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.TypeAndKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Room version 12's state resolution v2.1 (rooms/v12, MSC4297) against v2 on the same shapes: the
 * conflicted state subgraph, iterative auth checks from an empty state, and creators' infinite
 * power in the ordering.
 */
class StateResV21Test {

    static final String PL = EventTypes.POWER_LEVELS;
    static final String MEMBER = EventTypes.MEMBER;
    static final String JR = EventTypes.JOIN_RULES;

    /** Auth event nodes, plus the create event where the room version has events cite it. */
    static List<String> auth(Dag d, String... nodes) {
        List<String> out = new ArrayList<>();
        if (d.v < 12) {
            out.add("CREATE");
        }
        out.addAll(List.of(nodes));
        return out;
    }

    /**
     * Eve joins citing the newest power levels (P3), then changes her name citing the oldest (P1):
     * a state that holds her rename and P1 is "dodgy". Resolved against a sensible state (P3,
     * zara joined):
     * <ul>
     *   <li>v2: the full conflicted set is the conflicted events plus ME1 (auth difference). X = {P1,
     *       P3}, checked from the unconflicted state: P3 (by bob) fails under P1, so the power levels
     *       reset to P1;</li>
     *   <li>v2.1: the conflicted state subgraph adds the events on the paths ME2 → ME1 → P3 → P2 →
     *       P1 (and MB, JR): P2 and MB are replayed before P3, which then passes; the mainline puts
     *       ME2 (P1 epoch) before ME1 (P3 epoch), so eve ends at ME1.</li>
     * </ul>
     */
    @ParameterizedTest
    @ValueSource(strings = {"10", "11", "12"})
    void conflictedSubgraphReplaysThePathBetweenConflictedEvents(String version) {
        for (Interpretation in : Interpretation.values()) {
            Dag d = new Dag(version, in);
            d.raw("CREATE", ALICE, EventTypes.CREATE, "", d.createContent(), List.of(), List.of());
            d.raw("MA", ALICE, MEMBER, ALICE, join(), auth(d), List.of("CREATE"));
            d.raw("P1", ALICE, PL, "", d.pl(ALICE, 100), auth(d, "MA"), List.of("MA"));
            d.raw("JR", ALICE, JR, "", o("join_rule", "public"), auth(d, "MA", "P1"), List.of("P1"));
            d.raw("MB", BOB, MEMBER, BOB, join(), auth(d, "P1", "JR"), List.of("JR"));
            d.raw("MC", CHARLIE, MEMBER, CHARLIE, join(), auth(d, "P1", "JR"), List.of("MB"));
            d.raw("P2", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50), auth(d, "MA", "P1"), List.of("MC"));
            d.raw("P3", BOB, PL, "", d.pl(ALICE, 100, BOB, 50, CHARLIE, 50), auth(d, "MB", "P2"), List.of("P2"));
            d.raw("ME1", EVELYN, MEMBER, EVELYN, join(), auth(d, "P3", "JR"), List.of("P3"));
            d.raw("ME2", EVELYN, MEMBER, EVELYN, o("membership", "join", "displayname", "Eve"),
                    auth(d, "P1", "JR", "ME1"), List.of("ME1"));
            d.raw("MZ", ZARA, MEMBER, ZARA, join(), auth(d, "P3", "JR"), List.of("ME1"));

            Map<TypeAndKey, String> dodgy = d.stateOf("CREATE", "MA", "MB", "MC", "ME2", "P1", "JR");
            Map<TypeAndKey, String> sensible = d.stateOf("CREATE", "MA", "MB", "MC", "MZ", "P3", "JR");
            Resolution r = d.resolver.resolveWithStats(d.version, List.of(dodgy, sensible), d.source());
            if (d.v >= 12) {
                assertEquals(d.stateOf("CREATE", "MA", "MB", "MC", "ME1", "MZ", "P3", "JR"), sorted(r.state()), in.toString());
                // the subgraph: the 4 conflicted events, ME1, P2, MB, JR
                assertEquals(8, r.stats().conflictedSubgraph, r.stats().toString());
                assertEquals(8, r.stats().fullConflictedSet, r.stats().toString());
            } else {
                assertEquals(d.stateOf("CREATE", "MA", "MB", "MC", "ME2", "MZ", "P1", "JR"), sorted(r.state()), in.toString());
                assertEquals(5, r.stats().fullConflictedSet, r.stats().toString());
            }
            // resolution does not depend on the order of the state sets
            assertEquals(sorted(r.state()), sorted(d.resolve(List.of(sensible, dodgy))));
        }
    }

    /**
     * The join rules are in conflict (public JR1 vs invite JR2, both by alice) and alice has left
     * since (unconflicted). v2 checks them against the unconflicted state, where alice is not
     * joined: both fail and the room loses its join rules. v2.1 starts from an empty state, so
     * alice's membership comes from the events' own auth events (her join): both pass, JR2 last.
     */
    @ParameterizedTest
    @ValueSource(strings = {"10", "11", "12"})
    void emptyStartKeepsJoinRulesWhoseSenderLeftSince(String version) {
        for (Interpretation in : Interpretation.values()) {
            Dag d = new Dag(version, in);
            d.raw("CREATE", ALICE, EventTypes.CREATE, "", d.createContent(), List.of(), List.of());
            d.raw("MA1", ALICE, MEMBER, ALICE, join(), auth(d), List.of("CREATE"));
            d.raw("P", ALICE, PL, "", d.pl(ALICE, 100, BOB, 100), auth(d, "MA1"), List.of("MA1"));
            d.raw("JR1", ALICE, JR, "", o("join_rule", "public"), auth(d, "MA1", "P"), List.of("P"));
            d.raw("MB", BOB, MEMBER, BOB, join(), auth(d, "P", "JR1"), List.of("JR1"));
            d.raw("JR2", ALICE, JR, "", o("join_rule", "invite"), auth(d, "MA1", "P"), List.of("MB"));
            d.raw("MA2", ALICE, MEMBER, ALICE, o("membership", "leave"), auth(d, "P", "MA1"), List.of("JR2"));
            Map<TypeAndKey, String> correct = d.stateOf("CREATE", "MA2", "MB", "P", "JR2");
            Map<TypeAndKey, String> incorrect = d.stateOf("CREATE", "MA2", "MB", "P", "JR1");
            Resolution r = d.resolver.resolveWithStats(d.version, List.of(correct, incorrect), d.source());
            if (d.v >= 12) {
                assertEquals(correct, sorted(r.state()), in.toString());
            } else {
                assertEquals(d.stateOf("CREATE", "MA2", "MB", "P"), sorted(r.state()), in.toString());
            }
            assertEquals(2, r.stats().fullConflictedSet, "the create event is never in the full conflicted set");
        }
    }

    /**
     * Creators' infinite power orders their events first. Bob (100) kicks charlie on one branch;
     * alice demotes bob on the other, later. v12: alice is a creator (infinite), so her power levels
     * go first and the kick then fails; v2–11: alice and bob both have 100, the earlier kick goes
     * first and succeeds, and alice cannot demote an equal.
     */
    @ParameterizedTest
    @EnumSource(Interpretation.class)
    void creatorsComeFirstInThePowerOrdering(Interpretation in) {
        for (int v = 2; v <= 12; v++) {
            Dag d = new Dag(Integer.toString(v), in);
            d.build(List.of(
                    node("PS", ALICE, PL, "", d.pl(ALICE, 100, BOB, 100, CHARLIE, 50)),
                    node("K1", BOB, MEMBER, CHARLIE, o("membership", "leave")),
                    node("P2", ALICE, PL, "", d.pl(ALICE, 100, BOB, 0, CHARLIE, 50))),
                    new String[] {"END", "K1", "PS", "START"},
                    new String[] {"END", "P2", "PS"});
            assertTrue(d.byNode.get("K1").originServerTs() < d.byNode.get("P2").originServerTs());
            if (v >= 12) {
                assertEquals(d.expected("P2"), d.endStateDiff(), "v" + v);
            } else {
                assertEquals(d.expected("PS", "K1"), d.endStateDiff(), "v" + v);
            }
        }
    }

    /** v12 events never cite the create event; the iterative auth checks find it by the room ID. */
    @ParameterizedTest
    @EnumSource(Interpretation.class)
    void createEventComesFromTheRoomId(Interpretation in) {
        Dag d = new Dag("12", in);
        d.build(List.of(
                node("TA", BOB, "m.room.topic", "", o("topic", "a")),
                node("TB", ALICE, "m.room.topic", "", o("topic", "b"))),
                new String[] {"END", "TA", "START"},
                new String[] {"END", "TB", "START"});
        for (SimpleEvent e : d.events.values()) {
            assertFalse(e.authEventIds().contains(d.id("CREATE")), e.toString());
        }
        assertEquals("!CREATE", d.byNode.get("TA").roomId());
        // bob has 0 < state_default 50: TA fails, TB (alice, creator) stands
        assertEquals(d.expected("TB"), d.endStateDiff());
    }

    static Map<TypeAndKey, String> sorted(Map<TypeAndKey, String> m) {
        java.util.LinkedHashMap<TypeAndKey, String> out = new java.util.LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> Dag.compareKeys(a.getKey(), b.getKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static Set<String> ids(Dag d, String... nodes) {
        Set<String> s = new java.util.HashSet<>();
        for (String n : nodes) {
            s.add(d.id(n));
        }
        return s;
    }
}
