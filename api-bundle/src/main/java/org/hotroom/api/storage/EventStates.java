package org.hotroom.api.storage;

import java.util.Collection;

/**
 * The state of a room before and after each event, as the logic decided it.
 *
 * <p>Why this shape: the store must keep the state at every event (auth checks, {@code /state},
 * {@code /state_ids}, backfill, and state resolution all ask for it), yet neighbouring events
 * almost always share nearly all of it. So the logic never hands over a whole state per event:
 * it says how an event's state relates to states already stored, and the store (whichever
 * strategy is configured) decides how to keep that small.
 *
 * <ul>
 *   <li>An event with one previous event P: {@code record(room, e, after(P), type, key)}.
 *   <li>A merge (several previous events): the logic resolves the state and gives it either as a
 *       change against one parent, {@code with(after(P1), changes)}, or as a whole map, {@code
 *       fullState(room, cells, after(P1))}; the store keeps only the difference.
 *   <li>The create event: {@code record(room, create, empty(room), M_ROOM_CREATE, EMPTY_STATE_KEY)}.
 *   <li>A join over federation: {@code fullState(room, stateFromSendJoin, empty(room))}.
 * </ul>
 *
 * <p>Recording writes (it takes the writer lock); everything is durable when the step commits and
 * gone if it fails. Snapshots from {@link #with} and {@link #fullState} are not stored until
 * recorded for an event. All IDs are numeric ({@link Interner}); type IDs fit in 31 bits and state
 * key IDs in 32, as the interner guarantees.
 */
public interface EventStates {

    /** The empty state of a room (before its create event). */
    StateSnapshot empty(long room);

    /** The state before {@code event} (what its auth checks see), or null if never recorded. */
    StateSnapshot before(long event);

    /**
     * The state after {@code event}: the state before it, plus the event itself when it is a state
     * event. Null if never recorded.
     */
    StateSnapshot after(long event);

    /**
     * {@code basis} with {@code changes} applied (a change with event 0 removes its key). A key
     * may appear at most once in {@code changes}. Nothing is stored until the result is recorded.
     */
    StateSnapshot with(StateSnapshot basis, Collection<StateEntry> changes);

    /**
     * A state that is exactly {@code cells} (event 0 is not allowed here). {@code near} is a hint,
     * usually the state after one of the parents: the store keeps the result as its difference
     * from {@code near}, so the closer the hint, the smaller the record. Nothing is stored until
     * the result is recorded.
     */
    StateSnapshot fullState(long room, Collection<StateEntry> cells, StateSnapshot near);

    /**
     * Records the state before {@code event}, and so the state after it: {@code before} plus
     * {@code (type, stateKey) -> event} when {@code type != 0}, else {@code before} unchanged (not a
     * state event, or a rejected one). Recording the same event twice is allowed only with the
     * same state.
     *
     * @param before a snapshot of the same room obtained in this step
     * @throws IllegalArgumentException if {@code before} belongs to another room or step
     * @throws IllegalStateException if the event was recorded before with a different state
     */
    void record(long room, long event, StateSnapshot before, long type, long stateKey);
}
