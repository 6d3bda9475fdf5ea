package org.hotroom.logic.stateres;

import java.util.Map;
import org.hotroom.logic.auth.TypeAndKey;

/**
 * The resolved state, with what it took.
 *
 * @param state the resolved state map, (type, state_key) → event ID
 * @param stats sizes of the sets the algorithm went through
 */
public record Resolution(Map<TypeAndKey, String> state, Stats stats) {

    /** Sizes of one resolution's sets (0 where a step did not run). */
    public static final class Stats {
        /** Keys with more than one event, or (v2) missing from some state set. */
        public int conflictedKeys;
        /** Events of the conflicted state set. */
        public int conflictedEvents;
        /** Events of the union of the state sets and their auth chains (v2). */
        public int authChainEvents;
        /** Events of the auth difference (v2). */
        public int authDifference;
        /** Events of the conflicted state subgraph (v2.1), conflicted events included. */
        public int conflictedSubgraph;
        /** Events of the full conflicted set (v2). */
        public int fullConflictedSet;
        /** Events of step 1's X: power events and the auth events sorted with them (v2). */
        public int powerEvents;
        /** Distinct event IDs named by the state sets. */
        public int stateSetEvents;
        /** Event IDs interned by the resolution. */
        public int eventsInterned;

        @Override
        public String toString() {
            return "conflictedKeys=" + conflictedKeys + " conflictedEvents=" + conflictedEvents + " authChainEvents="
                    + authChainEvents + " authDifference=" + authDifference + " conflictedSubgraph=" + conflictedSubgraph
                    + " fullConflictedSet=" + fullConflictedSet + " powerEvents=" + powerEvents;
        }
    }
}
