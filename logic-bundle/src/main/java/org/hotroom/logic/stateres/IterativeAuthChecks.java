package org.hotroom.logic.stateres;

import java.util.Arrays;
import java.util.List;
import org.hotroom.logic.auth.AuthEvent;
import org.hotroom.logic.auth.AuthEventsSelection;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.AuthState;
import org.hotroom.logic.auth.Decision;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.TypeAndKey;

/**
 * The iterative auth checks (rooms/v2 "State resolution", Definitions):
 * <blockquote>The iterative auth checks algorithm takes as input an initial room state and a
 * sorted list of state events, and constructs a new room state by iterating through the event list
 * and applying the state event to the room state if the state event is allowed by the
 * authorisation rules. If the state event is not allowed by the authorisation rules, then the event
 * is ignored. If a (event_type, state_key) key that is required for checking the authorisation
 * rules is not present in the state, then the appropriate state event from the event's auth_events
 * is used if the auth event is not rejected.</blockquote>
 *
 * <p>The state is an int array indexed by interned state key. Each check runs
 * {@link AuthRules#check} (every rule but the one about the event's own auth_events) against an
 * {@link AuthState} that reads this partial state and otherwise falls back to the event's
 * non-rejected auth event of that key; "required for checking" is taken as the keys of the auth
 * events selection ({@link AuthEventsSelection#keys}), the only keys an event's auth events can
 * stand for. Room version 12: the rules also read the {@code m.room.create} event, which no
 * event cites; it is the event that the room ID names ({@code !x} → {@code $x}).
 *
 * <p>Cost per event: one run of the rules, a handful of key look-ups (two hash probes each) and a
 * scan of its few auth events.
 */
final class IterativeAuthChecks {

    private final EventGraph g;
    private final AuthRules authRules;
    private final RuleSet rules;
    private final Interpretation interpretation;
    private int[] state;

    private int current;
    private StateResEvent currentEvent;
    private List<TypeAndKey> selection;
    private String createRoomId;
    private AuthEvent createOfRoom;
    private final AuthState view = this::lookup;

    /** Starts from {@code initial} (event int per key int, -1 for none; copied). */
    IterativeAuthChecks(EventGraph g, AuthRules authRules, RuleSet rules, Interpretation interpretation, int[] initial) {
        this.g = g;
        this.authRules = authRules;
        this.rules = rules;
        this.interpretation = interpretation;
        this.state = Arrays.copyOf(initial, Math.max(initial.length, g.keys.size()));
        Arrays.fill(state, initial.length, state.length, -1);
    }

    /** Applies the events in order; events that are not state events are skipped. */
    void apply(int[] events) {
        for (int x : events) {
            StateResEvent ev = g.event(x);
            int k = g.key(x);
            if (k < 0) {
                continue;
            }
            if (interpretation.ignoreRejected() && ev.rejected()) {
                continue;
            }
            if (check(x).allowed()) {
                set(k, x);
            }
        }
    }

    /** The rules' decision on {@code x} against the current partial state. */
    Decision check(int x) {
        current = x;
        currentEvent = g.event(x);
        selection = null;
        return authRules.check(rules, currentEvent, view);
    }

    private void set(int k, int x) {
        if (k >= state.length) {
            int old = state.length;
            state = Arrays.copyOf(state, Math.max(k + 1, old * 2));
            Arrays.fill(state, old, state.length, -1);
        }
        state[k] = x;
    }

    /** The event at key {@code k}, or -1. */
    int get(int k) {
        return k >= 0 && k < state.length ? state[k] : -1;
    }

    /** The partial state, event int per key int (-1 for none); not copied. */
    int[] state() {
        return state;
    }

    private AuthEvent lookup(String type, String stateKey) {
        if (type == null || stateKey == null) {
            return null;
        }
        if (rules.createEventIsRoomId() && EventTypes.CREATE.equals(type) && stateKey.isEmpty()) {
            AuthEvent c = createNamedBy(currentEvent.roomId());
            if (c != null) {
                return c;
            }
        }
        int e = get(g.keys.find(type, stateKey));
        if (e >= 0 && !(interpretation.ignoreRejected() && g.rejected(e))) {
            return g.event(e);
        }
        // "the appropriate state event from the event's auth_events is used if the auth event is
        // not rejected"
        if (selection == null) {
            selection = AuthEventsSelection.keys(rules, currentEvent);
        }
        if (!selection.contains(TypeAndKey.of(type, stateKey))) {
            return null;
        }
        for (int a : g.auth(current)) {
            StateResEvent ae = g.eventOrNull(a);
            if (ae != null && !ae.rejected() && type.equals(ae.type()) && stateKey.equals(ae.stateKey())) {
                return ae;
            }
        }
        return null;
    }

    /** v12: the create event a room ID names, if the source has it. */
    private AuthEvent createNamedBy(String roomId) {
        if (roomId == null) {
            return null;
        }
        if (!roomId.equals(createRoomId)) {
            createRoomId = roomId;
            String id = AuthRules.createEventIdOf(roomId);
            createOfRoom = id == null ? null : g.eventOrNull(g.intern(id));
        }
        return createOfRoom;
    }
}
