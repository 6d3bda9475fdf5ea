package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "Getting events for a room" — GET /_matrix/client/v3/rooms/{roomId}/joined_members.

/**
 * The joined members of a room with their room display name and avatar:
 * {@code {"joined": {"@u:s": {"display_name", "avatar_url"}}}}, each field only when the member
 * event has it as a string. Only for members currently joined: 403 {@code M_FORBIDDEN} for anyone
 * else (an unknown room too).
 */
public final class JoinedMembersHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        RoomStore rooms = new RoomStore(call.storage());
        RoomStore.Room room = rooms.find(roomId);
        if (room == null) {
            throw RoomAccess.notAMember();
        }
        StateSnapshot state = rooms.currentState(room);
        RoomAccess.requireJoined(rooms, state, call.auth().userId());
        ObjectNode joined = Json.object();
        for (StoredEvent e : rooms.members(state)) {
            if ("join".equals(e.membership())) {
                ObjectNode member = joined.putObject(e.stateKey());
                JsonNode name = e.content().get("displayname");
                JsonNode avatar = e.content().get("avatar_url");
                if (name != null && name.isTextual()) {
                    member.put("display_name", name.textValue());
                }
                if (avatar != null && avatar.isTextual()) {
                    member.put("avatar_url", avatar.textValue());
                }
            }
        }
        ObjectNode body = Json.object();
        body.set("joined", joined);
        return Responses.ok(body);
    }
}
