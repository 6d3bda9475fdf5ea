package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.RoomAliases;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "Room aliases" — GET, PUT and DELETE /_matrix/client/v3/directory/room/{roomAlias}.

/**
 * Room aliases of this server ({@link RoomAliases}).
 *
 * <ul>
 *   <li>A malformed alias: 400 {@code M_INVALID_PARAM} "Room alias invalid".</li>
 *   <li>{@code GET} (no access token: the spec's endpoint has no security requirement):
 *       {@code {"room_id", "servers"}}, the servers being those of the room's joined members, this
 *       one first; 404 {@code M_NOT_FOUND} when unmapped. Aliases of other servers need the
 *       federation: 404 saying so.</li>
 *   <li>{@code PUT {"room_id"}}: maps an alias of this server (400 {@code M_INVALID_PARAM} for
 *       another server's) to a room this server is in (404 otherwise) that the caller is joined to
 *       (403 otherwise); 409 {@code M_UNKNOWN} when the alias exists.</li>
 *   <li>{@code DELETE}: removes the mapping (404 when there is none); allowed to the alias's
 *       creator and to members who may change the room's {@code m.room.canonical_alias} (403
 *       otherwise). The canonical alias event is not updated.</li>
 * </ul>
 */
public final class DirectoryAliasHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String alias = call.param("roomAlias");
        String err = RoomAliases.aliasError(alias);
        if (err != null) {
            throw MatrixError.invalidParam("Room alias invalid: " + err);
        }
        boolean local = RoomAliases.serverOf(alias).equals(call.serverName());
        RoomAliases aliases = new RoomAliases(call.storage().keyValue());
        RoomStore rooms = new RoomStore(call.storage());
        switch (call.request().method()) {
            case "GET" -> {
                if (!local) {
                    throw new MatrixError(404, "M_NOT_FOUND", "Room alias " + alias
                            + " is on another server: resolving it needs the federation, which this server does not support yet");
                }
                RoomAliases.Target t = aliases.get(alias);
                if (t == null) {
                    throw notFound(alias);
                }
                ObjectNode body = Json.object().put("room_id", t.roomId());
                body.set("servers", servers(call, rooms, t.roomId()));
                return Responses.ok(body);
            }
            case "PUT" -> {
                String newErr = RoomAliases.newAliasError(alias);
                if (newErr != null) {
                    throw MatrixError.invalidParam("Room alias invalid: " + newErr);
                }
                String roomId = RoomAccess.requireRoomId(call.body().requireString("room_id"));
                if (!local) {
                    throw MatrixError.invalidParam("Room alias " + alias + " is not on this server (" + call.serverName() + ")");
                }
                String me = call.auth().userId();
                call.storage().beginWrite();
                RoomStore.Room room = rooms.find(roomId);
                if (room == null) {
                    throw new MatrixError(404, "M_NOT_FOUND", "Room not found");
                }
                RoomAccess.requireJoined(rooms, rooms.currentState(room), me);
                if (!aliases.put(alias, room.id(), roomId, me)) {
                    throw new MatrixError(409, "M_UNKNOWN", "Room alias " + alias + " already exists.");
                }
                return Responses.emptyObject();
            }
            default -> { // DELETE
                if (!local) {
                    throw MatrixError.invalidParam("Room alias " + alias + " is not on this server (" + call.serverName() + ")");
                }
                String me = call.auth().userId();
                call.storage().beginWrite();
                RoomAliases.Target t = aliases.get(alias);
                if (t == null) {
                    throw notFound(alias);
                }
                RoomStore.Room room = rooms.find(t.roomId());
                boolean allowed = t.creator().equals(me) || (room != null
                        && RoomAccess.maySendState(rooms, room, rooms.currentState(room), me, "m.room.canonical_alias"));
                if (!allowed) {
                    throw MatrixError.forbidden("Only the alias's creator and the room's moderators may delete it");
                }
                aliases.delete(alias, room == null ? call.storage().interner().find(IdKind.ROOM, t.roomId()) : room.id());
                return Responses.emptyObject();
            }
        }
    }

    private static MatrixError notFound(String alias) {
        return new MatrixError(404, "M_NOT_FOUND", "Room alias " + alias + " not found.");
    }

    private static ArrayNode servers(Call call, RoomStore rooms, String roomId) {
        Set<String> servers = new LinkedHashSet<>();
        servers.add(call.serverName());
        RoomStore.Room room = rooms.find(roomId);
        if (room != null) {
            StateSnapshot state = rooms.currentState(room);
            for (StoredEvent e : rooms.members(state)) {
                if ("join".equals(e.membership()) && Identifiers.userIdError(e.stateKey()) == null) {
                    servers.add(Identifiers.domainOf(e.stateKey()));
                }
            }
        }
        return Json.strings(servers.toArray(String[]::new));
    }
}
