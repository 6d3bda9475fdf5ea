package org.hotroom.logic.stateres;

import java.util.Arrays;

/**
 * The mainline ordering (rooms/v2 "State resolution", Definitions):
 * <blockquote>Let P = P<sub>0</sub> be an m.room.power_levels event. Starting with i = 0,
 * repeatedly fetch P<sub>i+1</sub>, the m.room.power_levels event in the auth_events of
 * P<sub>i</sub>. Increment i and repeat until P<sub>i</sub> has no m.room.power_levels event in its
 * auth_events. The mainline of P<sub>0</sub> is the list of events [P<sub>0</sub>, P<sub>1</sub>,
 * ..., P<sub>n</sub>] ...
 * <p>Let e = e<sub>0</sub> be another event ... [e<sub>1</sub>, ..., e<sub>m</sub>], where
 * e<sub>j+1</sub> is the m.room.power_levels event in the auth_events of e<sub>j</sub> ...
 * Find the smallest index j ≥ 1 for which e<sub>j</sub> belongs to the mainline of P. If such a
 * j exists, then e<sub>j</sub> = P<sub>i</sub> for some unique index i ≥ 0. Otherwise set i = ∞
 * ... the mainline position of e is i.
 * <p>... x &lt; y if 1. the mainline position of x is greater than the mainline position of y ...;
 * or 2. the mainline positions of the events are the same, but x's origin_server_ts is less than
 * y's origin_server_ts; or 3. ... x's event_id is less than y's event_id.</blockquote>
 *
 * <p>Positions are memoized for every power levels event met on the way: the walk from e stops at
 * the first power levels event whose position is known (on the mainline or met before), and the
 * result is written back along the path. Each power levels event is walked once per resolution,
 * so positions for N events cost O(N + L) for L power levels events in their chains, and the sort
 * O(N log N).
 */
final class MainlineOrdering {

    /** The position "∞": no event of e's power levels chain is on the mainline. */
    static final int INFINITY = Integer.MAX_VALUE;

    private static final int UNKNOWN = -1;

    private final EventGraph g;
    private final int[] memo; // power levels event -> its own position (on the mainline) or that of its chain
    private int[] path = new int[32];

    /** @param powerLevels P<sub>0</sub>, or -1 when the state has no power levels (an empty mainline) */
    MainlineOrdering(EventGraph g, int powerLevels) {
        this.g = g;
        this.memo = new int[g.size()];
        Arrays.fill(memo, UNKNOWN);
        int i = 0;
        for (int p = powerLevels; p >= 0 && memo[p] == UNKNOWN; p = g.powerLevelsAuthEvent(p)) {
            memo[p] = i++;
        }
    }

    /** The mainline position of {@code e}: from e<sub>1</sub> on (e itself is not included). */
    int position(int e) {
        int len = 0;
        int p = g.powerLevelsAuthEvent(e);
        while (p >= 0 && memo[p] == UNKNOWN) {
            if (len == path.length) {
                path = Arrays.copyOf(path, len * 2);
            }
            path[len++] = p;
            p = g.powerLevelsAuthEvent(p);
        }
        int pos = p < 0 ? INFINITY : memo[p];
        for (int i = 0; i < len; i++) {
            memo[path[i]] = pos;
        }
        return pos;
    }

    /** {@code events} sorted by the mainline ordering, smallest first. */
    int[] sort(int[] events) {
        int n = events.length;
        int[] pos = new int[n];
        long[] ts = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            pos[i] = position(events[i]);
            ts[i] = g.event(events[i]).originServerTs();
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            if (pos[a] != pos[b]) {
                return pos[a] > pos[b] ? -1 : 1; // greater position first
            }
            if (ts[a] != ts[b]) {
                return ts[a] < ts[b] ? -1 : 1;
            }
            return g.compareIds(events[a], events[b]);
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = events[order[i]];
        }
        return out;
    }
}
