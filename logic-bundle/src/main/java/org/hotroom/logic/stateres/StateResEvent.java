package org.hotroom.logic.stateres;

import org.hotroom.logic.auth.AuthEvent;

/**
 * The view of an event that state resolution reads: everything the authorisation rules read
 * ({@link AuthEvent}: type, state_key, sender, content, room_id, auth_events, prev_events,
 * rejected) plus the two fields the orderings use.
 *
 * <ul>
 *   <li>{@link #originServerTs()}: tie-break of the reverse topological power ordering and of the
 *       mainline ordering (room versions 2+);</li>
 *   <li>{@link #depth()}: the order of room version 1's resolution ("ascending depth then
 *       descending sha1(event_id)").</li>
 * </ul>
 *
 * <p>{@link AuthEvent#rejected()} means "rejected by the checks performed on receipt of a PDU"
 * (steps 4–5). State resolution uses it where the spec says so: a rejected auth event never stands
 * in for a missing state key in the iterative auth checks (see {@link Interpretation} for the rest).
 */
public interface StateResEvent extends AuthEvent {

    /** {@code origin_server_ts} in milliseconds. */
    long originServerTs();

    /** {@code depth}. */
    long depth();
}
