package org.hotroom.logic.client;

import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.rooms.LocalEvents;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StepContext;

// Spec: client-server API, "Knocking on rooms" — POST /_matrix/client/v3/knock/{roomIdOrAlias}.

/**
 * Knocks on a room for the caller: an {@code m.room.member} {@code knock} with their display name
 * and avatar and the optional {@code reason}, let in by the authorisation rules (403
 * {@code M_FORBIDDEN} with the rule's reason when the room version has no knocking, the join rule
 * is not {@code knock} or {@code knock_restricted}, or the caller is joined, invited or banned).
 * The answer is {@code {"room_id"}}; the knock then shows in {@code rooms.knock} of
 * {@code /sync}, and {@code /leave} retracts it.
 *
 * <p>The room is named as {@code /join/{roomIdOrAlias}} names it ({@link JoinRoomHandler#roomIdOf}).
 * A room this server is not in needs the federation's make_knock / send_knock: 404
 * {@code M_NOT_FOUND} saying so.
 */
public final class KnockRoomHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        JsonBody body = ClientChecks.optionalObjectBody(call);
        String reason = body.optString("reason");
        String roomId = JoinRoomHandler.roomIdOf(call, call.param("roomIdOrAlias"));
        call.storage().beginWrite();
        LocalEvents local = new LocalEvents(StepContext.of(call));
        RoomStore.Room room = local.rooms().find(roomId);
        if (room == null) {
            throw new MatrixError(404, "M_NOT_FOUND", "This server is not in room " + RoomAccess.shorten(roomId)
                    + ", and knocking over the federation is not supported yet");
        }
        String me = call.auth().userId();
        local.send(room, me, "m.room.member", me, RoomAccess.memberContent(call, me, "knock", reason));
        return Responses.ok(Json.object().put("room_id", roomId));
    }
}
