package org.hotroom.logic.stateres;

import java.util.Map;

/**
 * Where state resolution finds events, by event ID. The server backs it with its event store, the
 * {@code resolve-state} tool with the events of the request ({@link JsonStateResEvent#sourceOf}).
 *
 * <p>A resolution asks for every event of the state sets and of their auth chains (room version 1:
 * only the state sets), each at most once (the resolution interns IDs and keeps what it got), and,
 * in room version 12, the {@code m.room.create} event that a room ID names. An event that is not
 * there makes the resolution fail with {@link MissingEventsException} naming every missing ID: the
 * caller fetches them (e.g. {@code GET /_matrix/federation/v1/event_auth}) and resolves again.
 * Implementations must be pure lookups: the same ID gives the same event for the whole resolution.
 */
@FunctionalInterface
public interface EventSource {

    /** The event with this ID, or null when it is not known. */
    StateResEvent event(String eventId);

    /** A source over a map (not copied). */
    static EventSource of(Map<String, ? extends StateResEvent> events) {
        return events::get;
    }
}
