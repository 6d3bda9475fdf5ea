package org.hotroom.logic.stateres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.logic.auth.AuthEvent;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.AuthState;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.TypeAndKey;

/**
 * State resolution of room version 1 (rooms/v1 "State resolution"):
 * <blockquote>The resolved state is built up in a number of passes; here we use R to refer to the
 * results of the resolution so far.
 * <ul><li>Start by setting R to the union of the states to be resolved, excluding any conflicting
 * events.</li>
 * <li>First we resolve conflicts between m.room.power_levels events. If there is no conflict, this
 * step is skipped, otherwise: Assemble all the m.room.power_levels events from the states to be
 * resolved into a list. Sort the list by ascending depth then descending sha1(event_id). Add the
 * first event in the list to R. For each subsequent event in the list, check that the event would
 * be allowed by the authorisation rules for a room in state R. If the event would be allowed, then
 * update R with the event and continue with the next event in the list. If it would not be allowed,
 * stop and continue below with m.room.join_rules events.</li>
 * <li>Repeat the above process for conflicts between m.room.join_rules events.</li>
 * <li>Repeat the above process for conflicts between m.room.member events.</li>
 * <li>No other events affect the authorisation rules, so for all other conflicts, just pick the
 * event with the highest depth and lowest sha1(event_id) that passes authentication in R and add
 * it to R.</li></ul>
 * A conflict occurs between states where those states have different event_ids for the same
 * (event_type, state_key).</blockquote>
 *
 * <p>Where the text leaves it open, as Synapse ({@code synapse/state/v1.py}) does it: each
 * conflicted key is resolved on its own against R as it stands after the previous pass (so the
 * m.room.member keys do not see each other, nor join rules of other state keys); every
 * {@code m.room.join_rules} key counts as join rules, only ("m.room.power_levels", "") as power
 * levels; "sha1(event_id)" is the SHA-1 of the ID's UTF-8, compared as hex; when no event of an
 * "other" key passes, the last in that order (lowest depth, highest hash) is taken. Signatures,
 * hashes and the auth_events rule are not checked here (the rules run with {@link AuthRules#check}).
 *
 * <p>Only the state sets' events are read: O(total entries) to separate, then for each conflicted
 * key of c events a sort (c log c) and at most c runs of the rules.
 */
final class StateResolutionV1 {

    private final AuthRules authRules;
    private final RuleSet rules;

    StateResolutionV1(AuthRules authRules, RuleSet rules) {
        this.authRules = authRules;
        this.rules = rules;
    }

    Resolution resolve(List<? extends Map<TypeAndKey, String>> stateSets, EventSource source) {
        EventGraph g = new EventGraph(source);
        Separation sep = Separation.of(g, stateSets, true);
        Resolution.Stats stats = new Resolution.Stats();
        stats.conflictedKeys = sep.conflictedKeys.length;
        stats.conflictedEvents = sep.conflictedEvents.length;
        stats.stateSetEvents = g.size();
        int[] r = sep.unconflictedByKey();
        if (sep.conflictedKeys.length > 0) {
            for (int e : sep.conflictedEvents) {
                g.tryLoad(e, -1);
            }
            g.throwIfMissing();
            sep.checkKeys(g);
            r = Arrays.copyOf(r, Math.max(r.length, g.keys.size()));
            int plKey = g.keys.find(EventTypes.POWER_LEVELS, "");
            List<Integer> joinRules = new ArrayList<>();
            List<Integer> members = new ArrayList<>();
            List<Integer> others = new ArrayList<>();
            int plIndex = -1;
            for (int i = 0; i < sep.conflictedKeys.length; i++) {
                int kid = sep.conflictedKeys[i];
                String type = g.keys.key(kid).type();
                if (kid == plKey) {
                    plIndex = i;
                } else if (EventTypes.JOIN_RULES.equals(type)) {
                    joinRules.add(i);
                } else if (EventTypes.MEMBER.equals(type)) {
                    members.add(i);
                } else {
                    others.add(i);
                }
            }
            if (plIndex >= 0) {
                r[plKey] = resolveAuthKey(g, sep.conflictedByKey[plIndex], r, plKey);
            }
            r = pass(g, sep, joinRules, r);
            r = pass(g, sep, members, r);
            int[] fixed = r;
            int[] next = Arrays.copyOf(r, r.length);
            for (int i : others) {
                next[sep.conflictedKeys[i]] = resolveOther(g, sep.conflictedByKey[i], fixed);
            }
            r = next;
        }
        Map<TypeAndKey, String> out = new LinkedHashMap<>();
        for (int kid = 0; kid < r.length; kid++) {
            if (r[kid] >= 0) {
                out.put(g.keys.key(kid), g.id(r[kid]));
            }
        }
        stats.eventsInterned = g.size();
        return new Resolution(out, stats);
    }

    /** Resolves each key against the same R, then updates R with all of them. */
    private int[] pass(EventGraph g, Separation sep, List<Integer> indexes, int[] r) {
        int[] next = Arrays.copyOf(r, r.length);
        for (int i : indexes) {
            int kid = sep.conflictedKeys[i];
            next[kid] = resolveAuthKey(g, sep.conflictedByKey[i], r, kid);
        }
        return next;
    }

    /** Ascending depth, descending sha1; the first, then each next one while it passes in R. */
    private int resolveAuthKey(EventGraph g, int[] events, int[] r, int kid) {
        int[] sorted = sort(g, events, true);
        int[] trial = Arrays.copyOf(r, r.length);
        int prev = sorted[0];
        for (int i = 1; i < sorted.length; i++) {
            trial[kid] = prev;
            if (!passes(g, sorted[i], trial)) {
                break;
            }
            prev = sorted[i];
        }
        return prev;
    }

    /** Descending depth, ascending sha1: the first that passes in R; the last if none does. */
    private int resolveOther(EventGraph g, int[] events, int[] r) {
        int[] sorted = sort(g, events, false);
        for (int e : sorted) {
            if (passes(g, e, r)) {
                return e;
            }
        }
        return sorted[sorted.length - 1];
    }

    private boolean passes(EventGraph g, int e, int[] r) {
        AuthState state = (type, stateKey) -> {
            int kid = g.keys.find(type, stateKey);
            int x = kid >= 0 && kid < r.length ? r[kid] : -1;
            return x < 0 ? null : (AuthEvent) g.event(x);
        };
        return authRules.check(rules, g.event(e), state).allowed();
    }

    /** By depth (ascending when {@code authOrder}, else descending), then sha1 (the other way). */
    static int[] sort(EventGraph g, int[] events, boolean authOrder) {
        Integer[] order = new Integer[events.length];
        String[] sha = new String[events.length];
        long[] depth = new long[events.length];
        for (int i = 0; i < events.length; i++) {
            order[i] = i;
            sha[i] = sha1Hex(g.id(events[i]));
            depth[i] = g.event(events[i]).depth();
        }
        Comparator<Integer> byDepthDescShaAsc = (a, b) -> {
            if (depth[a] != depth[b]) {
                return depth[a] > depth[b] ? -1 : 1;
            }
            return sha[a].compareTo(sha[b]);
        };
        Arrays.sort(order, authOrder ? byDepthDescShaAsc.reversed() : byDepthDescShaAsc);
        int[] out = new int[events.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = events[order[i]];
        }
        return out;
    }

    static String sha1Hex(String eventId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(eventId.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(40);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
