package org.hotroom.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotroom.api.storage.EventStates;
import org.hotroom.api.storage.StateEntry;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.storage.LmdbStepScope;
import org.hotroom.storage.LmdbStorage;
import org.hotroom.storage.Tx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one test suite every state-store strategy passes, on real LMDB: whole state and single keys
 * at every node, iteration in key order and by type, forks and merges, removals, big states, reads
 * of a step's own writes, discarded steps, reopening, and the {@link EventStates} API on top.
 * Every answer is checked against a plain in-memory model.
 */
abstract class StateStoreContract {

    static final long ROOM = 7;
    static final long MEMBER = WellKnown.M_ROOM_MEMBER;
    static final long POWER = WellKnown.M_ROOM_POWER_LEVELS;
    static final long NAME = WellKnown.M_ROOM_NAME;
    static final long EMPTY_KEY = WellKnown.EMPTY_STATE_KEY;

    @TempDir
    Path dir;

    LmdbStorage storage;
    StateStore store;
    /** The model: node to its whole state. */
    final Map<Long, StateMap> model = new HashMap<>();
    long nextEvent = 1000;

    /** The strategy under test, as configured. */
    abstract String spec();

    @BeforeEach
    void open() {
        storage = LmdbStorage.open(dir, 256L << 20, false, spec());
        store = store(storage);
        model.put(0L, StateMap.EMPTY);
    }

    /** The strategy object the storage-level tests drive; by default the configured one. */
    StateStore store(LmdbStorage s) {
        return s.stateStore();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    <T> T inStep(Function<Tx, T> body) {
        try (LmdbStepScope s = storage.openStep()) {
            T t = body.apply(s.tx());
            s.commit();
            return t;
        }
    }

    void inStepDo(Consumer<Tx> body) {
        inStep(tx -> {
            body.accept(tx);
            return null;
        });
    }

    static long key(long type, long stateKey) {
        return StateKeys.pack(type, stateKey);
    }

    /** A delta from (key, event) pairs in any order. */
    static StateMap delta(long... keyEventPairs) {
        int n = keyEventPairs.length / 2;
        long[] k = new long[n];
        long[] e = new long[n];
        for (int i = 0; i < n; i++) {
            k[i] = keyEventPairs[2 * i];
            e[i] = keyEventPairs[2 * i + 1];
        }
        return StateMap.sorted(k, e, n);
    }

    /** Creates a node in the store and in the model. */
    long create(Tx tx, long parent, StateMap delta) {
        long node = store.create(tx, ROOM, parent, delta);
        StateMap expected = model.get(parent).apply(delta);
        StateMap before = model.putIfAbsent(node, expected);
        if (before != null) {
            assertEquals(before, expected, "a node was reused for a different state");
        }
        return node;
    }

    long create(long parent, StateMap delta) {
        return inStep(tx -> create(tx, parent, delta));
    }

    /** Checks every node of the model: whole state, every key of it, some absent keys, ranges. */
    void verifyAll() {
        inStepDo(tx -> {
            for (Map.Entry<Long, StateMap> e : model.entrySet()) {
                verify(tx, e.getKey(), e.getValue());
            }
        });
    }

    void verify(Tx tx, long node, StateMap expected) {
        // streamed first, so that it also takes the cold path of strategies that cache whole passes
        assertEquals(expected, streamed(tx, node, 0, Long.MAX_VALUE, Integer.MAX_VALUE), "streamed state at node " + node);
        for (int limit : new int[] {1, 2, expected.size() / 2}) {
            if (limit > 0 && limit < expected.size()) {
                assertEquals(expected.slice(0, expected.key(limit)), streamed(tx, node, 0, Long.MAX_VALUE, limit),
                        "first " + limit + " streamed cells at node " + node);
            }
        }
        assertEquals(expected, store.read(tx, node), "whole state at node " + node);
        assertEquals(expected, streamed(tx, node, 0, Long.MAX_VALUE, Integer.MAX_VALUE), "streamed state at node " + node);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.event(i), store.get(tx, node, expected.key(i)),
                    "key " + StateKeys.toString(expected.key(i)) + " at node " + node);
        }
        assertEquals(0, store.get(tx, node, key(MEMBER, 999_999)), "absent key at node " + node);
        assertEquals(expected.get(key(WellKnown.M_ROOM_TOPIC, EMPTY_KEY)), store.get(tx, node, key(WellKnown.M_ROOM_TOPIC, EMPTY_KEY)));
        for (long type : new long[] {MEMBER, POWER, NAME, 300}) {
            long from = StateKeys.first(type);
            long to = StateKeys.first(type + 1);
            assertEquals(expected.slice(from, to), store.read(tx, node, from, to), "type " + type + " at node " + node);
            assertEquals(expected.slice(from, to), streamed(tx, node, from, to, Integer.MAX_VALUE),
                    "streamed type " + type + " at node " + node);
        }
        if (node != 0) {
            assertEquals(ROOM, store.room(tx, node));
        }
    }

    /** The cells {@link StateStore#forEach} visits, stopping after {@code limit}. */
    StateMap streamed(Tx tx, long node, long from, long to, int limit) {
        StateMap.Builder b = new StateMap.Builder(16);
        boolean done = store.forEach(tx, node, from, to, (t, k, e) -> {
            assertNotEquals(0, e, "a streamed cell is a tombstone");
            b.add(StateKeys.pack(t, k), e);
            return b.size() < limit;
        });
        assertEquals(b.size() < limit, done, "whether the visit ran to the end");
        return b.build();
    }

    @Test
    void theEmptyStateIsNodeZero() {
        inStepDo(tx -> {
            assertEquals(StateMap.EMPTY, store.read(tx, 0));
            assertEquals(0, store.get(tx, 0, key(MEMBER, 300)));
            assertEquals(0, store.create(tx, ROOM, 0, StateMap.EMPTY));
        });
    }

    @Test
    void anEmptyDeltaIsTheParentItself() {
        long a = create(0, delta(key(WellKnown.M_ROOM_CREATE, EMPTY_KEY), 1));
        assertEquals(a, (long) inStep(tx -> store.create(tx, ROOM, a, StateMap.EMPTY)));
    }

    @Test
    void aLinearHistoryGivesTheStateAtEveryNode() {
        long node = create(0, delta(key(WellKnown.M_ROOM_CREATE, EMPTY_KEY), 1, key(MEMBER, 300), 2, key(POWER, EMPTY_KEY), 3));
        Random r = new Random(1);
        for (int i = 0; i < 300; i++) {
            long type = r.nextInt(10) == 0 ? NAME : MEMBER;
            long sk = type == NAME ? EMPTY_KEY : 300 + r.nextInt(40);
            node = create(node, delta(key(type, sk), nextEvent++));
        }
        verifyAll();
    }

    @Test
    void manyNodesInOneStepReadTheirOwnWritesThenSurviveCommit() {
        inStepDo(tx -> {
            long node = 0;
            for (int i = 0; i < 200; i++) {
                node = create(tx, node, delta(key(MEMBER, 300 + i % 37), nextEvent++, key(MEMBER, 1000 + i), nextEvent++));
                if (i % 50 == 0) {
                    verify(tx, node, model.get(node)); // pending, not yet committed
                }
            }
        });
        verifyAll();
    }

    @Test
    void aDiscardedStepLeavesNothing() {
        long a = create(0, delta(key(MEMBER, 300), 1));
        try (LmdbStepScope s = storage.openStep()) {
            long b = store.create(s.tx(), ROOM, a, delta(key(MEMBER, 301), 2));
            assertEquals(2, store.get(s.tx(), b, key(MEMBER, 301)));
        } // not committed
        long c = create(a, delta(key(MEMBER, 302), 3));
        verifyAll();
        inStepDo(tx -> assertEquals(0, store.get(tx, c, key(MEMBER, 301))));
    }

    @Test
    void forksAndMerges() {
        long root = create(0, delta(key(WellKnown.M_ROOM_CREATE, EMPTY_KEY), 1, key(MEMBER, 300), 2));
        long trunk = root;
        List<Long> trunkNodes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            trunk = create(trunk, delta(key(MEMBER, 301 + i), nextEvent++));
            trunkNodes.add(trunk);
        }
        // two forks from the middle of the trunk, and one from a fork
        long forkA = create(trunkNodes.get(9), delta(key(MEMBER, 300), nextEvent++));
        long forkA2 = create(forkA, delta(key(NAME, EMPTY_KEY), nextEvent++));
        long forkB = create(trunkNodes.get(4), delta(key(MEMBER, 330), nextEvent++, key(MEMBER, 302), nextEvent++));
        long forkAB = create(forkA, delta(key(POWER, EMPTY_KEY), nextEvent++));
        // the trunk goes on after the forks
        for (int i = 0; i < 5; i++) {
            trunk = create(trunk, delta(key(MEMBER, 350 + i), nextEvent++));
        }
        // a merge of the trunk and forkA2: resolved state given as a delta against the trunk
        StateMap resolved = model.get(trunk).apply(delta(key(MEMBER, 300), model.get(forkA2).get(key(MEMBER, 300)),
                key(NAME, EMPTY_KEY), model.get(forkA2).get(key(NAME, EMPTY_KEY))));
        long merge = create(trunk, StateMap.diff(model.get(trunk), resolved));
        long afterMerge = create(merge, delta(key(MEMBER, 400), nextEvent++));
        // a node on a fork's branch that was itself forked again (sibling of forkA2)
        long forkA3 = create(forkA, delta(key(MEMBER, 331), nextEvent++));
        // children of a merge's sibling, of the root, of a fork at its start
        long fromRoot = create(root, delta(key(MEMBER, 500), nextEvent++));
        long fromForkB = create(forkB, delta(key(MEMBER, 501), nextEvent++));
        assertEquals(model.get(forkA2).get(key(NAME, EMPTY_KEY)), model.get(afterMerge).get(key(NAME, EMPTY_KEY)));
        assertNotEquals(forkAB, forkA3);
        assertTrue(fromRoot != fromForkB);
        verifyAll();
    }

    @Test
    void deepForksBeyondAnyBranchDepthLimit() {
        long node = create(0, delta(key(MEMBER, 300), 1, key(POWER, EMPTY_KEY), 2));
        for (int depth = 0; depth < 20; depth++) {
            long base = node;
            long tip = create(base, delta(key(MEMBER, 300 + depth), nextEvent++)); // extends
            create(tip, delta(key(MEMBER, 600 + depth), nextEvent++));
            node = create(base, delta(key(MEMBER, 700 + depth), nextEvent++)); // forks: base is no longer a tip
        }
        verifyAll();
    }

    @Test
    void removalsHideAKeyFromThereOn() {
        long a = create(0, delta(key(MEMBER, 300), 1, key(MEMBER, 301), 2, key(NAME, EMPTY_KEY), 3));
        long b = create(a, delta(key(MEMBER, 301), 0));
        long c = create(b, delta(key(MEMBER, 302), 4));
        long d = create(c, delta(key(MEMBER, 301), 5, key(NAME, EMPTY_KEY), 0));
        long fork = create(a, delta(key(NAME, EMPTY_KEY), 6));
        long e = create(0, delta(key(MEMBER, 300), 0, key(MEMBER, 310), 9)); // a removal on an empty state
        verifyAll();
        inStepDo(tx -> {
            assertEquals(0, store.get(tx, b, key(MEMBER, 301)));
            assertEquals(5, store.get(tx, d, key(MEMBER, 301)));
            assertEquals(6, store.get(tx, fork, key(NAME, EMPTY_KEY)));
            assertEquals(1, store.read(tx, e).size());
        });
    }

    @Test
    void aBigStateThenManySmallChanges() {
        StateMap.Builder full = new StateMap.Builder(3000);
        full.add(key(WellKnown.M_ROOM_CREATE, EMPTY_KEY), 1);
        for (int i = 0; i < 3000; i++) {
            full.add(key(MEMBER, 300 + 3L * i), 10 + i);
        }
        full.add(key(POWER, EMPTY_KEY), 2);
        long node = create(0, full.build());
        Random r = new Random(2);
        List<Long> nodes = new ArrayList<>();
        for (int step = 0; step < 15; step++) {
            long start = node;
            node = inStep(tx -> {
                long x = create(tx, start, StateMap.EMPTY);
                for (int i = 0; i < 20; i++) {
                    x = create(tx, x, delta(key(MEMBER, 300 + 3L * r.nextInt(3500)), nextEvent++));
                }
                return x;
            });
            nodes.add(node);
        }
        // verify a sample (all 300 nodes x 3000 keys would be slow)
        inStepDo(tx -> {
            for (long n : nodes) {
                verify(tx, n, model.get(n));
            }
        });
    }

    @Test
    void aRandomDagWithForksAndMergesMatchesTheModel() {
        Random r = new Random(42);
        List<Long> nodes = new ArrayList<>();
        nodes.add(create(0, delta(key(WellKnown.M_ROOM_CREATE, EMPTY_KEY), 1, key(MEMBER, 300), 2)));
        for (int batch = 0; batch < 20; batch++) {
            inStepDo(tx -> {
                for (int i = 0; i < 20; i++) {
                    long parent = r.nextInt(4) == 0 ? nodes.get(r.nextInt(nodes.size())) : nodes.get(nodes.size() - 1);
                    int changes = r.nextInt(10) == 0 ? 1 + r.nextInt(30) : 1;
                    StateMap.Builder d = new StateMap.Builder(changes);
                    long sk = 300 + r.nextInt(20);
                    for (int c = 0; c < changes; c++) {
                        long type = r.nextInt(8) == 0 ? NAME + r.nextInt(3) : MEMBER;
                        long k = key(type, type == MEMBER ? sk : EMPTY_KEY);
                        if (d.size() == 0 || k > lastKey(d)) {
                            d.add(k, r.nextInt(15) == 0 ? 0 : nextEvent++);
                        }
                        sk += 1 + r.nextInt(5);
                    }
                    nodes.add(create(tx, parent, d.build()));
                }
            });
        }
        verifyAll();
    }

    private static long lastKey(StateMap.Builder b) {
        StateMap m = b.build();
        return m.key(m.size() - 1);
    }

    @Test
    void readsBetweenWritesStayRight() {
        // caches of decoded data must never serve a stale version
        Random r = new Random(11);
        List<Long> nodes = new ArrayList<>();
        nodes.add(create(0, delta(key(MEMBER, 300), 1, key(POWER, EMPTY_KEY), 2)));
        for (int round = 0; round < 30; round++) {
            inStepDo(tx -> {
                for (int i = 0; i < 15; i++) {
                    long parent = r.nextInt(6) == 0 ? nodes.get(r.nextInt(nodes.size())) : nodes.get(nodes.size() - 1);
                    nodes.add(create(tx, parent, delta(key(MEMBER, 300 + r.nextInt(60)), nextEvent++)));
                }
            });
            inStepDo(tx -> {
                for (int k = 0; k < 4; k++) {
                    long n = nodes.get(r.nextInt(nodes.size()));
                    verify(tx, n, model.get(n));
                }
                long last = nodes.get(nodes.size() - 1);
                verify(tx, last, model.get(last));
            });
        }
    }

    @Test
    void anOldSnapshotKeepsReadingItsOwnVersion() {
        long a = create(0, delta(key(MEMBER, 300), 1, key(MEMBER, 301), 2));
        long b = create(a, delta(key(MEMBER, 300), 3));
        try (LmdbStepScope old = storage.openStep()) {
            assertEquals(model.get(b), store.read(old.tx(), b)); // opens the snapshot, fills caches
            long c = b;
            for (int i = 0; i < 100; i++) {
                c = create(c, delta(key(MEMBER, 300 + i % 3), nextEvent++)); // rewrites the same chunks
            }
            assertEquals(model.get(b), store.read(old.tx(), b));
            assertEquals(model.get(a), store.read(old.tx(), a));
            assertEquals(3, store.get(old.tx(), b, key(MEMBER, 300)));
        }
        verifyAll();
    }

    @Test
    void nodesOfAnotherRoomAreRefused() {
        long a = create(0, delta(key(MEMBER, 300), 1));
        try (LmdbStepScope s = storage.openStep()) {
            assertThrows(IllegalArgumentException.class, () -> store.create(s.tx(), ROOM + 1, a, delta(key(MEMBER, 301), 2)));
        }
    }

    @Test
    void everythingSurvivesReopening() {
        long node = 0;
        for (int i = 0; i < 30; i++) {
            node = create(node, delta(key(MEMBER, 300 + i % 7), nextEvent++));
        }
        storage.close();
        storage = LmdbStorage.open(dir, 256L << 20, false, spec());
        store = store(storage);
        verifyAll();
    }

    // ---- the contract's EventStates on top of the strategy

    EventStates states(LmdbStepScope s) {
        return s.eventStates();
    }

    @Test
    void eventStatesAlongALinearRoomWithAMerge() {
        long create = 1;
        long alice = 2;
        long power = 3;
        long msg = 4;
        long bob = 5;
        long bobAgain = 6;
        long side = 7;
        long merge = 8;
        long userA = 300;
        long userB = 301;
        try (LmdbStepScope s = storage.openStep()) {
            EventStates st = states(s);
            st.record(ROOM, create, st.empty(ROOM), WellKnown.M_ROOM_CREATE, EMPTY_KEY);
            st.record(ROOM, alice, st.after(create), MEMBER, userA);
            st.record(ROOM, power, st.after(alice), POWER, EMPTY_KEY);
            st.record(ROOM, msg, st.after(power), 0, 0);
            st.record(ROOM, bob, st.after(msg), MEMBER, userB);
            st.record(ROOM, bobAgain, st.after(bob), MEMBER, userB);
            st.record(ROOM, side, st.after(msg), NAME, EMPTY_KEY); // a fork: sibling of bob
            // merge of bobAgain and side, the resolved state given whole, near bobAgain's
            List<StateEntry> resolved = new ArrayList<>();
            st.after(bobAgain).forEach((t, k, e) -> resolved.add(new StateEntry(t, k, e)));
            resolved.add(new StateEntry(NAME, EMPTY_KEY, side));
            st.record(ROOM, merge, st.fullState(ROOM, resolved, st.after(bobAgain)), 0, 0);
            s.commit();
        }
        try (LmdbStepScope s = storage.openStep()) {
            EventStates st = states(s);
            assertEquals(0, st.before(create).get(WellKnown.M_ROOM_CREATE, EMPTY_KEY));
            assertEquals(create, st.after(create).get(WellKnown.M_ROOM_CREATE, EMPTY_KEY));
            assertEquals(0, st.before(alice).get(MEMBER, userA));
            assertEquals(alice, st.after(alice).get(MEMBER, userA));
            assertEquals(alice, st.before(msg).get(MEMBER, userA));
            assertEquals(power, st.after(msg).get(POWER, EMPTY_KEY));
            assertEquals(bob, st.before(bobAgain).get(MEMBER, userB));
            assertEquals(bobAgain, st.after(bobAgain).get(MEMBER, userB));
            assertEquals(0, st.after(side).get(MEMBER, userB), "the fork does not see bob");
            assertEquals(side, st.after(side).get(NAME, EMPTY_KEY));
            StateSnapshot m = st.after(merge);
            assertEquals(bobAgain, m.get(MEMBER, userB));
            assertEquals(side, m.get(NAME, EMPTY_KEY));
            assertEquals(ROOM, m.room());
            List<String> cells = new ArrayList<>();
            m.forEach((t, k, e) -> cells.add(t + "/" + k + "=" + e));
            assertEquals(List.of("1/1=1", "2/300=2", "2/301=6", "3/1=3", "6/1=7"), cells, "key order");
            List<String> members = new ArrayList<>();
            m.forEach(MEMBER, (t, k, e) -> members.add(k + "=" + e));
            assertEquals(List.of("300=2", "301=6"), members);
            List<String> first = new ArrayList<>();
            m.forEach((t, k, e) -> first.add(t + "/" + k) != first.isEmpty() && false);
            assertEquals(1, first.size(), "a visitor returning false stops");
            assertNull(st.before(99), "never recorded");
            assertNull(st.after(99));
        }
    }

    @Test
    void withAndFullStateStoreOnlyTheDifferenceAndShareNodes() {
        try (LmdbStepScope s = storage.openStep()) {
            EventStates st = states(s);
            st.record(ROOM, 1, st.empty(ROOM), WellKnown.M_ROOM_CREATE, EMPTY_KEY);
            st.record(ROOM, 2, st.after(1), MEMBER, 300);
            StateSnapshot same = st.with(st.after(2), List.of(new StateEntry(MEMBER, 300, 2)));
            st.record(ROOM, 3, same, 0, 0);
            assertEquals(nodeOf(s, 2, true), nodeOf(s, 3, false), "a change that changes nothing makes no node");
            StateSnapshot changed = st.with(st.after(2), List.of(new StateEntry(MEMBER, 301, 9), new StateEntry(MEMBER, 300, 0)));
            assertEquals(0, changed.get(MEMBER, 300), "pending removal");
            assertEquals(9, changed.get(MEMBER, 301), "pending change");
            st.record(ROOM, 4, changed, 0, 0);
            st.record(ROOM, 5, changed, 0, 0);
            assertEquals(nodeOf(s, 4, false), nodeOf(s, 5, false), "a snapshot recorded twice is stored once");
            st.record(ROOM, 5, changed, 0, 0); // the same again is fine
            assertThrows(IllegalStateException.class, () -> st.record(ROOM, 5, st.after(1), 0, 0));
            assertThrows(IllegalArgumentException.class, () -> st.record(ROOM + 1, 6, st.after(1), 0, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> st.with(st.after(1), List.of(new StateEntry(MEMBER, 300, 1), new StateEntry(MEMBER, 300, 2))));
            assertThrows(IllegalArgumentException.class,
                    () -> st.fullState(ROOM, List.of(new StateEntry(MEMBER, 300, 0)), st.empty(ROOM)));
            s.commit();
        }
        try (LmdbStepScope s = storage.openStep(); LmdbStepScope other = storage.openStep()) {
            StateSnapshot foreign = states(other).after(4);
            assertThrows(IllegalArgumentException.class, () -> states(s).record(ROOM, 7, foreign, 0, 0));
            assertEquals(0, states(s).after(4).get(MEMBER, 300));
            assertEquals(9, states(s).after(4).get(MEMBER, 301));
        }
    }

    @Test
    void aDiscardedStepRecordsNothing() {
        try (LmdbStepScope s = storage.openStep()) {
            EventStates st = states(s);
            st.record(ROOM, 1, st.empty(ROOM), WellKnown.M_ROOM_CREATE, EMPTY_KEY);
            assertEquals(1, st.after(1).get(WellKnown.M_ROOM_CREATE, EMPTY_KEY));
        }
        try (LmdbStepScope s = storage.openStep()) {
            assertNull(states(s).after(1));
        }
    }

    @Test
    void discardInTheMiddleOfAStepDropsItsStatesAndTheStepGoesOn() {
        try (LmdbStepScope s = storage.openStep()) {
            EventStates st = states(s);
            st.record(ROOM, 1, st.empty(ROOM), WellKnown.M_ROOM_CREATE, EMPTY_KEY);
            st.record(ROOM, 2, st.after(1), MEMBER, 300);
            s.commit();
        }
        try (LmdbStepScope s = storage.openStep()) {
            EventStates st = states(s);
            st.record(ROOM, 3, st.after(2), MEMBER, 301);
            st.record(ROOM, 4, st.after(3), NAME, EMPTY_KEY);
            StateSnapshot side = st.fullState(ROOM, List.of(new StateEntry(MEMBER, 300, 2), new StateEntry(MEMBER, 305, 4)),
                    st.after(4));
            st.record(ROOM, 6, side, 0, 0);
            StateSnapshot stale = st.after(4);
            StateSnapshot older = st.after(2);
            List<String> seen = new ArrayList<>();
            stale.forEach((t, k, e) -> seen.add(t + "/" + k + "=" + e)); // whole-state reads, which some strategies cache
            stale.forEach(MEMBER, (t, k, e) -> seen.add(t + "/" + k + "=" + e));
            assertEquals(6, seen.size());

            s.discard();
            assertNull(st.after(3));
            assertNull(st.after(4));
            assertNull(st.before(6));
            assertEquals(2, st.after(2).get(MEMBER, 300), "committed states stay");
            assertThrows(IllegalStateException.class, () -> stale.get(MEMBER, 301));
            assertThrows(IllegalStateException.class, () -> older.get(MEMBER, 300), "every older snapshot is stale");
            assertThrows(IllegalStateException.class, () -> stale.forEach((t, k, e) -> true));
            assertThrows(IllegalArgumentException.class, () -> st.record(ROOM, 5, stale, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> st.with(side, List.of()));

            // another history in the same step: event 3 again with another state, new nodes in place of the old
            st.record(ROOM, 3, st.after(2), POWER, EMPTY_KEY);
            st.record(ROOM, 5, st.after(3), MEMBER, 302);
            st.record(ROOM, 6, st.after(5), 0, 0);
            assertEquals(0, st.after(5).get(MEMBER, 301));
            assertEquals(3, st.after(5).get(POWER, EMPTY_KEY));
            assertEquals(0, st.after(6).get(NAME, EMPTY_KEY));
            assertEquals(0, st.after(6).get(MEMBER, 305));
            s.commit();
        }
        for (int pass = 0; pass < 2; pass++) { // the second pass reads through whatever the first one cached
            try (LmdbStepScope s = storage.openStep()) {
                EventStates st = states(s);
                assertNull(st.after(4));
                List<String> cells = new ArrayList<>();
                st.after(6).forEach((t, k, e) -> cells.add(t + "/" + k + "=" + e));
                assertEquals(List.of("1/1=1", "2/300=2", "2/302=5", "3/1=3"), cells);
                assertEquals(2, st.before(3).get(MEMBER, 300));
                assertEquals(0, st.before(3).get(MEMBER, 301));
            }
        }
    }

    private static long nodeOf(LmdbStepScope s, long event, boolean after) {
        EventIndex.At at = EventIndex.get(s.tx(), event);
        return after ? at.after() : at.before();
    }

    @Test
    void theEventIndexKeepsEventsOfManyRecords() {
        inStepDo(tx -> {
            for (long e = 1; e < 300; e += 3) {
                EventIndex.put(tx, e, e % 5 + 1, e * 7, e % 2 == 0 ? e * 7 : e * 7 + 1);
            }
        });
        inStepDo(tx -> {
            for (long e = 1; e < 300; e++) {
                EventIndex.At at = EventIndex.get(tx, e);
                if ((e - 1) % 3 != 0) {
                    assertNull(at);
                } else {
                    assertEquals(new EventIndex.At(e % 5 + 1, e * 7, e % 2 == 0 ? e * 7 : e * 7 + 1), at);
                }
            }
        });
        assertSame(null, inStep(tx -> EventIndex.get(tx, 1L << 40)));
    }
}
