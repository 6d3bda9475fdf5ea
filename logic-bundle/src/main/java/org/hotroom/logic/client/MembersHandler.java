package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.ClientEvents;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StoredEvent;
import org.hotroom.logic.sync.SyncToken;

// Spec: client-server API, "Getting events for a room" — GET /_matrix/client/v3/rooms/{roomId}/members.

/**
 * The room's {@code m.room.member} events as {@code {"chunk": [...]}}, from the state the caller
 * may read (current when joined, at their leave when they left; 403 otherwise, as
 * {@link RoomStateHandler}).
 *
 * <p>{@code membership} keeps members with that membership, {@code not_membership} drops those
 * with it; given together they are an "or" (the spec's wording). Each is one of {@code join},
 * {@code invite}, {@code knock}, {@code leave}, {@code ban} (400 {@code M_INVALID_PARAM}
 * otherwise). {@code at}, a {@code /sync} or {@code /messages} token (400 {@code M_INVALID_PARAM}
 * when it is not one), takes the members from the state at that place in the timeline instead
 * (the state after the last event at or before it; for a member who left, never later than their
 * departure); a token from before the room's first event gives no members.
 */
public final class MembersHandler implements Handler {

    private static final Set<String> MEMBERSHIPS = Set.of("join", "invite", "knock", "leave", "ban");

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        String membership = membershipParam(call, "membership");
        String notMembership = membershipParam(call, "not_membership");
        String atParam = call.query().first("at");
        Long at = atParam == null || atParam.isEmpty() ? null : SyncToken.parse(atParam, "at");
        RoomStore rooms = new RoomStore(call.storage());
        StateSnapshot state = RoomAccess.readableState(rooms, roomId, call.auth().userId(), at);
        ClientEvents clientEvents = ClientEvents.of(call);
        ArrayNode chunk = Json.array();
        for (StoredEvent e : state == null ? List.<StoredEvent>of() : rooms.members(state)) {
            String m = e.membership();
            boolean keep;
            if (membership == null && notMembership == null) {
                keep = true;
            } else {
                keep = (membership != null && membership.equals(m)) || (notMembership != null && !notMembership.equals(m));
            }
            if (keep) {
                chunk.add(clientEvents.format(e.id()));
            }
        }
        ObjectNode body = Json.object();
        body.set("chunk", chunk);
        return Responses.ok(body);
    }

    private static String membershipParam(Call call, String name) {
        String v = call.query().first(name);
        if (v != null && !MEMBERSHIPS.contains(v)) {
            throw MatrixError.invalidParam(name + " must be one of join, invite, knock, leave, ban");
        }
        return v;
    }
}
