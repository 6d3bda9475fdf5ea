package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.rooms.LocalEvents;
import org.hotroom.logic.rooms.RoomAliases;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StepContext;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "Room membership" / "Joining rooms" — POST /_matrix/client/v3/rooms/{roomId}/join
// and POST /_matrix/client/v3/join/{roomIdOrAlias}.

/**
 * Joins the caller to a room: an {@code m.room.member} join with their display name and avatar
 * and the optional {@code reason}, let in by the authorisation rules (403 {@code M_FORBIDDEN}
 * with the rule's reason when the room is invite-only and they were not invited, when they are
 * banned, ...). A caller already joined with the same member event content gets the room ID back
 * and no new event.
 *
 * <p>{@code /join/{roomIdOrAlias}} resolves an alias of this server first (404 {@code M_NOT_FOUND}
 * when it is not mapped). A room this server is not in, or an alias of another server, needs a
 * join over the federation ({@link #remoteJoin}), which this server does not do yet: 404
 * {@code M_NOT_FOUND} saying so. {@code third_party_signed} is not supported (400).
 */
public final class JoinRoomHandler implements Handler {

    private final boolean idOrAlias;

    /** @param idOrAlias true for {@code /join/{roomIdOrAlias}}, false for {@code /rooms/{roomId}/join} */
    public JoinRoomHandler(boolean idOrAlias) {
        this.idOrAlias = idOrAlias;
    }

    @Override
    public Outcome handle(Call call) {
        JsonBody body = ClientChecks.optionalObjectBody(call);
        String reason = body.optString("reason");
        if (body.has("third_party_signed")) {
            throw MatrixError.badRequest("third_party_signed: third-party invites are not supported by this server");
        }
        String target = idOrAlias ? call.param("roomIdOrAlias") : call.param("roomId");
        String roomId;
        if (idOrAlias && target.startsWith("#")) {
            String err = RoomAliases.aliasError(target);
            if (err != null) {
                throw MatrixError.invalidParam("Room alias invalid: " + err);
            }
            if (!RoomAliases.serverOf(target).equals(call.serverName())) {
                throw new MatrixError(404, "M_NOT_FOUND", "Room alias " + RoomAccess.shorten(target)
                        + " is on another server: resolving it needs the federation, which this server does not support yet");
            }
            RoomAliases.Target t = new RoomAliases(call.storage().keyValue()).get(target);
            if (t == null) {
                throw new MatrixError(404, "M_NOT_FOUND", "Room alias " + RoomAccess.shorten(target) + " not found");
            }
            roomId = t.roomId();
        } else {
            roomId = RoomAccess.requireRoomId(target);
        }

        call.storage().beginWrite();
        LocalEvents local = new LocalEvents(StepContext.of(call));
        RoomStore.Room room = local.rooms().find(roomId);
        if (room == null) {
            return remoteJoin(call, roomId);
        }
        String me = call.auth().userId();
        ObjectNode content = RoomAccess.memberContent(call, me, "join", reason);
        StoredEvent current = local.rooms().stateEvent(local.rooms().currentState(room), "m.room.member", me);
        if (current != null && "join".equals(current.membership()) && content.equals(current.content())) {
            return joined(roomId);
        }
        local.send(room, me, "m.room.member", me, content);
        return joined(roomId);
    }

    /**
     * Joining a room this server is not in: the federation's make_join / send_join handshake, which
     * will run here as steps (each {@code Fetch} outcome followed by a step that reads
     * {@code call.exchange().fetched(...)}), with the servers of {@code via} or the alias.
     */
    private static Outcome remoteJoin(Call call, String roomId) {
        throw new MatrixError(404, "M_NOT_FOUND", "This server is not in room " + RoomAccess.shorten(roomId)
                + ", and federation joins are not supported yet");
    }

    private static Outcome joined(String roomId) {
        return Responses.ok(Json.object().put("room_id", roomId));
    }
}
