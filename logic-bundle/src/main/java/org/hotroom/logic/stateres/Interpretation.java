package org.hotroom.logic.stateres;

/**
 * How to read the points where the state resolution v2 text (rooms/v2, rooms/v12 "State
 * resolution") and the deployed implementations part ways. {@link #SPEC} reads the spec's words
 * literally and is the default; {@link #SYNAPSE} reads them as Synapse does
 * ({@code synapse/state/v2.py}, 2026), for when agreeing with the servers of the federation
 * matters more than the letter. Each point only matters in rare shapes of the DAG; every other step
 * is the same in both.
 *
 * <table>
 * <caption>The points</caption>
 * <tr><th>point</th><th>spec text</th><th>{@code SPEC}</th><th>{@code SYNAPSE}</th></tr>
 * <tr><td>{@link #stateEventsInOwnAuthChain}</td>
 *     <td>"the full auth chain for each state S<sub>i</sub>, that is the union of the auth chains
 *     for each event in S<sub>i</sub>"; the auth chain of E is E's auth events, recursively</td>
 *     <td>C<sub>i</sub> is the auth chains only</td>
 *     <td>C<sub>i</sub> also holds S<sub>i</sub>'s own events (Synapse's chain cover index, and
 *     ruma's test harness, count an event as reachable from itself). Differs for an unconflicted
 *     state event that some forks' auth chains cite and others' do not: only {@code SPEC} puts it
 *     in the auth difference.</td></tr>
 * <tr><td>{@link #powerChainsThroughConflictedOnly}</td>
 *     <td>step 1: "enlarge X by adding the events in the auth chain of P which also belong to
 *     the full conflicted set"; X sorted by "the topological ordering based on the DAG formed by
 *     auth events"</td>
 *     <td>the whole auth chain of P, intersected with the full conflicted set; x comes before y
 *     whenever x is in y's auth chain</td>
 *     <td>only events reached from P through events of the full conflicted set, ordered by the
 *     auth_events edges between events of X (Synapse's {@code _add_event_and_auth_chain_to_graph},
 *     ruma's {@code add_event_and_auth_chain_to_graph})</td></tr>
 * <tr><td>{@link #synapsePowerEvents}</td>
 *     <td>"a state event with type m.room.power_levels or m.room.join_rules, or ... m.room.member
 *     ... leave or ban and the sender does not match the state_key"</td>
 *     <td>exactly that ({@code AuthRules.isPowerEvent})</td>
 *     <td>also {@code m.room.create}; power levels and join rules only with state_key ""</td></tr>
 * <tr><td>{@link #ignoreRejected}</td>
 *     <td>"Events that have been rejected due to failing auth based on the state at the event
 *     ... are handled as usual"; only auth events that stand in for a missing key must not be
 *     rejected</td>
 *     <td>rejected events are checked and may enter the state; a rejected event in the partial
 *     state is used like any other</td>
 *     <td>a rejected event is never admitted to the state (Synapse's own TODO says this "isn't
 *     spec compliant"), and a rejected event in the partial state is passed over for the event's
 *     own (non-rejected) auth event</td></tr>
 * </table>
 */
public enum Interpretation {
    SPEC(false, false, false, false),
    SYNAPSE(true, true, true, true);

    private final boolean stateEventsInOwnAuthChain;
    private final boolean powerChainsThroughConflictedOnly;
    private final boolean synapsePowerEvents;
    private final boolean ignoreRejected;

    Interpretation(boolean stateEventsInOwnAuthChain, boolean powerChainsThroughConflictedOnly,
            boolean synapsePowerEvents, boolean ignoreRejected) {
        this.stateEventsInOwnAuthChain = stateEventsInOwnAuthChain;
        this.powerChainsThroughConflictedOnly = powerChainsThroughConflictedOnly;
        this.synapsePowerEvents = synapsePowerEvents;
        this.ignoreRejected = ignoreRejected;
    }

    /** The full auth chain of a state set includes the set's own events. */
    public boolean stateEventsInOwnAuthChain() {
        return stateEventsInOwnAuthChain;
    }

    /** Step 1 follows auth events only through the full conflicted set, and orders by direct edges. */
    public boolean powerChainsThroughConflictedOnly() {
        return powerChainsThroughConflictedOnly;
    }

    /** Power events include {@code m.room.create}; power levels and join rules need state_key "". */
    public boolean synapsePowerEvents() {
        return synapsePowerEvents;
    }

    /** Rejected events are never admitted, nor read from the partial state. */
    public boolean ignoreRejected() {
        return ignoreRejected;
    }

    /** {@code "spec"} or {@code "synapse"}, as the tool spells it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The interpretation spelled {@code label}, or null. */
    public static Interpretation ofLabel(String label) {
        for (Interpretation i : values()) {
            if (i.label().equals(label)) {
                return i;
            }
        }
        return null;
    }
}
