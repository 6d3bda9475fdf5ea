package org.hotroom.logic.client;

import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.rooms.RoomDirectory;
import org.hotroom.logic.rooms.RoomStore;

// Spec: client-server API, "Published room directory" — GET and PUT /_matrix/client/v3/directory/list/room/{roomId}.

/**
 * A room's visibility in this server's directory ({@link RoomDirectory}): {@code GET} (no access
 * token) answers {@code {"visibility": "public" | "private"}}; {@code PUT} sets it (default
 * {@code public}; anything else than the two is 400 {@code M_INVALID_PARAM}), allowed to members
 * who may change the room's {@code m.room.canonical_alias} (403 otherwise). A room this server is
 * not in is 404 {@code M_NOT_FOUND} "Room not found".
 */
public final class RoomVisibilityHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        RoomStore rooms = new RoomStore(call.storage());
        RoomDirectory directory = new RoomDirectory(call.storage().keyValue());
        if (call.request().method().equals("GET")) {
            RoomStore.Room room = room(rooms, roomId);
            return Responses.ok(Json.object().put("visibility", directory.isPublished(room.id()) ? "public" : "private"));
        }
        JsonBody body = ClientChecks.optionalObjectBody(call);
        String visibility = body.optString("visibility");
        if (visibility == null) {
            visibility = "public";
        } else if (!visibility.equals("public") && !visibility.equals("private")) {
            throw MatrixError.invalidParam("visibility must be 'public' or 'private'");
        }
        call.storage().beginWrite();
        RoomStore.Room room = room(rooms, roomId);
        if (!RoomAccess.maySendState(rooms, room, rooms.currentState(room), call.auth().userId(), "m.room.canonical_alias")) {
            throw MatrixError.forbidden("Only the room's moderators may publish it or take it out of the directory");
        }
        directory.setPublished(room.id(), visibility.equals("public"));
        return Responses.emptyObject();
    }

    private static RoomStore.Room room(RoomStore rooms, String roomId) {
        RoomStore.Room room = rooms.find(roomId);
        if (room == null) {
            throw new MatrixError(404, "M_NOT_FOUND", "Room not found");
        }
        return room;
    }
}
