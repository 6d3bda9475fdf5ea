package org.hotroom.logic.client;

import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.rooms.Memberships;
import org.hotroom.logic.rooms.RoomStore;

// Spec: client-server API, "Leaving rooms" — POST /_matrix/client/v3/rooms/{roomId}/forget.

/**
 * Forgets a room the caller has left (or was banned from): it leaves their {@code /sync} until
 * they join, are invited or knock again ({@link Memberships}). A caller who is joined, invited or
 * knocking has not left: 400 {@code M_UNKNOWN}, as the spec says. A room they never had a
 * membership in is forgotten already: 200. The answer is {@code {}}.
 */
public final class ForgetRoomHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        String me = call.auth().userId();
        call.storage().beginWrite();
        RoomStore rooms = new RoomStore(call.storage());
        RoomStore.Room room = rooms.find(roomId);
        if (room == null) {
            return Responses.emptyObject();
        }
        Memberships memberships = new Memberships(call.storage());
        Memberships.Membership m = memberships.get(me, room.id());
        if (m == null) {
            return Responses.emptyObject();
        }
        if (!m.membership().equals("leave") && !m.membership().equals("ban")) {
            throw MatrixError.badRequest("The user has not left the room (membership: " + m.membership() + ")");
        }
        memberships.forget(me, room.id());
        return Responses.emptyObject();
    }
}
