package org.hotroom.logic.stateres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Auth chains, the auth difference and (room version 12) the conflicted state subgraph, over the
 * interned graph of one resolution.
 *
 * <p>Definitions (rooms/v2 "State resolution", rooms/v12):
 * <blockquote>The <em>auth chain</em> of an event E is the set containing all of E's auth events,
 * all of their auth events, and so on recursively ... The <em>auth difference</em> is calculated
 * by first calculating the full auth chain for each state S<sub>i</sub>, that is the union of the
 * auth chains for each event in S<sub>i</sub>, and then taking every event that doesn't appear in
 * every auth chain. If C<sub>i</sub> is the full auth chain of S<sub>i</sub>, then the auth
 * difference is ∪C<sub>i</sub> − ∩C<sub>i</sub>.</blockquote>
 * <blockquote>(v12) Starting from an event in the conflicted state set and following auth_events
 * edges may lead to another event in the conflicted state set. The union of all such paths between
 * any pair of events in the conflicted state set (including endpoints) forms a subgraph of the
 * original auth_event graph, called the <em>conflicted state subgraph</em>.</blockquote>
 *
 * <p><b>One pass for all state sets.</b> Rather than materialising k auth chains (k·V) or a chain
 * per event (V² in a long room), every event gets a bit mask of the state sets whose full auth
 * chain holds it: walking the events in reverse topological order (every event before its auth
 * events), an event passes "my sets, and the sets that reach me" on to each of its auth events.
 * An event is in the auth difference when its mask is neither empty nor full. Time
 * O((V + E)·⌈k/64⌉), memory O(V·⌈k/64⌉) longs, for the V events and E auth_events edges of the
 * union of the auth chains ({@link EventGraph#closure} computes that order once, also O(V + E)).
 *
 * <p><b>Conflicted state subgraph</b> in two more linear passes: x is on a path between two
 * conflicted events iff some conflicted event reaches x (backwards pass, every event before its
 * auth events) and x reaches some conflicted event (forwards pass, auth events first).
 * O(V + E).
 */
public final class AuthChains {

    private AuthChains() {}

    /**
     * The auth difference of {@code sets} (events as ints; every event of every set must be in
     * {@code topo}). {@code ownEventsInChain}: whether C<sub>i</sub> holds S<sub>i</sub>'s own events
     * ({@link Interpretation#stateEventsInOwnAuthChain}).
     *
     * @return a flag per event int: in the auth difference
     */
    static boolean[] difference(EventGraph g, int[] topo, int[][] sets, boolean ownEventsInChain) {
        int n = g.size();
        int k = sets.length;
        boolean[] diff = new boolean[n];
        if (k == 0) {
            return diff;
        }
        int words = (k + 63) >>> 6;
        long[] own = new long[n * words];
        long[] reach = new long[n * words];
        for (int s = 0; s < k; s++) {
            long bit = 1L << (s & 63);
            int w = s >>> 6;
            for (int e : sets[s]) {
                own[e * words + w] |= bit;
            }
        }
        // every event before its auth events: pass on "in these sets or reached from them"
        if (words == 1) {
            for (int i = topo.length - 1; i >= 0; i--) {
                int x = topo[i];
                long m = own[x] | reach[x];
                for (int a : g.auth(x)) {
                    reach[a] |= m;
                }
            }
            long full = k == 64 ? -1L : (1L << k) - 1;
            for (int x : topo) {
                long m = ownEventsInChain ? reach[x] | own[x] : reach[x];
                diff[x] = m != 0 && m != full;
            }
            return diff;
        }
        for (int i = topo.length - 1; i >= 0; i--) {
            int x = topo[i];
            int xo = x * words;
            for (int a : g.auth(x)) {
                int ao = a * words;
                for (int w = 0; w < words; w++) {
                    reach[ao + w] |= own[xo + w] | reach[xo + w];
                }
            }
        }
        for (int x : topo) {
            int xo = x * words;
            boolean any = false;
            boolean all = true;
            for (int w = 0; w < words; w++) {
                long m = ownEventsInChain ? reach[xo + w] | own[xo + w] : reach[xo + w];
                int bitsHere = Math.min(64, k - (w << 6));
                long full = bitsHere == 64 ? -1L : (1L << bitsHere) - 1;
                any |= m != 0;
                all &= m == full;
            }
            diff[x] = any && !all;
        }
        return diff;
    }

    /**
     * The conflicted state subgraph (v12): events on an auth_events path from one conflicted
     * event to another, endpoints included (every conflicted event is in it).
     */
    static boolean[] conflictedSubgraph(EventGraph g, int[] topo, boolean[] conflicted) {
        int n = g.size();
        boolean[] reachedFromConflicted = new boolean[n];
        for (int i = topo.length - 1; i >= 0; i--) {
            int x = topo[i];
            if (conflicted[x]) {
                reachedFromConflicted[x] = true;
            }
            if (reachedFromConflicted[x]) {
                for (int a : g.auth(x)) {
                    reachedFromConflicted[a] = true;
                }
            }
        }
        boolean[] reachesConflicted = new boolean[n];
        boolean[] sub = new boolean[n];
        for (int x : topo) {
            boolean r = conflicted[x];
            if (!r) {
                for (int a : g.auth(x)) {
                    if (reachesConflicted[a]) {
                        r = true;
                        break;
                    }
                }
            }
            reachesConflicted[x] = r;
            sub[x] = r && reachedFromConflicted[x];
        }
        return sub;
    }

    // ------------------------------------------------------------------------------------------
    // Public entry points (server-server API "auth chain", tests, benchmarks)
    // ------------------------------------------------------------------------------------------

    /**
     * The auth chain of a set of events: the union of their auth chains (server-server API: "the
     * auth chain of an event ... all of its auth events, all of their auth events, and so on"),
     * in topological order (auth events first). An event of {@code eventIds} is included only when
     * another one's chain holds it. O(V + E).
     *
     * @throws MissingEventsException when {@code source} lacks any of the events or of their chains
     */
    public static List<String> authChain(Collection<String> eventIds, EventSource source) {
        EventGraph g = new EventGraph(source);
        int[] roots = intern(g, eventIds);
        int[] topo = g.closure(roots);
        boolean[] inChain = new boolean[g.size()];
        for (int i = topo.length - 1; i >= 0; i--) {
            int x = topo[i];
            for (int a : g.auth(x)) {
                inChain[a] = true;
            }
        }
        List<String> out = new ArrayList<>();
        for (int x : topo) {
            if (inChain[x]) {
                out.add(g.id(x));
            }
        }
        return out;
    }

    /**
     * The auth difference of state sets given as event IDs (∪C<sub>i</sub> − ∩C<sub>i</sub>), in
     * topological order. One pass, O((V + E)·⌈k/64⌉).
     *
     * @param interpretation whether C<sub>i</sub> holds the set's own events
     *                       ({@link Interpretation#stateEventsInOwnAuthChain})
     */
    public static Set<String> authDifference(List<? extends Collection<String>> stateSets, EventSource source,
            Interpretation interpretation) {
        EventGraph g = new EventGraph(source);
        int[][] sets = new int[stateSets.size()][];
        LinkedHashSet<Integer> all = new LinkedHashSet<>();
        for (int s = 0; s < sets.length; s++) {
            sets[s] = intern(g, stateSets.get(s));
            for (int e : sets[s]) {
                all.add(e);
            }
        }
        int[] roots = all.stream().mapToInt(Integer::intValue).toArray();
        int[] topo = g.closure(roots);
        boolean[] diff = difference(g, topo, sets, interpretation.stateEventsInOwnAuthChain());
        Set<String> out = new LinkedHashSet<>();
        for (int x : topo) {
            if (diff[x]) {
                out.add(g.id(x));
            }
        }
        return out;
    }

    private static int[] intern(EventGraph g, Collection<String> ids) {
        int[] out = new int[ids.size()];
        int i = 0;
        for (String id : ids) {
            out[i++] = g.intern(id);
        }
        return out;
    }
}
