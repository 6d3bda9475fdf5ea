package org.hotroom.logic.stateres;

import static org.hotroom.logic.stateres.Dag.ALICE;
import static org.hotroom.logic.stateres.Dag.BOB;
import static org.hotroom.logic.stateres.Dag.CHARLIE;
import static org.hotroom.logic.stateres.Dag.join;
import static org.hotroom.logic.stateres.Dag.o;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.RuleSet;
import org.junit.jupiter.api.Test;

/** Each step of state resolution v2 on its own: auth difference, subgraph, orderings, checks. */
class StepsTest {

    static final String PL = EventTypes.POWER_LEVELS;
    static final String MEMBER = EventTypes.MEMBER;

    /** A graph of events e0..e(n-1) where each cites a random subset of earlier ones. */
    static Map<String, SimpleEvent> randomDag(SplittableRandom rnd, int n, int maxAuth) {
        Map<String, SimpleEvent> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> auth = new ArrayList<>();
            int a = i == 0 ? 0 : rnd.nextInt(Math.min(i, maxAuth) + 1);
            for (int j = 0; j < a; j++) {
                auth.add("$e" + rnd.nextInt(i)); // duplicates allowed: they must not matter
            }
            String id = "$e" + i;
            m.put(id, new SimpleEvent(id, "t", "k" + i, "@u:x", null, "!r:x", auth, List.of(), i, i, false));
        }
        return m;
    }

    static Set<String> naiveDifference(List<? extends Collection<String>> sets, Map<String, SimpleEvent> ev, boolean own) {
        List<Set<String>> chains = new ArrayList<>();
        for (Collection<String> s : sets) {
            Set<String> c = new HashSet<>();
            for (String e : s) {
                c.addAll(NaiveResolver.chain(e, ev));
                if (own) {
                    c.add(e);
                }
            }
            chains.add(c);
        }
        Set<String> union = new HashSet<>();
        chains.forEach(union::addAll);
        Set<String> inter = new HashSet<>(chains.get(0));
        chains.forEach(inter::retainAll);
        union.removeAll(inter);
        return union;
    }

    @Test
    void authDifferenceOfTwoForks() {
        // C <- A1 <- A2 (fork 1), C <- B1 (fork 2); X unconflicted, cited by A2 only.
        Map<String, SimpleEvent> ev = new HashMap<>();
        ev.put("$C", ev("$C", List.of()));
        ev.put("$X", ev("$X", List.of("$C")));
        ev.put("$A1", ev("$A1", List.of("$C")));
        ev.put("$A2", ev("$A2", List.of("$A1", "$X")));
        ev.put("$B1", ev("$B1", List.of("$C")));
        List<List<String>> sets = List.of(List.of("$C", "$X", "$A2"), List.of("$C", "$X", "$B1"));
        // spec: C1 = {C, X, A1}, C2 = {C}: the difference holds X, an unconflicted state event
        assertEquals(Set.of("$X", "$A1"), AuthChains.authDifference(sets, EventSource.of(ev), Interpretation.SPEC));
        // Synapse: C1 = {C, X, A1, A2}, C2 = {C, X, B1}
        assertEquals(Set.of("$A1", "$A2", "$B1"),
                AuthChains.authDifference(sets, EventSource.of(ev), Interpretation.SYNAPSE));
        // the auth chain of A2 and B1, auth events first
        List<String> chain = AuthChains.authChain(List.of("$A2", "$B1"), EventSource.of(ev));
        assertEquals(Set.of("$C", "$A1", "$X"), new HashSet<>(chain));
        assertEquals("$C", chain.get(0));
    }

    @Test
    void authDifferenceMatchesTheDefinitionOnRandomGraphs() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int round = 0; round < 60; round++) {
            int n = 20 + rnd.nextInt(60);
            Map<String, SimpleEvent> ev = randomDag(rnd, n, 4);
            // up to 70 sets, so that the multi-word masks (more than 64 sets) are exercised too
            int k = round % 10 == 0 ? 65 + rnd.nextInt(6) : 1 + rnd.nextInt(4);
            List<List<String>> sets = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                LinkedHashSet<String> set = new LinkedHashSet<>();
                int size = 1 + rnd.nextInt(6);
                for (int j = 0; j < size; j++) {
                    set.add("$e" + rnd.nextInt(n));
                }
                sets.add(new ArrayList<>(set));
            }
            for (Interpretation in : Interpretation.values()) {
                assertEquals(naiveDifference(sets, ev, in.stateEventsInOwnAuthChain()),
                        AuthChains.authDifference(sets, EventSource.of(ev), in), "round " + round + " " + in);
            }
        }
    }

    @Test
    void conflictedSubgraphMatchesTheDefinitionOnRandomGraphs() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 60; round++) {
            int n = 10 + rnd.nextInt(50);
            Map<String, SimpleEvent> ev = randomDag(rnd, n, 3);
            EventGraph g = new EventGraph(EventSource.of(ev));
            int[] roots = new int[n];
            for (int i = 0; i < n; i++) {
                roots[i] = g.intern("$e" + i);
            }
            int[] topo = g.closure(roots);
            boolean[] conflicted = new boolean[g.size()];
            Set<String> conflictedIds = new HashSet<>();
            for (int j = 0; j < 1 + rnd.nextInt(5); j++) {
                String id = "$e" + rnd.nextInt(n);
                conflicted[g.find(id)] = true;
                conflictedIds.add(id);
            }
            boolean[] sub = AuthChains.conflictedSubgraph(g, topo, conflicted);
            // the definition: the union of all auth_events paths between two conflicted events (endpoints included)
            for (int i = 0; i < n; i++) {
                String x = "$e" + i;
                boolean expected = false;
                for (String a : conflictedIds) {
                    for (String b : conflictedIds) {
                        boolean aToX = a.equals(x) || NaiveResolver.chain(a, ev).contains(x);
                        boolean xToB = b.equals(x) || NaiveResolver.chain(x, ev).contains(b);
                        expected |= aToX && xToB;
                    }
                }
                assertEquals(expected, sub[g.find(x)], "round " + round + " " + x);
            }
        }
    }

    @Test
    void conflictedSubgraphOfAChain() {
        // A <- B <- C <- D <- E with B and D conflicted: {B, C, D}
        Map<String, SimpleEvent> ev = new HashMap<>();
        String prev = null;
        for (String id : List.of("$A", "$B", "$C", "$D", "$E")) {
            ev.put(id, ev(id, prev == null ? List.of() : List.of(prev)));
            prev = id;
        }
        EventGraph g = new EventGraph(EventSource.of(ev));
        int[] topo = g.closure(new int[] {g.intern("$E")});
        boolean[] conflicted = new boolean[g.size()];
        conflicted[g.find("$B")] = true;
        conflicted[g.find("$D")] = true;
        boolean[] sub = AuthChains.conflictedSubgraph(g, topo, conflicted);
        Set<String> got = new HashSet<>();
        for (int x : topo) {
            if (sub[x]) {
                got.add(g.id(x));
            }
        }
        assertEquals(Set.of("$B", "$C", "$D"), got);
    }

    // ------------------------------------------------------------------------------------------
    // Reverse topological power ordering
    // ------------------------------------------------------------------------------------------

    /** Sorts the named events (listed = those in {@code listed}), power from {@code power}. */
    static List<String> powerSort(Map<String, SimpleEvent> ev, Collection<String> nodes, Set<String> listed,
            Map<String, Long> power) {
        EventGraph g = new EventGraph(EventSource.of(ev));
        int[] roots = nodes.stream().mapToInt(g::intern).toArray();
        g.closure(roots);
        boolean[] inGraph = new boolean[g.size()];
        boolean[] isListed = new boolean[g.size()];
        for (int r : roots) {
            inGraph[r] = true;
            isListed[r] = listed.contains(g.id(r));
        }
        int[] sorted = PowerOrdering.sort(g, roots, inGraph, isListed, x -> power.getOrDefault(g.id(x), 0L));
        List<String> out = new ArrayList<>();
        for (int x : sorted) {
            out.add(g.id(x));
        }
        return out;
    }

    @Test
    void powerOrderingTieBreaks() {
        Map<String, SimpleEvent> ev = new HashMap<>();
        ev.put("$low", ev("$low", List.of(), 10));
        ev.put("$early", ev("$early", List.of(), 5));
        ev.put("$b", ev("$b", List.of(), 7));
        ev.put("$a", ev("$a", List.of(), 7));
        ev.put("$top", ev("$top", List.of(), 99));
        Map<String, Long> power = Map.of("$top", 100L, "$early", 50L, "$a", 50L, "$b", 50L, "$low", 0L);
        Set<String> all = ev.keySet();
        // power descending, then origin_server_ts ascending, then event ID
        assertEquals(List.of("$top", "$early", "$a", "$b", "$low"), powerSort(ev, all, all, power));
    }

    @Test
    void powerOrderingIsTopologicalFirst() {
        // $weak (power 0) is an auth event of $strong (100): it must come first anyway
        Map<String, SimpleEvent> ev = new HashMap<>();
        ev.put("$weak", ev("$weak", List.of(), 50));
        ev.put("$strong", ev("$strong", List.of("$weak"), 1));
        ev.put("$other", ev("$other", List.of(), 2));
        Map<String, Long> power = Map.of("$strong", 100L, "$other", 50L, "$weak", 0L);
        Set<String> all = ev.keySet();
        assertEquals(List.of("$other", "$weak", "$strong"), powerSort(ev, all, all, power));
    }

    @Test
    void powerOrderingSeesThroughEventsOutsideTheSet() {
        // $x <- $t <- $y, with $t not listed: $x must still precede $y (SPEC); without $t in the node
        // set (direct edges only, SYNAPSE) $y, the more powerful, comes first
        Map<String, SimpleEvent> ev = new HashMap<>();
        ev.put("$x", ev("$x", List.of(), 1));
        ev.put("$t", ev("$t", List.of("$x"), 2));
        ev.put("$y", ev("$y", List.of("$t"), 3));
        Map<String, Long> power = Map.of("$y", 100L, "$x", 0L);
        assertEquals(List.of("$x", "$y"), powerSort(ev, List.of("$x", "$t", "$y"), Set.of("$x", "$y"), power));
        assertEquals(List.of("$y", "$x"), powerSort(ev, List.of("$x", "$y"), Set.of("$x", "$y"), power));
    }

    @Test
    void powerOrderingIsLexicographicallySmallest() {
        // candidates change as events are released: a (100) <- c (0); b (50). Kahn: a, then {b, c}: b, c
        Map<String, SimpleEvent> ev = new HashMap<>();
        ev.put("$a", ev("$a", List.of(), 3));
        ev.put("$c", ev("$c", List.of("$a"), 1));
        ev.put("$b", ev("$b", List.of(), 2));
        Map<String, Long> power = Map.of("$a", 100L, "$b", 50L, "$c", 0L);
        Set<String> all = ev.keySet();
        assertEquals(List.of("$a", "$b", "$c"), powerSort(ev, all, all, power));
    }

    @Test
    void senderPowerComesFromTheEventsOwnAuthEvents() {
        // bob's power levels event cites a power levels event giving him 50, though the state has 0
        Dag d = new Dag("10");
        d.raw("CREATE", ALICE, EventTypes.CREATE, "", d.createContent(), List.of(), List.of());
        d.raw("MA", ALICE, MEMBER, ALICE, join(), List.of("CREATE"), List.of("CREATE"));
        d.raw("P1", ALICE, PL, "", d.pl(ALICE, 100, BOB, 50), List.of("CREATE", "MA"), List.of("MA"));
        d.raw("MB", BOB, MEMBER, BOB, join(), List.of("CREATE", "P1"), List.of("P1"));
        d.raw("PB", BOB, PL, "", d.pl(ALICE, 100, BOB, 50), List.of("CREATE", "P1", "MB"), List.of("MB"));
        d.raw("NOPL", CHARLIE, MEMBER, CHARLIE, join(), List.of("CREATE"), List.of("MB"));
        StateResolutionV2 v2 = new StateResolutionV2(Dag.AUTH, RuleSet.forVersion("10"), false, Interpretation.SPEC);
        EventGraph g = new EventGraph(d.source());
        g.closure(new int[] {g.intern(d.id("PB")), g.intern(d.id("MA")), g.intern(d.id("NOPL"))});
        assertEquals(50, v2.senderPowerLevel(g, g.find(d.id("PB"))));
        assertEquals(100, v2.senderPowerLevel(g, g.find(d.id("P1")))); // P1 cites no power levels: the creator has 100
        assertEquals(0, v2.senderPowerLevel(g, g.find(d.id("NOPL"))));
        // v12: creators are infinite, whatever the auth events say
        Dag d12 = new Dag("12");
        d12.raw("CREATE", ALICE, EventTypes.CREATE, "", d12.createContent(), List.of(), List.of());
        d12.raw("MA", ALICE, MEMBER, ALICE, join(), List.of(), List.of("CREATE"));
        StateResolutionV2 v21 = new StateResolutionV2(Dag.AUTH, RuleSet.forVersion("12"), true, Interpretation.SPEC);
        EventGraph g12 = new EventGraph(d12.source());
        g12.closure(new int[] {g12.intern(d12.id("MA")), g12.intern(d12.id("CREATE"))});
        assertEquals(org.hotroom.logic.auth.PowerLevels.INFINITE, v21.senderPowerLevel(g12, g12.find(d12.id("MA"))));
    }

    // ------------------------------------------------------------------------------------------
    // Mainline ordering
    // ------------------------------------------------------------------------------------------

    @Test
    void mainlinePositions() {
        // mainline P2 -> P1 -> P0; Q is a power levels event off the mainline citing P1
        Dag d = new Dag("10");
        d.raw("CREATE", ALICE, EventTypes.CREATE, "", d.createContent(), List.of(), List.of());
        d.raw("P0", ALICE, PL, "", d.pl(ALICE, 100), List.of("CREATE"), List.of("CREATE"));
        d.raw("P1", ALICE, PL, "", d.pl(ALICE, 100), List.of("CREATE", "P0"), List.of("P0"));
        d.raw("P2", ALICE, PL, "", d.pl(ALICE, 100), List.of("CREATE", "P1"), List.of("P1"));
        d.raw("Q", ALICE, PL, "", d.pl(ALICE, 100), List.of("CREATE", "P1"), List.of("P1"));
        d.raw("QQ", ALICE, PL, "", d.pl(ALICE, 100), List.of("CREATE", "Q"), List.of("Q"));
        d.raw("T2", ALICE, "m.room.topic", "", o(), List.of("CREATE", "P2"), List.of("P2"));
        d.raw("T0", ALICE, "m.room.topic", "", o(), List.of("CREATE", "P0"), List.of("P2"));
        d.raw("TQ", ALICE, "m.room.topic", "", o(), List.of("CREATE", "QQ"), List.of("P2"));
        d.raw("TN", ALICE, "m.room.topic", "", o(), List.of("CREATE"), List.of("P2"));
        d.raw("T1b", ALICE, "m.room.topic", "", o(), List.of("CREATE", "P1"), List.of("P2"));
        d.raw("T1a", ALICE, "m.room.topic", "", o(), List.of("CREATE", "P1"), List.of("P2"));
        EventGraph g = new EventGraph(d.source());
        String[] names = {"T2", "T0", "TQ", "TN", "T1b", "T1a"};
        int[] events = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            events[i] = g.intern(d.id(names[i]));
        }
        g.closure(events);
        MainlineOrdering m = new MainlineOrdering(g, g.find(d.id("P2")));
        assertEquals(0, m.position(g.find(d.id("T2"))));
        assertEquals(2, m.position(g.find(d.id("T0"))));
        assertEquals(1, m.position(g.find(d.id("TQ")))); // QQ -> Q -> P1
        assertEquals(MainlineOrdering.INFINITY, m.position(g.find(d.id("TN"))));
        assertEquals(1, m.position(g.find(d.id("P2")))); // e itself is not in its own list
        assertEquals(1, m.position(g.find(d.id("QQ"))));
        // position descending (∞ first), then origin_server_ts (T1b before T1a: built first)
        int[] sorted = m.sort(events);
        List<String> got = new ArrayList<>();
        for (int x : sorted) {
            got.add(g.id(x));
        }
        assertEquals(List.of(d.id("TN"), d.id("T0"), d.id("TQ"), d.id("T1b"), d.id("T1a"), d.id("T2")), got);
        // no power levels in the state: an empty mainline, everything at ∞, by timestamp
        MainlineOrdering none = new MainlineOrdering(g, -1);
        assertEquals(MainlineOrdering.INFINITY, none.position(g.find(d.id("T2"))));
    }

    @Test
    void mainlineTieBreakByEventId() {
        Map<String, SimpleEvent> ev = new HashMap<>();
        ev.put("$b", ev("$b", List.of(), 5));
        ev.put("$a", ev("$a", List.of(), 5));
        ev.put("$\uD83D\uDE00", ev("$\uD83D\uDE00", List.of(), 5)); // beyond U+FFFF
        ev.put("$\uFFFD", ev("$\uFFFD", List.of(), 5));
        EventGraph g = new EventGraph(EventSource.of(ev));
        int[] events = ev.keySet().stream().mapToInt(g::intern).toArray();
        g.closure(events);
        int[] sorted = new MainlineOrdering(g, -1).sort(events);
        List<String> got = new ArrayList<>();
        for (int x : sorted) {
            got.add(g.id(x));
        }
        // code point order: U+FFFD sorts before U+1F600 (UTF-16 order would say the opposite)
        assertEquals(List.of("$a", "$b", "$\uFFFD", "$\uD83D\uDE00"), got);
    }

    // ------------------------------------------------------------------------------------------
    // Iterative auth checks
    // ------------------------------------------------------------------------------------------

    @Test
    void iterativeChecksFallBackToNonRejectedAuthEvents() {
        Dag d = new Dag("10");
        d.raw("CREATE", ALICE, EventTypes.CREATE, "", d.createContent(), List.of(), List.of());
        d.raw("MA", ALICE, MEMBER, ALICE, join(), List.of("CREATE"), List.of("CREATE"));
        d.raw("P", ALICE, PL, "", d.pl(ALICE, 100), List.of("CREATE", "MA"), List.of("MA"));
        d.raw("T", ALICE, "m.room.topic", "", o("topic", "t"), List.of("CREATE", "MA", "P"), List.of("P"));
        EventGraph g = new EventGraph(d.source());
        int t = g.intern(d.id("T"));
        g.closure(new int[] {t});
        RuleSet rules = RuleSet.forVersion("10");
        // empty state: create, alice's membership and the power levels come from T's auth events
        IterativeAuthChecks empty = new IterativeAuthChecks(g, Dag.AUTH, rules, Interpretation.SPEC, new int[0]);
        assertTrue(empty.check(t).allowed(), empty.check(t).toString());
        // a state where alice has left: the state wins over the auth events
        d.raw("LA", ALICE, MEMBER, ALICE, o("membership", "leave"), List.of("CREATE", "MA", "P"), List.of("P"));
        EventGraph g2 = new EventGraph(d.source());
        int t2 = g2.intern(d.id("T"));
        int la = g2.intern(d.id("LA"));
        g2.closure(new int[] {t2, la});
        int[] state = new int[16];
        java.util.Arrays.fill(state, -1);
        state[g2.key(la)] = la;
        IterativeAuthChecks left = new IterativeAuthChecks(g2, Dag.AUTH, rules, Interpretation.SPEC, state);
        assertFalse(left.check(t2).allowed());
        // a rejected auth event does not stand in: alice's join rejected, so she is not joined
        d.reject("MA");
        EventGraph g3 = new EventGraph(d.source());
        int t3 = g3.intern(d.id("T"));
        g3.closure(new int[] {t3});
        IterativeAuthChecks rej = new IterativeAuthChecks(g3, Dag.AUTH, rules, Interpretation.SPEC, new int[0]);
        assertFalse(rej.check(t3).allowed());
        assertTrue(rej.check(t3).reason().contains("not joined"), rej.check(t3).reason());
    }

    @Test
    void resolutionWithoutConflictsTouchesNoEventBeyondTheStateSets() {
        Dag d = new Dag("11");
        d.build(List.of(Dag.node("T", ALICE, "m.room.topic", "", o("topic", "x"))),
                new String[] {"END", "T", "START"});
        Map<String, SimpleEvent> asked = new HashMap<>();
        EventSource counting = id -> {
            asked.put(id, d.events.get(id));
            return d.events.get(id);
        };
        var state = d.after.get("END");
        assertEquals(state, d.resolver.resolve(d.version, List.of(state, state), counting));
        assertTrue(asked.isEmpty(), "no event is fetched when nothing is conflicted: " + asked.keySet());
    }

    @Test
    void eventIdsCompareByCodePoint() {
        assertTrue(EventIds.compare("$a", "$b") < 0);
        assertTrue(EventIds.compare("$a", "$ab") < 0);
        assertTrue(EventIds.compare("$\uFFFD", "$\uD83D\uDE00") < 0);
        assertTrue("$\uFFFD".compareTo("$\uD83D\uDE00") > 0); // what String.compareTo would say
        assertEquals(0, EventIds.compare("$x", "$x"));
        assertArrayEquals(new String[] {"$A", "$a", "$b"},
                List.of("$b", "$a", "$A").stream().sorted(EventIds.ORDER).toArray(String[]::new));
    }

    static SimpleEvent ev(String id, List<String> auth) {
        return ev(id, auth, 0);
    }

    static SimpleEvent ev(String id, List<String> auth, long ts) {
        return new SimpleEvent(id, "t", id, "@u:x", null, "!r:x", auth, List.of(), 1, ts, false);
    }
}
