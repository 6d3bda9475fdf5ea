package org.hotroom.logic.sync;

import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.rooms.HistoryVisibility;
import org.hotroom.logic.rooms.Memberships;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "Room History Visibility" / "Server behaviour".

/**
 * Which events of one room one user may see: {@link HistoryVisibility} (the spec's rules, by the
 * state at each event), with one shortcut for the common case: an event after the user's current
 * join is visible without looking at the state (the user was joined when it arrived).
 */
final class Visibility {

    private final String userId;
    private final RoomStore rooms;
    private final HistoryVisibility rules;
    private final long joinedSince;

    /** @param now the user's latest membership of the room, or null */
    Visibility(RoomStore rooms, String userId, Memberships.Membership now) {
        this.userId = userId;
        this.rooms = rooms;
        this.rules = new HistoryVisibility(rooms);
        this.joinedSince = now != null && now.membership().equals("join") ? now.ordering() : Long.MAX_VALUE;
    }

    /** Whether the user may see {@code event}. */
    boolean canSee(long event, EventMeta meta) {
        if (meta.ordering() > joinedSince) {
            return true;
        }
        StoredEvent e = rooms.event(event);
        return e != null && rules.canSee(userId, e);
    }

    /** The history visibility of a state ({@code shared} when unset or not understood). */
    String historyVisibility(StateSnapshot state) {
        return rules.visibility(state);
    }
}
