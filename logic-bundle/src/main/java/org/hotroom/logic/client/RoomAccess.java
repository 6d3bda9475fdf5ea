package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.account.Profiles;
import org.hotroom.logic.auth.PowerLevels;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.HistoryVisibility;
import org.hotroom.logic.rooms.Memberships;
import org.hotroom.logic.rooms.RoomStore;

/** What the room handlers share: parameter checks, who may read what, member event content. */
final class RoomAccess {

    private RoomAccess() {}

    /** The {@code roomId} path parameter; 400 {@code M_INVALID_PARAM} when it is not a room ID. */
    static String roomId(Call call) {
        return requireRoomId(call.param("roomId"));
    }

    static String requireRoomId(String roomId) {
        if (!ClientChecks.isRoomId(roomId)) {
            throw MatrixError.invalidParam("'" + shorten(roomId) + "' is not a room ID");
        }
        return roomId;
    }

    /** A user ID from a request; 400 {@code M_INVALID_PARAM} when it is not one. */
    static String requireUserId(String userId) {
        String err = Identifiers.userIdError(userId);
        if (err != null) {
            throw MatrixError.invalidParam("'" + shorten(userId) + "' " + err);
        }
        return userId;
    }

    /** 404 {@code M_NOT_FOUND} "Unknown room" when this server is not in {@code roomId}. */
    static RoomStore.Room knownRoom(RoomStore rooms, String roomId) {
        RoomStore.Room room = rooms.find(roomId);
        if (room == null) {
            throw new MatrixError(404, "M_NOT_FOUND", "Unknown room " + shorten(roomId) + ": this server is not in it");
        }
        return room;
    }

    static MatrixError notAMember() {
        return MatrixError.forbidden("You aren't a member of the room and weren't previously a member of the room");
    }

    /**
     * The state {@code userId} may read ({@code GET /state}, {@code /members}): the current state
     * when they are joined or the room is {@code world_readable}; the state when they left (after
     * their leave, kick or ban) when they were a member; otherwise 403 {@code M_FORBIDDEN}. An
     * unknown room is the same 403.
     */
    static StateSnapshot readableState(RoomStore rooms, String roomId, String userId) {
        return readableState(rooms, roomId, userId, null);
    }

    /**
     * Like {@link #readableState(RoomStore, String, String)}, at a place in the room's timeline:
     * with {@code position} (a {@code /sync} or {@code /messages} token's position, null for
     * now), the state after the last timeline event at or before it, and never later than the
     * departure of a member who left; null when the room has no event that early.
     */
    static StateSnapshot readableState(RoomStore rooms, String roomId, String userId, Long position) {
        RoomStore.Room room = rooms.find(roomId);
        if (room == null) {
            throw notAMember();
        }
        StateSnapshot current = rooms.currentState(room);
        String membership = rooms.membership(current, userId);
        if ("join".equals(membership) || new HistoryVisibility(rooms).visibility(current).equals("world_readable")) {
            return position == null ? current : stateAt(rooms, room, position);
        }
        Memberships.Membership m = new Memberships(rooms.storage()).get(userId, room.id());
        if (m != null && (m.membership().equals("leave") || m.membership().equals("ban"))) {
            long left = rooms.storage().events().find(m.eventId());
            StateSnapshot then = left == 0 ? null : rooms.storage().eventStates().after(left);
            if (then != null && wasJoinedBefore(rooms, userId, left)) {
                return position == null || position >= m.ordering() ? then : stateAt(rooms, room, position);
            }
        }
        throw notAMember();
    }

    /**
     * The room's state after its last timeline event at or before {@code position} (rejected and
     * outlier events left out); null when it has none that early.
     */
    private static StateSnapshot stateAt(RoomStore rooms, RoomStore.Room room, long position) {
        long[] found = {0};
        long from = position == Long.MAX_VALUE ? Long.MAX_VALUE : position + 1;
        rooms.storage().events().timeline(room.id(), from, false, (at, event) -> {
            EventMeta meta = rooms.storage().events().meta(event);
            if (meta != null && !meta.has(EventMeta.REJECTED) && !meta.has(EventMeta.OUTLIER)) {
                found[0] = event;
                return false;
            }
            return true;
        });
        return found[0] == 0 ? null : rooms.storage().eventStates().after(found[0]);
    }

    /** Whether the user was joined just before the leave or ban {@code event}. */
    private static boolean wasJoinedBefore(RoomStore rooms, String userId, long event) {
        StateSnapshot before = rooms.storage().eventStates().before(event);
        return before != null && "join".equals(rooms.membership(before, userId));
    }

    /** 403 {@code M_FORBIDDEN} unless {@code userId} is joined to the room in {@code state}. */
    static void requireJoined(RoomStore rooms, StateSnapshot state, String userId) {
        if (!"join".equals(rooms.membership(state, userId))) {
            throw MatrixError.forbidden("You are not joined to this room");
        }
    }

    /** Whether {@code userId} is joined in {@code state} and has the level a state event of {@code type} needs. */
    static boolean maySendState(RoomStore rooms, RoomStore.Room room, StateSnapshot state, String userId, String type) {
        try {
            PowerLevels levels = PowerLevels.of(RuleSet.forVersion(room.version().id()), rooms.authState(state));
            return "join".equals(rooms.membership(state, userId))
                    && levels.userLevel(userId) >= levels.requiredLevel(type, true);
        } catch (PowerLevels.UnreadablePowerLevelException e) {
            return false;
        }
    }

    /** Whether {@code userId} has the {@code redact} level in {@code state}. */
    static boolean mayRedactOthers(RoomStore rooms, RoomStore.Room room, StateSnapshot state, String userId) {
        try {
            PowerLevels levels = PowerLevels.of(RuleSet.forVersion(room.version().id()), rooms.authState(state));
            return levels.userLevel(userId) >= levels.redactLevel();
        } catch (PowerLevels.UnreadablePowerLevelException e) {
            return false;
        }
    }

    /**
     * The content of a member event for {@code userId}: {@code membership}, the optional
     * {@code reason}, and for this server's users their {@code displayname} and {@code avatar_url}
     * ("when homeservers emit room membership events for their own users, they should include the
     * display name and avatar URL").
     */
    static ObjectNode memberContent(Call call, String userId, String membership, String reason) {
        ObjectNode content = Json.object();
        content.put("membership", membership);
        if (reason != null) {
            content.put("reason", reason);
        }
        if (isLocal(call, userId)) {
            String localpart = userId.substring(1, userId.indexOf(':'));
            if (new AccountStore(call.storage().keyValue()).exists(localpart)) {
                ObjectNode profile = new Profiles(call.storage().keyValue()).profile(localpart);
                for (String field : new String[] {Profiles.DISPLAYNAME, Profiles.AVATAR_URL}) {
                    JsonNode v = profile.get(field);
                    if (v != null && v.isTextual()) {
                        content.put(field, v.textValue());
                    }
                }
            }
        }
        return content;
    }

    static boolean isLocal(Call call, String userId) {
        return Identifiers.domainOf(userId).equals(call.serverName());
    }

    /** 404 {@code M_NOT_FOUND} unless {@code userId}, a local user ID, has an account. */
    static void requireLocalAccount(Call call, String userId) {
        String localpart = userId.substring(1, userId.indexOf(':'));
        if (!new AccountStore(call.storage().keyValue()).exists(localpart)) {
            throw new MatrixError(404, "M_NOT_FOUND", "There is no user " + shorten(userId) + " on this server");
        }
    }

    /** 403 for users of other servers: inviting them needs the federation. */
    static void requireLocalInvitee(Call call, String userId) {
        if (!isLocal(call, userId)) {
            throw MatrixError.forbidden("Inviting users of other servers (" + shorten(userId)
                    + ") needs the federation, which this server does not support yet");
        }
        requireLocalAccount(call, userId);
    }

    static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
