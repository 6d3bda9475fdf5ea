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

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.TypeAndKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classic shapes of state resolution v2, each a small DAG with two branches from a common
 * start (alice 100 and the creator, bob, charlie and zara joined, public), resolved at END the way a
 * server resolves it: at every merge, from the states after the prev events. Every room version
 * with v2 or v2.1, in both interpretations (the shapes do not tell them apart).
 *
 * <p>Expected states are worked out from the spec's steps in each test's comment.
 */
class ClassicShapesTest {

    static Stream<Object[]> versions() {
        return IntStream.rangeClosed(2, 12).boxed().flatMap(v -> Stream.of(
                new Object[] {Integer.toString(v), Interpretation.SPEC},
                new Object[] {Integer.toString(v), Interpretation.SYNAPSE}));
    }

    static final String PL = EventTypes.POWER_LEVELS;
    static final String MEMBER = EventTypes.MEMBER;
    static final String TOPIC = "m.room.topic";

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void banVersusPowerLevels(String version, Interpretation in) {
        // Branch 1: alice gives bob 50, rejoins, bans bob. Branch 2 (after PA): bob re-sends the
        // power levels. Power events PA, MB, PB; PA first (the others cite it), then MB (alice's
        // power 100 > bob's 50): bob is banned, so PB fails rule 5 (sender not joined).
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("PA", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("MA", ALICE, MEMBER, ALICE, join()),
                node("MB", ALICE, MEMBER, BOB, o("membership", "ban")),
                node("PB", BOB, PL, "", d.pl(ALICE, 100, BOB, 50))),
                new String[] {"END", "MB", "MA", "PA", "START"},
                new String[] {"END", "PB", "PA"});
        assertEquals(d.expected("PA", "MA", "MB"), d.endStateDiff());
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void joinRuleEvasion(String version, Interpretation in) {
        // Alice makes the room invite-only while evelyn joins on another branch. JR is a power event
        // and goes first; evelyn's join (mainline ordering) then fails the invite join rule.
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("JR", ALICE, EventTypes.JOIN_RULES, "", o("join_rule", "invite")),
                node("ME", EVELYN, MEMBER, EVELYN, join())),
                new String[] {"END", "JR", "START"},
                new String[] {"END", "ME", "START"});
        assertEquals(d.expected("JR"), d.endStateDiff());
        assertFalse(d.after.get("END").containsKey(TypeAndKey.of(MEMBER, EVELYN)));
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void offTopicPowerLevels(String version, Interpretation in) {
        // One branch: PA (bob 50), PB (bob gives charlie 50), PC (charlie lowers himself to 0); the
        // other stays at PA. PB is in the auth difference; X = {PA, PB, PC} in chain order, all pass.
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("PA", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("PB", BOB, PL, "", d.pl(ALICE, 100, BOB, 50, CHARLIE, 50)),
                node("PC", CHARLIE, PL, "", d.pl(ALICE, 100, BOB, 50, CHARLIE, 0))),
                new String[] {"END", "PC", "PB", "PA", "START"},
                new String[] {"END", "PA"});
        assertEquals(d.expected("PC"), d.endStateDiff());
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void topicAfterDemotion(String version, Interpretation in) {
        // Branch 1: T1, PA1 (bob 50), T2, PA2 (bob 0). Branch 2 from PA1: PB (bob re-sends), T3 by
        // bob. Power order PA2 (alice) before PB (bob): PB fails under PA2. Mainline of PA2: T2 and T3
        // both cite PA1 (T3 through PB), so origin_server_ts orders them; T3 fails (bob has 0).
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("T1", ALICE, TOPIC, "", o("topic", "1")),
                node("PA1", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("T2", ALICE, TOPIC, "", o("topic", "2")),
                node("PA2", ALICE, PL, "", d.pl(ALICE, 100, BOB, 0)),
                node("PB", BOB, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("T3", BOB, TOPIC, "", o("topic", "3"))),
                new String[] {"END", "PA2", "T2", "PA1", "T1", "START"},
                new String[] {"END", "T3", "PB", "PA1"});
        assertEquals(d.expected("PA2", "T2"), d.endStateDiff());
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void topicReset(String version, Interpretation in) {
        // Branch 1: T1, PA (bob 50), T2 by bob, MB: alice bans bob. Branch 2 stops at T1. Power events
        // IPOWER, PA, MB pass in chain order; T1 and bob's old join cite IPOWER (mainline position 1)
        // and T2 cites PA (0): T1 first, IMB fails (bob is banned), T2 fails (bob not joined).
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("T1", ALICE, TOPIC, "", o("topic", "1")),
                node("PA", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("T2", BOB, TOPIC, "", o("topic", "2")),
                node("MB", ALICE, MEMBER, BOB, o("membership", "ban"))),
                new String[] {"END", "MB", "T2", "PA", "T1", "START"},
                new String[] {"END", "T1"});
        assertEquals(d.expected("T1", "MB", "PA"), d.endStateDiff());
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void mainlineSort(String version, Interpretation in) {
        // Branch 1: T1, PA1 (bob 50), T2, PA2 (power levels changes need 100), T3 by bob. Branch 2 from
        // PA1: PB by bob (fails under PA2), T4 by alice. T4 is later than T3, but T4's power levels
        // chain (PB, PA1) meets the mainline [PA2, PA1, IPOWER] at position 1 and T3's at 0, so T4 is
        // applied first and T3 last: the topic is T3.
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("T1", ALICE, TOPIC, "", o("topic", "1")),
                node("PA1", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("T2", ALICE, TOPIC, "", o("topic", "2")),
                node("PA2", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50).set("events", o(PL, 100))),
                node("PB", BOB, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("T3", BOB, TOPIC, "", o("topic", "3")),
                node("T4", ALICE, TOPIC, "", o("topic", "4"))),
                new String[] {"END", "T3", "PA2", "T2", "PA1", "T1", "START"},
                new String[] {"END", "T4", "PB", "PA1"});
        assertEquals(d.expected("T3", "PA2"), d.endStateDiff());
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void topicMergedTwice(String version, Interpretation in) {
        // As topicAfterDemotion, then a message by zara merges the branches and alice sets T4 on top of
        // the merge: T4 and PA2 stand.
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("T1", ALICE, TOPIC, "", o("topic", "1")),
                node("PA1", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("T2", ALICE, TOPIC, "", o("topic", "2")),
                node("PA2", ALICE, PL, "", d.pl(ALICE, 100, BOB, 0)),
                node("PB", BOB, PL, "", d.pl(ALICE, 100, BOB, 50)),
                node("T3", BOB, TOPIC, "", o("topic", "3")),
                node("MZ1", ZARA, "m.room.message", null, o("body", "merge")),
                node("T4", ALICE, TOPIC, "", o("topic", "4"))),
                new String[] {"END", "T4", "MZ1", "PA2", "T2", "PA1", "T1", "START"},
                new String[] {"END", "MZ1", "T3", "PB", "PA1"});
        assertEquals(d.expected("T4", "PA2"), d.endStateDiff());
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void concurrentJoins(String version, Interpretation in) {
        // Evelyn joins on one branch and charlie leaves on another: no power events (a leave by the
        // user itself is not one); both pass in mainline order.
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("ME", EVELYN, MEMBER, EVELYN, join()),
                node("LC", CHARLIE, MEMBER, CHARLIE, o("membership", "leave"))),
                new String[] {"END", "ME", "START"},
                new String[] {"END", "LC", "START"});
        assertEquals(d.expected("ME", "LC"), d.endStateDiff());
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void laterTopicWinsAtEqualMainlinePosition(String version, Interpretation in) {
        // Two topics on two branches by alice, citing the same power levels: same mainline position,
        // so origin_server_ts orders them and the later one (TB, built after TA) is applied last.
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("TA", ALICE, TOPIC, "", o("topic", "a")),
                node("TB", ALICE, TOPIC, "", o("topic", "b"))),
                new String[] {"END", "TA", "START"},
                new String[] {"END", "TB", "START"});
        assertEquals(d.expected("TB"), d.endStateDiff());
    }

    @ParameterizedTest(name = "v{0} {1}")
    @MethodSource("versions")
    void kickVersusPromotion(String version, Interpretation in) {
        // Branch 1: alice kicks charlie. Branch 2: charlie, promoted by alice on that branch, kicks
        // bob. Power events: alice's promotion PC and kick KC, charlie's kick KB. Order by the senders'
        // power in their auth events: alice (100) before charlie (50); KB needs KB's auth event PC
        // first. Charlie kicked first, so KB (charlie no longer joined) fails: bob stays.
        Dag d = new Dag(version, in);
        d.build(List.of(
                node("KC", ALICE, MEMBER, CHARLIE, o("membership", "leave")),
                node("PC", ALICE, PL, "", d.pl(ALICE, 100, CHARLIE, 50)),
                node("KB", CHARLIE, MEMBER, BOB, o("membership", "leave"))),
                new String[] {"END", "KC", "START"},
                new String[] {"END", "KB", "PC", "START"});
        assertEquals(d.expected("KC", "PC"), d.endStateDiff());
    }
}
