package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.api.storage.EventStates;
import org.hotroom.api.storage.StateSnapshot;

/**
 * Whether a user may see an event, by the room's history visibility at that event (client-server
 * API "Room History Visibility", "Server behaviour"):
 * <ol>
 *   <li>{@code world_readable}: allow;</li>
 *   <li>the user's membership was {@code join}: allow;</li>
 *   <li>{@code shared}, and the user joined the room at any point after the event: allow;</li>
 *   <li>the user's membership was {@code invite} and the visibility {@code invited}: allow;</li>
 *   <li>otherwise deny.</li>
 * </ol>
 * "At that event" is the state after it. An {@code m.room.history_visibility} event, and a user's
 * own member event, is visible when the state before or the state after it allows it. A missing or
 * unknown visibility is {@code shared}. "Joined after the event" is read from the user's
 * {@link Memberships} log, so it is known for this server's users only (the only ones who ask).
 */
public final class HistoryVisibility {

    private final RoomStore rooms;

    public HistoryVisibility(RoomStore rooms) {
        this.rooms = rooms;
    }

    public boolean canSee(String userId, StoredEvent event) {
        EventStates states = rooms.storage().eventStates();
        StateSnapshot after = states.after(event.id());
        if (after == null) {
            return false;
        }
        if (allowedBy(userId, event, after)) {
            return true;
        }
        boolean special = event.isState() && (event.type().equals("m.room.history_visibility")
                || (event.type().equals("m.room.member") && userId.equals(event.stateKey())));
        if (special) {
            StateSnapshot before = states.before(event.id());
            return before != null && allowedBy(userId, event, before);
        }
        return false;
    }

    private boolean allowedBy(String userId, StoredEvent event, StateSnapshot state) {
        String visibility = visibility(state);
        if (visibility.equals("world_readable")) {
            return true;
        }
        String membership = rooms.membership(state, userId);
        if ("join".equals(membership)) {
            return true;
        }
        if (visibility.equals("shared") && joinedAfter(userId, event)) {
            return true;
        }
        return "invite".equals(membership) && visibility.equals("invited");
    }

    /** The history visibility of {@code state}: {@code shared} when unset or unknown. */
    public String visibility(StateSnapshot state) {
        JsonNode c = rooms.stateContent(state, "m.room.history_visibility", "");
        String v = c == null ? null : c.path("history_visibility").textValue();
        if (v == null) {
            return "shared";
        }
        return switch (v) {
            case "world_readable", "shared", "invited", "joined" -> v;
            default -> "shared";
        };
    }

    private boolean joinedAfter(String userId, StoredEvent event) {
        long room = event.meta().room();
        long after = Math.max(event.ordering(), 0);
        for (Memberships.Change c : new Memberships(rooms.storage()).changesSince(userId, after)) {
            if (c.room() != room) {
                continue;
            }
            long[] found = {0};
            rooms.storage().events().timeline(room, c.ordering() - 1, true, (position, id) -> {
                if (position == c.ordering()) {
                    found[0] = id;
                }
                return false;
            });
            StoredEvent m = found[0] == 0 ? null : rooms.event(found[0]);
            if (m != null && "join".equals(m.membership()) && userId.equals(m.stateKey())) {
                return true;
            }
        }
        return false;
    }
}
