package org.hotroom.logic.stateres;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.logic.auth.TypeAndKey;

/**
 * The unconflicted state map and the conflicted state set of a list of state sets, interned.
 *
 * <p>rooms/v2: "If a given key K is present in every S<sub>i</sub> with the same value V in each
 * state map, then the pair (K, V) belongs to the unconflicted state map. Otherwise, V belongs to
 * the conflicted state set." So a key missing from one state set is conflicted. rooms/v1: "A
 * conflict occurs between states where those states have different event_ids for the same
 * (event_type, state_key)": a key that some sets lack but the others agree on is not.
 *
 * <p>O(total entries) hash look-ups; memory O(keys × sets) ints.
 */
final class Separation {

    final int[][] sets;
    /** key int → unconflicted event int, or -1. */
    final int[] unconflicted;
    final int[] conflictedKeys;
    /** Distinct events of the conflicted state set. */
    final int[] conflictedEvents;
    /** For each conflicted key (same index), its distinct events. */
    final int[][] conflictedByKey;

    private Separation(int[][] sets, int[] unconflicted, int[] conflictedKeys, int[] conflictedEvents,
            int[][] conflictedByKey) {
        this.sets = sets;
        this.unconflicted = unconflicted;
        this.conflictedKeys = conflictedKeys;
        this.conflictedEvents = conflictedEvents;
        this.conflictedByKey = conflictedByKey;
    }

    static Separation of(EventGraph g, List<? extends Map<TypeAndKey, String>> stateSets, boolean v1) {
        int k = stateSets.size();
        int[][] sets = new int[k][];
        int[] vals = new int[64 * Math.max(k, 1)];
        Arrays.fill(vals, -1);
        int keyCount = 0;
        for (int s = 0; s < k; s++) {
            Map<TypeAndKey, String> m = stateSets.get(s);
            int[] evs = new int[m.size()];
            int i = 0;
            for (Map.Entry<TypeAndKey, String> en : m.entrySet()) {
                TypeAndKey key = en.getKey();
                if (en.getValue() == null) {
                    throw new StateResolutionException("state set " + s + " has no event ID for " + key);
                }
                int kid = g.keys.intern(key.type(), key.stateKey());
                keyCount = Math.max(keyCount, kid + 1);
                if ((long) keyCount * k > vals.length) {
                    int old = vals.length;
                    vals = Arrays.copyOf(vals, Math.max(old * 2, keyCount * k));
                    Arrays.fill(vals, old, vals.length, -1);
                }
                int e = g.intern(en.getValue());
                vals[kid * k + s] = e;
                evs[i++] = e;
            }
            sets[s] = evs;
        }
        int[] unconflicted = new int[keyCount];
        Arrays.fill(unconflicted, -1);
        int[] conflictedKeys = new int[keyCount];
        int[][] byKey = new int[keyCount][];
        int ck = 0;
        boolean[] seen = new boolean[g.size()];
        int[] conflictedEvents = new int[16];
        int ce = 0;
        int[] distinct = new int[Math.max(k, 1)];
        for (int kid = 0; kid < keyCount; kid++) {
            int d = 0;
            boolean absentSomewhere = false;
            for (int s = 0; s < k; s++) {
                int e = vals[kid * k + s];
                if (e < 0) {
                    absentSomewhere = true;
                    continue;
                }
                boolean dup = false;
                for (int j = 0; j < d; j++) {
                    if (distinct[j] == e) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    distinct[d++] = e;
                }
            }
            if (d == 1 && (v1 || !absentSomewhere)) {
                unconflicted[kid] = distinct[0];
                continue;
            }
            conflictedKeys[ck] = kid;
            byKey[ck++] = Arrays.copyOf(distinct, d);
            for (int j = 0; j < d; j++) {
                int e = distinct[j];
                if (!seen[e]) {
                    seen[e] = true;
                    if (ce == conflictedEvents.length) {
                        conflictedEvents = Arrays.copyOf(conflictedEvents, ce * 2);
                    }
                    conflictedEvents[ce++] = e;
                }
            }
        }
        return new Separation(sets, unconflicted, Arrays.copyOf(conflictedKeys, ck),
                Arrays.copyOf(conflictedEvents, ce), Arrays.copyOf(byKey, ck));
    }

    /** Every event of every state set, once. */
    int[] allEvents() {
        int max = 0;
        for (int[] s : sets) {
            for (int e : s) {
                max = Math.max(max, e + 1);
            }
        }
        boolean[] seen = new boolean[max];
        int[] out = new int[max];
        int n = 0;
        for (int[] s : sets) {
            for (int e : s) {
                if (!seen[e]) {
                    seen[e] = true;
                    out[n++] = e;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The unconflicted state map as event int per key int (-1 for none). */
    int[] unconflictedByKey() {
        return Arrays.copyOf(unconflicted, unconflicted.length);
    }

    /** The unconflicted state map by key, in key order. */
    Map<TypeAndKey, String> unconflictedMap(EventGraph g) {
        Map<TypeAndKey, String> out = new LinkedHashMap<>();
        for (int kid = 0; kid < unconflicted.length; kid++) {
            if (unconflicted[kid] >= 0) {
                out.put(g.keys.key(kid), g.id(unconflicted[kid]));
            }
        }
        return out;
    }

    /**
     * Fails when a conflicted event is not a state event of the key it is listed under (a state
     * map must map each key to an event of that key). Loads the conflicted events.
     */
    void checkKeys(EventGraph g) {
        for (int i = 0; i < conflictedKeys.length; i++) {
            int kid = conflictedKeys[i];
            for (int e : conflictedByKey[i]) {
                int actual = g.key(e);
                if (actual != kid) {
                    StateResEvent ev = g.event(e);
                    throw new StateResolutionException("event " + g.id(e) + " is listed under " + g.keys.key(kid)
                            + " but is " + (actual < 0 ? "not a state event (type " + ev.type() + ")"
                                    : "a state event of " + g.keys.key(actual)));
                }
            }
        }
    }
}
