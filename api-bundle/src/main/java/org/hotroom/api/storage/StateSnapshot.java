package org.hotroom.api.storage;

/**
 * The state of a room at one point of its event graph: a map from {@code (type, stateKey)} to an
 * event, all numeric IDs. Obtained from {@link EventStates} and valid only within the step that
 * obtained it (it reads through the step's snapshot of the store).
 *
 * <p>Why a handle instead of a map: a state may hold hundreds of thousands of cells, and most
 * questions are about one cell (is this user joined, what are the power levels). A snapshot reads
 * only what is asked for; {@link #forEach} streams the whole state when it is needed.
 *
 * <p>Order: cells come in increasing {@code (type ID, state key ID)} order. That is the order of
 * the numeric IDs, stable for a given store but unrelated to the strings: do not show it to
 * anyone, and do not let a decision depend on it.
 */
public interface StateSnapshot {

    /** The room this state belongs to. */
    long room();

    /** The event holding {@code (type, stateKey)} in this state, or 0 when the key is absent. */
    long get(long type, long stateKey);

    /** Visits every cell in key order until the visitor returns false. */
    void forEach(StateVisitor visitor);

    /** Visits the cells of one event type (for example every member) in state key order. */
    void forEach(long type, StateVisitor visitor);
}
