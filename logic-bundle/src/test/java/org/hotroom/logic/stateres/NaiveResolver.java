package org.hotroom.logic.stateres;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hotroom.logic.auth.AuthEvent;
import org.hotroom.logic.auth.AuthEventsSelection;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.AuthState;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.PowerLevels;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.StateResolutionAlgorithm;

/**
 * State resolution v2 / v2.1 transcribed from the spec's text with sets of strings and no care
 * for cost (quadratic and worse), as an oracle for the real one on small random rooms.
 */
final class NaiveResolver {

    private final AuthRules auth;
    private final Interpretation in;

    NaiveResolver(AuthRules auth, Interpretation in) {
        this.auth = auth;
        this.in = in;
    }

    Map<TypeAndKey, String> resolve(RoomVersion version, List<Map<TypeAndKey, String>> sets, Map<String, ? extends StateResEvent> ev) {
        RuleSet rules = RuleSet.forVersion(version.id());
        boolean v21 = version.stateResolution() == StateResolutionAlgorithm.V2_1;
        // unconflicted / conflicted
        Set<TypeAndKey> keys = new HashSet<>();
        sets.forEach(s -> keys.addAll(s.keySet()));
        Map<TypeAndKey, String> unconflicted = new HashMap<>();
        Set<String> conflicted = new HashSet<>();
        for (TypeAndKey k : keys) {
            Set<String> vals = new HashSet<>();
            boolean missing = false;
            for (Map<TypeAndKey, String> s : sets) {
                if (s.get(k) == null) {
                    missing = true;
                } else {
                    vals.add(s.get(k));
                }
            }
            if (!missing && vals.size() == 1) {
                unconflicted.put(k, vals.iterator().next());
            } else {
                conflicted.addAll(vals);
            }
        }
        if (conflicted.isEmpty()) {
            return unconflicted;
        }
        // auth difference
        List<Set<String>> chains = new ArrayList<>();
        for (Map<TypeAndKey, String> s : sets) {
            Set<String> c = new HashSet<>();
            for (String e : s.values()) {
                c.addAll(chain(e, ev));
                if (in.stateEventsInOwnAuthChain()) {
                    c.add(e);
                }
            }
            chains.add(c);
        }
        Set<String> union = new HashSet<>();
        chains.forEach(union::addAll);
        Set<String> inter = new HashSet<>(chains.get(0));
        chains.forEach(inter::retainAll);
        Set<String> full = new HashSet<>(conflicted);
        for (String e : union) {
            if (!inter.contains(e)) {
                full.add(e);
            }
        }
        if (v21) {
            // x on a path between two conflicted events
            Set<String> all = new HashSet<>(union);
            for (Map<TypeAndKey, String> s : sets) {
                all.addAll(s.values());
            }
            for (String x : all) {
                boolean from = false;
                for (String a : conflicted) {
                    if (a.equals(x) || chain(a, ev).contains(x)) {
                        from = true;
                        break;
                    }
                }
                boolean to = conflicted.contains(x);
                for (String c : chain(x, ev)) {
                    to |= conflicted.contains(c);
                }
                if (from && to) {
                    full.add(x);
                }
            }
        }
        // step 1
        Set<String> x = new HashSet<>();
        for (String e : full) {
            if (isPower(ev.get(e))) {
                x.add(e);
                if (in.powerChainsThroughConflictedOnly()) {
                    ArrayDeque<String> q = new ArrayDeque<>(List.of(e));
                    while (!q.isEmpty()) {
                        for (String a : ev.get(q.pop()).authEventIds()) {
                            if (full.contains(a) && x.add(a)) {
                                q.add(a);
                            }
                        }
                    }
                } else {
                    for (String c : chain(e, ev)) {
                        if (full.contains(c)) {
                            x.add(c);
                        }
                    }
                }
            }
        }
        Map<String, Long> power = new HashMap<>();
        for (String e : x) {
            power.put(e, senderPower(rules, ev.get(e), ev));
        }
        Comparator<String> tie = Comparator.<String>comparingLong(e -> -power.get(e))
                .thenComparingLong(e -> ev.get(e).originServerTs())
                .thenComparing(EventIds.ORDER);
        List<String> sortedX = new ArrayList<>();
        Set<String> left = new HashSet<>(x);
        while (!left.isEmpty()) {
            String best = null;
            for (String c : left) {
                boolean ready = true;
                for (String other : left) {
                    if (!other.equals(c) && (in.powerChainsThroughConflictedOnly()
                            ? ev.get(c).authEventIds().contains(other) : chain(c, ev).contains(other))) {
                        ready = false;
                        break;
                    }
                }
                if (ready && (best == null || tie.compare(c, best) < 0)) {
                    best = c;
                }
            }
            sortedX.add(best);
            left.remove(best);
        }
        // step 2
        Map<TypeAndKey, String> partial = v21 ? new HashMap<>() : new HashMap<>(unconflicted);
        iac(rules, sortedX, partial, ev);
        // step 3
        String p = partial.get(TypeAndKey.of(EventTypes.POWER_LEVELS, ""));
        List<String> mainline = new ArrayList<>();
        while (p != null) {
            mainline.add(p);
            p = plOf(ev.get(p), ev);
        }
        List<String> rest = new ArrayList<>();
        for (String e : full) {
            if (!x.contains(e)) {
                rest.add(e);
            }
        }
        Map<String, Long> pos = new HashMap<>();
        for (String e : rest) {
            long position = Long.MAX_VALUE;
            for (String ej = plOf(ev.get(e), ev); ej != null; ej = plOf(ev.get(ej), ev)) {
                int i = mainline.indexOf(ej);
                if (i >= 0) {
                    position = i;
                    break;
                }
            }
            pos.put(e, position);
        }
        rest.sort(Comparator.<String>comparingLong(e -> -pos.get(e))
                .thenComparingLong(e -> ev.get(e).originServerTs())
                .thenComparing(EventIds.ORDER));
        // step 4
        iac(rules, rest, partial, ev);
        // step 5
        partial.putAll(unconflicted);
        return partial;
    }

    private void iac(RuleSet rules, List<String> list, Map<TypeAndKey, String> partial, Map<String, ? extends StateResEvent> ev) {
        for (String id : list) {
            StateResEvent e = ev.get(id);
            if (e.stateKey() == null || (in.ignoreRejected() && e.rejected())) {
                continue;
            }
            List<TypeAndKey> selection = AuthEventsSelection.keys(rules, e);
            AuthState state = (type, sk) -> {
                if (rules.createEventIsRoomId() && EventTypes.CREATE.equals(type)) {
                    StateResEvent c = ev.get(AuthRules.createEventIdOf(e.roomId()));
                    if (c != null) {
                        return c;
                    }
                }
                String inState = partial.get(TypeAndKey.of(type, sk));
                if (inState != null && !(in.ignoreRejected() && ev.get(inState).rejected())) {
                    return ev.get(inState);
                }
                if (!selection.contains(TypeAndKey.of(type, sk))) {
                    return null;
                }
                for (String a : e.authEventIds()) {
                    StateResEvent ae = ev.get(a);
                    if (!ae.rejected() && type.equals(ae.type()) && sk.equals(ae.stateKey())) {
                        return ae;
                    }
                }
                return null;
            };
            if (auth.check(rules, e, state).allowed()) {
                partial.put(TypeAndKey.of(e.type(), e.stateKey()), id);
            }
        }
    }

    private long senderPower(RuleSet rules, StateResEvent e, Map<String, ? extends StateResEvent> ev) {
        Map<TypeAndKey, AuthEvent> m = new LinkedHashMap<>();
        for (String a : e.authEventIds()) {
            StateResEvent ae = ev.get(a);
            if (ae.stateKey() != null) {
                m.putIfAbsent(TypeAndKey.of(ae.type(), ae.stateKey()), ae);
            }
        }
        if (rules.createEventIsRoomId() && ev.get(AuthRules.createEventIdOf(e.roomId())) != null) {
            m.put(TypeAndKey.of(EventTypes.CREATE, ""), ev.get(AuthRules.createEventIdOf(e.roomId())));
        }
        try {
            return PowerLevels.of(rules, AuthState.of(m)).userLevel(e.sender());
        } catch (PowerLevels.UnreadablePowerLevelException x) {
            return 0;
        }
    }

    private boolean isPower(StateResEvent e) {
        if (!in.synapsePowerEvents()) {
            return AuthRules.isPowerEvent(e);
        }
        if (e.stateKey() == null) {
            return false;
        }
        if (e.stateKey().isEmpty() && (e.type().equals(EventTypes.POWER_LEVELS) || e.type().equals(EventTypes.JOIN_RULES)
                || e.type().equals(EventTypes.CREATE))) {
            return true;
        }
        return e.type().equals(EventTypes.MEMBER) && ("leave".equals(e.membership()) || "ban".equals(e.membership()))
                && !e.stateKey().equals(e.sender());
    }

    private static String plOf(StateResEvent e, Map<String, ? extends StateResEvent> ev) {
        for (String a : e.authEventIds()) {
            StateResEvent ae = ev.get(a);
            if (EventTypes.POWER_LEVELS.equals(ae.type()) && "".equals(ae.stateKey())) {
                return a;
            }
        }
        return null;
    }

    static Set<String> chain(String id, Map<String, ? extends StateResEvent> ev) {
        Set<String> out = new HashSet<>();
        ArrayDeque<String> q = new ArrayDeque<>(Objects.requireNonNull(ev.get(id), id).authEventIds());
        while (!q.isEmpty()) {
            String a = q.pop();
            if (out.add(a)) {
                q.addAll(ev.get(a).authEventIds());
            }
        }
        return out;
    }
}
