package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.Memberships;

// Spec: client-server API, "Room membership" — GET /_matrix/client/v3/joined_rooms.

/** {@code {"joined_rooms": [...]}}: the rooms the caller is joined to ({@link Memberships}). */
public final class JoinedRoomsHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        ObjectNode body = Json.object();
        body.set("joined_rooms", Json.strings(new Memberships(call.storage()).joinedRoomIds(call.auth().userId())
                .toArray(String[]::new)));
        return Responses.ok(body);
    }
}
