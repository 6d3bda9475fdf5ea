package org.hotroom.logic.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The state the rules are checked against: a (type, state_key) → event map. Depending on the
 * check that is the event's auth events (receipt step 4), the state before the event (step 5),
 * the current state (step 6), or a partial state during state resolution's iterative auth checks.
 *
 * <p>Only the keys of {@link AuthEventsSelection} are ever looked up, plus (room version 12) the
 * {@code m.room.create} event, which events no longer cite but the rules still read.
 */
@FunctionalInterface
public interface AuthState {

    /** The event at {@code (type, stateKey)}, or null. */
    AuthEvent get(String type, String stateKey);

    default AuthEvent get(TypeAndKey key) {
        return get(key.type(), key.stateKey());
    }

    default AuthEvent create() {
        return get(EventTypes.CREATE, "");
    }

    default AuthEvent powerLevels() {
        return get(EventTypes.POWER_LEVELS, "");
    }

    default AuthEvent joinRules() {
        return get(EventTypes.JOIN_RULES, "");
    }

    default AuthEvent member(String userId) {
        return userId == null ? null : get(EventTypes.MEMBER, userId);
    }

    /** An empty state. */
    static AuthState empty() {
        return (type, key) -> null;
    }

    /** A state over a map (not copied). */
    static AuthState of(Map<TypeAndKey, ? extends AuthEvent> map) {
        Map<TypeAndKey, ? extends AuthEvent> m = Collections.unmodifiableMap(map);
        return (type, key) -> m.get(new TypeAndKey(type, key));
    }

    /**
     * A state of the given state events, keyed by their (type, state_key). A later event with the
     * same key replaces an earlier one; non-state events are ignored.
     */
    static AuthState of(Collection<? extends AuthEvent> events) {
        Map<TypeAndKey, AuthEvent> m = new HashMap<>();
        for (AuthEvent e : events) {
            TypeAndKey k = TypeAndKey.of(e);
            if (k != null) {
                m.put(k, e);
            }
        }
        return of(m);
    }
}
