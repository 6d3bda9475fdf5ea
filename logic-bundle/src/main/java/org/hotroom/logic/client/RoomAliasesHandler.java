package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.HistoryVisibility;
import org.hotroom.logic.rooms.RoomAliases;
import org.hotroom.logic.rooms.RoomStore;

// Spec: client-server API, "Room aliases" — GET /_matrix/client/v3/rooms/{roomId}/aliases.

/**
 * {@code {"aliases": [...]}}: the aliases this server hosts for the room. For its joined members,
 * and for anyone when the room is {@code world_readable}; 403 {@code M_FORBIDDEN} otherwise (an
 * unknown room too).
 */
public final class RoomAliasesHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        RoomStore rooms = new RoomStore(call.storage());
        RoomStore.Room room = rooms.find(roomId);
        if (room == null) {
            throw MatrixError.forbidden("You are not a member of the room.");
        }
        StateSnapshot state = rooms.currentState(room);
        if (!"join".equals(rooms.membership(state, call.auth().userId()))
                && !new HistoryVisibility(rooms).visibility(state).equals("world_readable")) {
            throw MatrixError.forbidden("You are not a member of the room.");
        }
        ObjectNode body = Json.object();
        body.set("aliases", Json.strings(new RoomAliases(call.storage().keyValue()).ofRoom(room.id()).toArray(String[]::new)));
        return Responses.ok(body);
    }
}
