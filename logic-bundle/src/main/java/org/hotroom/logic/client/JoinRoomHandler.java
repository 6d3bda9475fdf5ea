package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.PowerLevels;
import org.hotroom.logic.auth.RuleSet;
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
 * and no new event. Joining a {@code restricted} or {@code knock_restricted} room without an
 * invite checks its allow conditions and names the authorising user
 * ({@link #restrictedJoinAuthoriser}).
 *
 * <p>{@code /join/{roomIdOrAlias}} resolves an alias of this server first (404 {@code M_NOT_FOUND}
 * when it is not mapped). A room this server is not in, or an alias of another server, needs a
 * join over the federation ({@link #remoteJoin}), which this server does not do yet: 404
 * {@code M_NOT_FOUND} saying so. {@code third_party_signed} is not supported (400).
 */
public final class JoinRoomHandler implements Handler {

    private final boolean idOrAlias;

    /** @param variant {@code "id_or_alias"} for {@code /join/{roomIdOrAlias}}, {@code "room_id"} for {@code /rooms/{roomId}/join} */
    public JoinRoomHandler(String variant) {
        this.idOrAlias = switch (variant) {
            case "id_or_alias" -> true;
            case "room_id" -> false;
            default -> throw new IllegalArgumentException("JoinRoomHandler has no variant " + variant);
        };
    }

    @Override
    public Outcome handle(Call call) {
        JsonBody body = ClientChecks.optionalObjectBody(call);
        String reason = body.optString("reason");
        if (body.has("third_party_signed")) {
            throw MatrixError.badRequest("third_party_signed: third-party invites are not supported by this server");
        }
        String roomId = idOrAlias ? roomIdOf(call, call.param("roomIdOrAlias")) : RoomAccess.requireRoomId(call.param("roomId"));

        call.storage().beginWrite();
        LocalEvents local = new LocalEvents(StepContext.of(call));
        RoomStore.Room room = local.rooms().find(roomId);
        if (room == null) {
            return remoteJoin(call, roomId);
        }
        String me = call.auth().userId();
        ObjectNode content = RoomAccess.memberContent(call, me, "join", reason);
        StateSnapshot state = local.rooms().currentState(room);
        StoredEvent current = local.rooms().stateEvent(state, "m.room.member", me);
        if (current != null && "join".equals(current.membership()) && content.equals(current.content())) {
            return joined(roomId);
        }
        String authoriser = restrictedJoinAuthoriser(call, local.rooms(), room, state, me);
        if (authoriser != null) {
            content.put(EventTypes.AUTHORISING_USER, authoriser);
        }
        local.send(room, me, "m.room.member", me, content);
        return joined(roomId);
    }

    /**
     * For a join without an invite to a {@code restricted} (or {@code knock_restricted}) room, in a
     * room version that has them: the joined user of this server who authorises it (client-server
     * API "Restricted rooms": "the server MUST verify that the requesting user meets at least one
     * of the conditions"), named in {@code join_authorised_via_users_server}. The condition
     * {@code m.room_membership} is met when the caller is joined to its room, which this server
     * must be in to tell. 403 {@code M_FORBIDDEN} when no condition is met, or no user of this
     * server with the invite level is joined to authorise. Null when the join needs no authoriser.
     */
    private static String restrictedJoinAuthoriser(Call call, RoomStore rooms, RoomStore.Room room, StateSnapshot state,
                                                   String me) {
        RuleSet rules = RuleSet.forVersion(room.version().id());
        JsonNode joinRules = rooms.stateContent(state, "m.room.join_rules", "");
        String rule = joinRules == null ? null : joinRules.path("join_rule").textValue();
        boolean restricted = rules.restrictedJoins() && (EventTypes.RESTRICTED.equals(rule)
                || (rules.knockRestricted() && EventTypes.KNOCK_RESTRICTED.equals(rule)));
        String membership = rooms.membership(state, me);
        if (!restricted || "join".equals(membership) || "invite".equals(membership) || "ban".equals(membership)) {
            return null; // the rules decide without an authoriser
        }
        boolean met = false;
        JsonNode allow = joinRules.get("allow");
        if (allow != null && allow.isArray()) {
            for (JsonNode condition : allow) {
                JsonNode other = condition.get("room_id");
                if ("m.room_membership".equals(condition.path("type").textValue()) && other != null && other.isTextual()) {
                    RoomStore.Room r = rooms.find(other.textValue());
                    if (r != null && "join".equals(rooms.membership(rooms.currentState(r), me))) {
                        met = true;
                        break;
                    }
                }
            }
        }
        if (!met) {
            throw MatrixError.forbidden("You do not belong to any of the rooms this room's join rules (" + rule
                    + ") allow; joining it needs an invite");
        }
        PowerLevels levels;
        try {
            levels = PowerLevels.of(rules, rooms.authState(state));
        } catch (PowerLevels.UnreadablePowerLevelException e) {
            throw MatrixError.forbidden("The room's power levels cannot be read, so no one can authorise the join");
        }
        String best = null;
        long bestLevel = Long.MIN_VALUE;
        for (StoredEvent m : rooms.members(state)) {
            String user = m.stateKey();
            if ("join".equals(m.membership()) && RoomAccess.isLocal(call, user)) {
                long level = levels.userLevel(user);
                if (level >= levels.inviteLevel() && (level > bestLevel || (level == bestLevel && user.compareTo(best) < 0))) {
                    best = user;
                    bestLevel = level;
                }
            }
        }
        if (best == null) {
            throw MatrixError.forbidden("No user of this server who may invite is in the room to authorise the join");
        }
        return best;
    }

    /**
     * The room ID of a {@code roomIdOrAlias} path parameter: a room ID as it is (400
     * {@code M_INVALID_PARAM} when malformed), an alias of this server resolved (404
     * {@code M_NOT_FOUND} when unmapped; another server's needs the federation: 404 saying so).
     */
    static String roomIdOf(Call call, String target) {
        if (!target.startsWith("#")) {
            return RoomAccess.requireRoomId(target);
        }
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
        return t.roomId();
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
