package org.hotroom.logic.stateres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.logic.auth.AuthEvent;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.AuthState;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.PowerLevels;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.TypeAndKey;

/**
 * State resolution v2 (room versions 2–11, rooms/v2 "State resolution") and v2.1 (room version
 * 12, rooms/v12, MSC4297), step by step; see {@link StateResolver} for the algorithm as the spec
 * states it and the complexity.
 */
final class StateResolutionV2 {

    private final AuthRules authRules;
    private final RuleSet rules;
    private final boolean v21;
    private final Interpretation interpretation;

    StateResolutionV2(AuthRules authRules, RuleSet rules, boolean v21, Interpretation interpretation) {
        this.authRules = authRules;
        this.rules = rules;
        this.v21 = v21;
        this.interpretation = interpretation;
    }

    Resolution resolve(List<? extends Map<TypeAndKey, String>> stateSets, EventSource source) {
        EventGraph g = new EventGraph(source);
        Separation sep = Separation.of(g, stateSets, false);
        Resolution.Stats stats = new Resolution.Stats();
        stats.conflictedKeys = sep.conflictedKeys.length;
        if (sep.conflictedKeys.length == 0) {
            return new Resolution(sep.unconflictedMap(g), stats);
        }
        int n0 = g.size();

        // Auth chains of every state set, in one pass over their union.
        int[] topo = g.closure(sep.allEvents());
        if (rules.createEventIsRoomId()) {
            // v12: every check reads the m.room.create event that the room ID names (no event cites
            // it); without it nothing could pass, so it must be available like the auth chains.
            int first = sep.conflictedEvents[0];
            String createId = AuthRules.createEventIdOf(g.event(first).roomId());
            if (createId != null) {
                g.tryLoad(g.intern(createId), first);
                g.throwIfMissing();
            }
        }
        int n = g.size();
        stats.authChainEvents = topo.length;
        boolean[] conflicted = new boolean[n];
        for (int e : sep.conflictedEvents) {
            conflicted[e] = true;
        }
        stats.conflictedEvents = sep.conflictedEvents.length;
        sep.checkKeys(g);

        // Auth difference: ∪C_i − ∩C_i.
        boolean[] authDiff = AuthChains.difference(g, topo, sep.sets, interpretation.stateEventsInOwnAuthChain());
        // v12: the conflicted state subgraph.
        boolean[] subgraph = v21 ? AuthChains.conflictedSubgraph(g, topo, conflicted) : null;

        // Full conflicted set: the conflicted state set ∪ the auth difference (∪ the conflicted
        // state subgraph, v12).
        boolean[] full = new boolean[n];
        boolean[] power = new boolean[n];
        int fullCount = 0;
        for (int x : topo) {
            if (authDiff[x]) {
                stats.authDifference++;
            }
            if (subgraph != null && subgraph[x]) {
                stats.conflictedSubgraph++;
            }
            if (conflicted[x] || authDiff[x] || (subgraph != null && subgraph[x])) {
                full[x] = true;
                fullCount++;
                power[x] = isPowerEvent(g.event(x));
            }
        }
        stats.fullConflictedSet = fullCount;

        // 1. Select the set X of all power events that appear in the full conflicted set. For each
        // such power event P, enlarge X by adding the events in the auth chain of P which also
        // belong to the full conflicted set. Sort X into a list using the reverse topological power
        // ordering.
        boolean[] listed = new boolean[n];
        boolean[] inGraph = new boolean[n];
        int[] nodes = selectPowerSet(g, topo, full, power, listed, inGraph);
        int[] sortedPower = PowerOrdering.sort(g, nodes, inGraph, listed, x -> senderPowerLevel(g, x));
        stats.powerEvents = sortedPower.length;

        // 2. Apply the iterative auth checks algorithm, starting from the unconflicted state map
        // (v12: "starting from an empty state map"), to the list of events from the previous step
        // to get a partially resolved state.
        int[] initial = v21 ? new int[0] : sep.unconflictedByKey();
        IterativeAuthChecks checks = new IterativeAuthChecks(g, authRules, rules, interpretation, initial);
        checks.apply(sortedPower);

        // 3. Take all remaining events that weren't picked in step 1 and order them by the mainline
        // ordering based on the power level in the partially resolved state obtained in step 2.
        int[] rest = new int[fullCount - sortedPower.length];
        int r = 0;
        for (int x : topo) {
            if (full[x] && !listed[x]) {
                rest[r++] = x;
            }
        }
        int pl = checks.get(g.keys.find(EventTypes.POWER_LEVELS, ""));
        int[] sortedRest = new MainlineOrdering(g, pl).sort(rest);

        // 4. Apply the iterative auth checks algorithm on the partial resolved state and the list
        // of events from the previous step.
        checks.apply(sortedRest);

        // 5. Update the result by replacing any event with the event with the same key from the
        // unconflicted state map, if such an event exists, to get the final resolved state.
        Map<TypeAndKey, String> out = new LinkedHashMap<>();
        int[] partial = checks.state();
        for (int k = 0; k < partial.length; k++) {
            if (partial[k] >= 0) {
                out.put(g.keys.key(k), g.id(partial[k]));
            }
        }
        out.putAll(sep.unconflictedMap(g));
        stats.eventsInterned = g.size();
        stats.stateSetEvents = n0;
        return new Resolution(out, stats);
    }

    /** A power event, as {@link Interpretation} reads the definition. */
    boolean isPowerEvent(StateResEvent e) {
        if (!interpretation.synapsePowerEvents()) {
            return AuthRules.isPowerEvent(e);
        }
        String type = e.type();
        String stateKey = e.stateKey();
        if (stateKey == null) {
            return false;
        }
        if (stateKey.isEmpty() && (EventTypes.POWER_LEVELS.equals(type) || EventTypes.JOIN_RULES.equals(type)
                || EventTypes.CREATE.equals(type))) {
            return true;
        }
        if (EventTypes.MEMBER.equals(type)) {
            String m = e.membership();
            return (EventTypes.LEAVE.equals(m) || EventTypes.BAN.equals(m)) && !stateKey.equals(e.sender());
        }
        return false;
    }

    /**
     * Step 1's X ({@code listed}) and the node set its ordering runs over ({@code inGraph}, returned
     * as a list).
     */
    private int[] selectPowerSet(EventGraph g, int[] topo, boolean[] full, boolean[] power, boolean[] listed,
            boolean[] inGraph) {
        List<Integer> nodes = new ArrayList<>();
        if (!interpretation.powerChainsThroughConflictedOnly()) {
            // Every event of the auth chain of a power event P of the full conflicted set: those in the
            // full conflicted set are listed, the others only carry the auth chain order.
            boolean[] under = new boolean[g.size()];
            for (int i = topo.length - 1; i >= 0; i--) {
                int x = topo[i];
                boolean p = full[x] && power[x];
                if (p || under[x]) {
                    inGraph[x] = true;
                    listed[x] = full[x];
                    for (int a : g.auth(x)) {
                        under[a] = true;
                    }
                }
            }
            int[] out = new int[topo.length];
            int c = 0;
            for (int x : topo) {
                if (inGraph[x]) {
                    out[c++] = x;
                }
            }
            return Arrays.copyOf(out, c);
        }
        // Synapse: from each power event, follow auth events while they are in the full conflicted set.
        int[] stack = new int[topo.length];
        int sp = 0;
        for (int x : topo) {
            if (full[x] && power[x] && !inGraph[x]) {
                inGraph[x] = true;
                stack[sp++] = x;
                while (sp > 0) {
                    int y = stack[--sp];
                    nodes.add(y);
                    for (int a : g.auth(y)) {
                        if (full[a] && !inGraph[a]) {
                            inGraph[a] = true;
                            stack[sp++] = a;
                        }
                    }
                }
            }
        }
        int[] out = new int[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nodes.get(i);
            listed[out[i]] = true;
        }
        return out;
    }

    /**
     * "x's sender has greater power level than y's sender, when looking at their respective
     * auth_events": the sender's level in the state formed by the event's auth events (v12: plus the
     * create event its room ID names; creators are {@link PowerLevels#INFINITE}). A level the room
     * version cannot read counts as 0.
     */
    long senderPowerLevel(EventGraph g, int x) {
        StateResEvent ev = g.event(x);
        int[] auth = g.auth(x);
        AuthEvent create = null;
        if (rules.createEventIsRoomId()) {
            String id = AuthRules.createEventIdOf(ev.roomId());
            create = id == null ? null : g.eventOrNull(g.intern(id));
        }
        AuthEvent roomCreate = create;
        AuthState state = (type, stateKey) -> {
            if (roomCreate != null && EventTypes.CREATE.equals(type) && "".equals(stateKey)) {
                return roomCreate;
            }
            for (int a : auth) {
                StateResEvent ae = g.eventOrNull(a);
                if (ae != null && type.equals(ae.type()) && stateKey != null && stateKey.equals(ae.stateKey())) {
                    return ae;
                }
            }
            return null;
        };
        try {
            return PowerLevels.of(rules, state).userLevel(ev.sender());
        } catch (PowerLevels.UnreadablePowerLevelException e) {
            return 0;
        }
    }
}
