package org.hotroom.logic.stateres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.StateResolutionAlgorithm;

/**
 * State resolution: the state of a room where its DAG merges, from the states of the branches
 * (the spec's "resolution of a set of states" {S′(E<sub>1</sub>), S′(E<sub>2</sub>), ...} after the
 * prev_events of an event). Pure and synchronous; one call, one resolution, nothing kept.
 *
 * <h2>Algorithms</h2>
 * Chosen by {@link RoomVersion#stateResolution()}:
 * <ul>
 *   <li><b>v2</b>, room versions 2–11 (rooms/v2 "State resolution", "Algorithm"):
 *     <ol start="0">
 *       <li>Split the state sets into the <em>unconflicted state map</em> and the <em>conflicted
 *           state set</em> ({@link Separation}; a key missing from one set is conflicted). No
 *           conflict: the unconflicted map is the answer.</li>
 *       <li>"Select the set X of all power events that appear in the full conflicted set. For each
 *           such power event P, enlarge X by adding the events in the auth chain of P which also
 *           belong to the full conflicted set. Sort X into a list using the reverse topological
 *           power ordering." The <em>full conflicted set</em> is the conflicted state set plus the
 *           <em>auth difference</em> ({@link AuthChains}); the ordering is Kahn's algorithm with
 *           the tie-break (sender's power level from the event's auth events, descending;
 *           origin_server_ts ascending; event_id ascending) ({@link PowerOrdering}).</li>
 *       <li>"Apply the iterative auth checks algorithm, starting from the unconflicted state map, to
 *           the list of events from the previous step to get a partially resolved state."
 *           ({@link IterativeAuthChecks})</li>
 *       <li>"Take all remaining events that weren't picked in step 1 and order them by the mainline
 *           ordering based on the power level in the partially resolved state obtained in step 2."
 *           ({@link MainlineOrdering}: mainline position descending, origin_server_ts, event_id)</li>
 *       <li>"Apply the iterative auth checks algorithm on the partial resolved state and the list of
 *           events from the previous step."</li>
 *       <li>"Update the result by replacing any event with the event with the same key from the
 *           unconflicted state map, if such an event exists, to get the final resolved state."</li>
 *     </ol></li>
 *   <li><b>v2.1</b>, room version 12 (rooms/v12, MSC4297): the same, except that "the <em>iterative
 *       auth checks algorithm</em> ... now starts with an <em>empty</em> state map instead of the
 *       unconflicted state map" (step 2), and the full conflicted set also holds the <em>conflicted
 *       state subgraph</em>: "the union of all such paths between any pair of events in the
 *       conflicted state set (including endpoints)" along auth_events. The rules read the
 *       {@code m.room.create} event that the room ID names, which events no longer cite.</li>
 *   <li><b>v1</b>, room version 1 (rooms/v1): power levels, then join rules, then members, each
 *       conflicted key by ascending depth and descending sha1(event_id) while the next passes the
 *       rules in the state so far; other keys pick the highest depth, lowest sha1 that passes
 *       ({@link StateResolutionV1}).</li>
 * </ul>
 * Where the v2 text and deployed servers read it differently, {@link Interpretation} chooses
 * (default {@link Interpretation#SPEC}).
 *
 * <h2>Complexity</h2>
 * Event IDs are interned to ints once ({@link EventGraph}: one hash look-up per event and per
 * auth_events reference; every event fetched from the {@link EventSource} once); every later step
 * works on int arrays and flags. For k state sets with S entries in all, V events in the union of
 * their auth chains with E auth_events edges, F events in the full conflicted set and X of them
 * in step 1:
 * <ul>
 *   <li>separation: O(S) hash look-ups;</li>
 *   <li>auth chains and auth difference of all k sets: one topological pass, O((V + E)·⌈k/64⌉) time and
 *       O(V·⌈k/64⌉) longs (a bit per set per event), no per-event chain sets;</li>
 *   <li>conflicted state subgraph (v2.1): two passes, O(V + E);</li>
 *   <li>power ordering: O(X' log X + E') over the X events and, with {@link Interpretation#SPEC},
 *       their auth-chain ancestors X' (each visited once);</li>
 *   <li>mainline ordering: O(F log F), the mainline position of every power levels event computed
 *       once (memoized);</li>
 *   <li>iterative auth checks: F runs of the authorisation rules, each with O(1) key look-ups.</li>
 * </ul>
 * So O((V + E)·⌈k/64⌉ + F log F + F·rules), linear in the room's auth DAG; nothing is quadratic.
 * The auth DAG is walked whole (its common part included) because the auth difference must know
 * which events every set reaches; a storage-side chain index could later bound that to the forks.
 * Room version 1 reads only the state sets' events.
 *
 * <h2>Input</h2>
 * State sets as maps (type, state_key) → event ID ({@link #stateSetsOf} builds them from event IDs);
 * the {@link EventSource} must hold every event of the state sets and their auth chains (v1: of
 * the state sets), else {@link MissingEventsException} names all that are missing.
 */
public final class StateResolver {

    private final AuthRules authRules;
    private final Interpretation interpretation;

    /** A resolver reading the spec literally ({@link Interpretation#SPEC}). */
    public StateResolver(AuthRules authRules) {
        this(authRules, Interpretation.SPEC);
    }

    public StateResolver(AuthRules authRules, Interpretation interpretation) {
        this.authRules = Objects.requireNonNull(authRules, "authRules");
        this.interpretation = Objects.requireNonNull(interpretation, "interpretation");
    }

    public Interpretation interpretation() {
        return interpretation;
    }

    /** The resolved state of {@code stateSets} in a room of {@code version}. */
    public Map<TypeAndKey, String> resolve(RoomVersion version, List<? extends Map<TypeAndKey, String>> stateSets,
            EventSource source) {
        return resolveWithStats(version, stateSets, source).state();
    }

    /** {@link #resolve}, with the sizes of the sets it went through. */
    public Resolution resolveWithStats(RoomVersion version, List<? extends Map<TypeAndKey, String>> stateSets,
            EventSource source) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        RuleSet rules = RuleSet.forVersion(version.id());
        if (stateSets.isEmpty()) {
            return new Resolution(new LinkedHashMap<>(), new Resolution.Stats());
        }
        StateResolutionAlgorithm algorithm = version.stateResolution();
        switch (algorithm) {
            case V1:
                return new StateResolutionV1(authRules, rules).resolve(stateSets, source);
            case V2:
                return new StateResolutionV2(authRules, rules, false, interpretation).resolve(stateSets, source);
            case V2_1:
                return new StateResolutionV2(authRules, rules, true, interpretation).resolve(stateSets, source);
            default:
                throw new IllegalArgumentException("no state resolution for " + algorithm);
        }
    }

    /**
     * State maps from state sets given as event IDs: each event under its own (type, state_key).
     * Fails when an event is missing ({@link MissingEventsException}), is not a state event, or
     * shares its key with another event of the same set.
     */
    public static List<Map<TypeAndKey, String>> stateSetsOf(List<? extends Collection<String>> stateSets,
            EventSource source) {
        List<Map<TypeAndKey, String>> out = new ArrayList<>(stateSets.size());
        EventGraph g = new EventGraph(source);
        for (Collection<String> ids : stateSets) {
            for (String id : ids) {
                g.tryLoad(g.intern(id), -1);
            }
        }
        g.throwIfMissing();
        for (int s = 0; s < stateSets.size(); s++) {
            Map<TypeAndKey, String> m = new LinkedHashMap<>();
            for (String id : stateSets.get(s)) {
                StateResEvent e = g.event(g.intern(id));
                TypeAndKey key = TypeAndKey.of(e);
                if (key == null) {
                    throw new StateResolutionException("state set " + s + ": " + id + " is not a state event"
                            + " (it has no " + (e.type() == null ? "type" : "state_key") + ")");
                }
                String before = m.put(key, id);
                if (before != null && !before.equals(id)) {
                    throw new StateResolutionException("state set " + s + " has two events for " + key + ": "
                            + before + " and " + id);
                }
            }
            out.add(m);
        }
        return out;
    }
}
