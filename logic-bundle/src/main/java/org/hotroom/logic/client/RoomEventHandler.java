package org.hotroom.logic.client;

import org.hotroom.api.Outcome;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.rooms.HistoryVisibility;
import org.hotroom.logic.rooms.ClientEvents;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "Getting events for a room" — GET /_matrix/client/v3/rooms/{roomId}/event/{eventId}.

/**
 * One event in the client format (served redacted when a redaction applies), if the caller may
 * see it by the room's history visibility ({@link HistoryVisibility}). An event that does not
 * exist, is in another room, was rejected or soft-failed, or that the caller may not see is 404
 * {@code M_NOT_FOUND} alike, as the spec says ("not found or you do not have permission").
 */
public final class RoomEventHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        RoomStore rooms = new RoomStore(call.storage());
        RoomStore.Room room = rooms.find(roomId);
        StoredEvent e = room == null ? null : rooms.event(call.param("eventId"));
        if (e == null || e.meta().room() != room.id() || e.meta().has(EventMeta.REJECTED)
                || e.meta().has(EventMeta.SOFT_FAILED) || !new HistoryVisibility(rooms).canSee(call.auth().userId(), e)) {
            throw new MatrixError(404, "M_NOT_FOUND", "Event not found.");
        }
        return Responses.ok(ClientEvents.of(call).format(e.id()));
    }
}
