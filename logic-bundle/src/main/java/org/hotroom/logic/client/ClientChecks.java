package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.json.JsonRejectedException;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.room.RoomVersions;

/** Checks shared by the client handlers. */
final class ClientChecks {

    private ClientChecks() {}

    /**
     * 403 {@code M_FORBIDDEN} unless the {@code userId} path parameter is the caller's own user ID
     * (account data, filters, profile changes: "The access token must be authorised to make
     * requests for this user ID").
     */
    static void requireSelf(Call call, String what) {
        if (!call.param("userId").equals(call.auth().userId())) {
            throw MatrixError.forbidden("Cannot " + what + " for other users");
        }
    }

    /** Whether {@code s} is a room ID of some room version: {@code !opaque:domain} (v1-v11) or {@code !hash} (v12). */
    static boolean isRoomId(String s) {
        return Identifiers.roomIdError(RoomVersions.V11, s) == null || Identifiers.roomIdError(RoomVersions.V12, s) == null;
    }

    /**
     * 400 {@code M_BAD_JSON} for a value that has no canonical JSON form (a fraction, an integer
     * beyond 2^53): everything stored is written and served as canonical JSON.
     */
    static <T extends JsonNode> T canonical(T value, String what) {
        try {
            CanonicalJson.encode(value);
            return value;
        } catch (CanonicalJson.CanonicalJsonException e) {
            throw MatrixError.badJson(what + " cannot be stored: " + e.getMessage());
        }
    }

    /**
     * The body of an endpoint whose JSON body may be left out (a client's first, unauthenticated
     * attempt at {@code DELETE /devices/{deviceId}} often sends none): empty means {@code {}}.
     */
    static JsonBody optionalObjectBody(Call call) {
        byte[] body = call.request().body();
        if (body.length == 0) {
            return JsonBody.of(Json.object());
        }
        try {
            ObjectNode o = StrictJson.parseObject(body);
            return JsonBody.of(o);
        } catch (JsonRejectedException e) {
            throw e.reason() == JsonRejectedException.Reason.NOT_JSON
                    ? MatrixError.notJson(e.getMessage())
                    : MatrixError.badJson(e.getMessage());
        }
    }
}
