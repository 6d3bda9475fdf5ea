package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.rooms.LocalEvents;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StepContext;

// Spec: client-server API, "Room membership" — POST /_matrix/client/v3/rooms/{roomId}/leave, .../invite,
// .../kick, .../ban and .../unban.

/**
 * Membership changes by a room's members, each an {@code m.room.member} event with the optional
 * {@code reason}, decided by the authorisation rules (403 {@code M_FORBIDDEN} with the rule's
 * reason):
 * <ul>
 *   <li>{@code leave}: the caller's own {@code leave} (leaving, rejecting an invite, retracting a
 *       knock); a caller who already left gets 200 and no new event;</li>
 *   <li>{@code invite}: {@code user_id} invited, with their display name and avatar; already
 *       invited is 200 and no new event. Users of other servers need the federation (403); a
 *       local user without an account is 404;</li>
 *   <li>{@code kick}: {@code user_id} set to {@code leave}; 403 when they are not in the room
 *       (joined, invited or knocking);</li>
 *   <li>{@code ban}: {@code user_id} set to {@code ban};</li>
 *   <li>{@code unban}: {@code user_id} set to {@code leave}; 403 when they are not banned.</li>
 * </ul>
 * An unknown room is 404 {@code M_NOT_FOUND}; a malformed {@code user_id} 400
 * {@code M_INVALID_PARAM}, a missing one 400 {@code M_BAD_JSON}. The answer is {@code {}}.
 */
public final class MembershipHandler implements Handler {

    /** The endpoint. */
    public enum Action { LEAVE, INVITE, KICK, BAN, UNBAN }

    private final Action action;

    /** @param variant the action in lower case: {@code "leave"}, {@code "invite"}, {@code "kick"}, {@code "ban"}, {@code "unban"} */
    public MembershipHandler(String variant) {
        this.action = switch (variant) {
            case "leave" -> Action.LEAVE;
            case "invite" -> Action.INVITE;
            case "kick" -> Action.KICK;
            case "ban" -> Action.BAN;
            case "unban" -> Action.UNBAN;
            default -> throw new IllegalArgumentException("MembershipHandler has no variant " + variant);
        };
    }

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        JsonBody body = ClientChecks.optionalObjectBody(call);
        String reason = body.optString("reason");
        String me = call.auth().userId();
        String target = action == Action.LEAVE ? me : RoomAccess.requireUserId(body.requireString("user_id"));
        call.storage().beginWrite();
        LocalEvents local = new LocalEvents(StepContext.of(call));
        RoomStore rooms = local.rooms();
        RoomStore.Room room = RoomAccess.knownRoom(rooms, roomId);
        StateSnapshot state = rooms.currentState(room);
        if (action == Action.INVITE) {
            // the inviter's own membership first: someone outside the room learns nothing, not
            // even which users this server has (the spec's only refusal here is 403)
            if (!"join".equals(rooms.membership(state, me))) {
                throw MatrixError.forbidden("You are not in the room, so you cannot invite anyone to it");
            }
            RoomAccess.requireLocalInvitee(call, target);
        }
        String current = rooms.membership(state, target);
        ObjectNode content;
        switch (action) {
            case LEAVE -> {
                if ("leave".equals(current)) {
                    return Responses.emptyObject();
                }
                content = member("leave", reason);
            }
            case INVITE -> {
                if ("invite".equals(current)) {
                    return Responses.emptyObject();
                }
                content = RoomAccess.memberContent(call, target, "invite", reason);
            }
            case KICK -> {
                if (!"join".equals(current) && !"invite".equals(current) && !"knock".equals(current)) {
                    throw MatrixError.forbidden("The user " + RoomAccess.shorten(target) + " is not in the room");
                }
                content = member("leave", reason);
            }
            case BAN -> content = member("ban", reason);
            case UNBAN -> {
                if (!"ban".equals(current)) {
                    throw MatrixError.forbidden("The user " + RoomAccess.shorten(target) + " is not banned from the room");
                }
                content = member("leave", reason);
            }
            default -> throw new IllegalStateException("unknown action " + action);
        }
        local.send(room, me, "m.room.member", target, content);
        return Responses.emptyObject();
    }

    private static ObjectNode member(String membership, String reason) {
        ObjectNode content = Json.object().put("membership", membership);
        if (reason != null) {
            content.put("reason", reason);
        }
        return content;
    }
}
