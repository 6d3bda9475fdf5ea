package org.hotroom.logic.stateres;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * The reverse topological power ordering (rooms/v2 "State resolution", Definitions):
 * <blockquote>The reverse topological power ordering of a set of events is the lexicographically
 * smallest topological ordering based on the DAG formed by auth events. The reverse topological
 * power ordering is ordered from earliest event to latest. For comparing two topological orderings
 * to determine which is the lexicographically smallest, the following comparison relation on events
 * is used: for events x and y, x &lt; y if
 * <ol><li>x's sender has greater power level than y's sender, when looking at their respective
 * auth_events; or</li>
 * <li>the senders have the same power level, but x's origin_server_ts is less than y's
 * origin_server_ts; or</li>
 * <li>the senders have the same power level and the events have the same origin_server_ts, but
 * x's event_id is less than y's event_id.</li></ol>
 * The reverse topological power ordering can be found by sorting the events using Kahn's algorithm
 * for topological sorting, and at each step selecting, among all the candidate vertices, the
 * smallest vertex using the above comparison relation.</blockquote>
 *
 * <p>Kahn's algorithm runs over a node set with two kinds of nodes: <em>listed</em> ones (the set
 * X being sorted) and <em>transparent</em> ones, which take part in the topological constraints but
 * are not output. A transparent node is released as soon as its auth events are, so a listed node
 * becomes a candidate exactly when every listed event in its auth chain has been output: this is
 * the topological order "based on the DAG formed by auth events" even when the path between two
 * events of X leaves X ({@link Interpretation#SPEC}). With no transparent nodes it is the order
 * by direct auth_events edges within X ({@link Interpretation#SYNAPSE}).
 *
 * <p>Candidates wait in a binary heap keyed by (power level descending, origin_server_ts
 * ascending, event ID rank ascending); event IDs are ranked once (code point order,
 * {@link EventIds}), so a comparison is three primitive compares. Time O(N log N + E) for N nodes
 * and E edges between them; memory O(V) ints.
 */
final class PowerOrdering {

    private PowerOrdering() {}

    /**
     * Sorts the listed nodes.
     *
     * @param nodes   the node set (listed and transparent), each once
     * @param inGraph flag per event int: in {@code nodes} (edges to other events are ignored)
     * @param listed  flag per event int: output (else transparent)
     * @param power   the power level of a listed event's sender, from its auth events
     * @return the listed events, earliest first
     */
    static int[] sort(EventGraph g, int[] nodes, boolean[] inGraph, boolean[] listed, IntToLongFunction power) {
        int n = g.size();
        int listedCount = 0;
        for (int x : nodes) {
            if (listed[x]) {
                listedCount++;
            }
        }
        // tie-break keys of the listed nodes
        long[] pl = new long[n];
        long[] ts = new long[n];
        int[] rank = new int[n];
        Integer[] byId = new Integer[listedCount];
        int li = 0;
        for (int x : nodes) {
            if (listed[x]) {
                pl[x] = power.applyAsLong(x);
                ts[x] = g.event(x).originServerTs();
                byId[li++] = x;
            }
        }
        Arrays.sort(byId, (a, b) -> g.compareIds(a, b));
        for (int i = 0; i < byId.length; i++) {
            rank[byId[i]] = i;
        }

        // out-degrees (auth events within the node set) and reverse edges (CSR)
        int[] outdeg = new int[n];
        int[] revCount = new int[n];
        for (int x : nodes) {
            for (int a : g.auth(x)) {
                if (inGraph[a]) {
                    outdeg[x]++;
                    revCount[a]++;
                }
            }
        }
        int[] start = new int[n];
        int total = 0;
        for (int x : nodes) {
            start[x] = total;
            total += revCount[x];
        }
        int[] rev = new int[total];
        int[] fill = new int[n];
        for (int x : nodes) {
            for (int a : g.auth(x)) {
                if (inGraph[a]) {
                    rev[start[a] + fill[a]++] = x;
                }
            }
        }

        IntHeap heap = new IntHeap((a, b) -> {
            if (pl[a] != pl[b]) {
                return pl[a] > pl[b] ? -1 : 1; // greater power first
            }
            if (ts[a] != ts[b]) {
                return ts[a] < ts[b] ? -1 : 1;
            }
            return Integer.compare(rank[a], rank[b]);
        });
        int[] stack = new int[Math.max(16, nodes.length)];
        int sp = 0;
        for (int x : nodes) {
            if (outdeg[x] == 0) {
                if (listed[x]) {
                    heap.push(x);
                } else {
                    stack[sp++] = x;
                }
            }
        }
        int[] out = new int[listedCount];
        int outLen = 0;
        while (true) {
            while (sp > 0) {
                int x = stack[--sp];
                for (int i = start[x], end = start[x] + revCount[x]; i < end; i++) {
                    int y = rev[i];
                    if (--outdeg[y] == 0) {
                        if (listed[y]) {
                            heap.push(y);
                        } else {
                            stack[sp++] = y;
                        }
                    }
                }
            }
            if (heap.isEmpty()) {
                break;
            }
            int x = heap.pop();
            out[outLen++] = x;
            for (int i = start[x], end = start[x] + revCount[x]; i < end; i++) {
                int y = rev[i];
                if (--outdeg[y] == 0) {
                    if (listed[y]) {
                        heap.push(y);
                    } else {
                        stack[sp++] = y;
                    }
                }
            }
        }
        if (outLen != listedCount) {
            throw new StateResolutionException("auth_events cycle among the power events"); // closure() rules it out
        }
        return out;
    }
}
