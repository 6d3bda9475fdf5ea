package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.rooms.Receipts;

// Spec: client-server API, POST /_matrix/client/v3/rooms/{roomId}/read_markers (read_markers.yaml),
// "Fully read markers".

/**
 * {@code POST /rooms/{roomId}/read_markers}: any of {@code m.fully_read} (the fully read marker,
 * room account data of the caller), {@code m.read} and {@code m.read.private} (unthreaded
 * receipts, exactly as {@link ReceiptHandler} sets them). Each value must be an event ID of the
 * room (400 {@code M_BAD_JSON} when not a string, 404 {@code M_NOT_FOUND} when not in the room);
 * the caller must have joined it (403 {@code M_FORBIDDEN}). Nothing is set unless all are valid.
 */
public final class ReadMarkersHandler implements Handler {

    private static final String[] FIELDS = {ReceiptHandler.FULLY_READ, Receipts.READ, Receipts.READ_PRIVATE};

    @Override
    public Outcome handle(Call call) {
        for (String field : FIELDS) {
            JsonNode v = call.body().node().get(field);
            if (v != null && !v.isTextual()) {
                throw MatrixError.badJson("'" + field + "' must be an event ID");
            }
        }
        String roomId = call.param("roomId");
        JoinedRoom access = JoinedRoom.of(call, roomId);
        for (String field : FIELDS) {
            JsonNode v = call.body().node().get(field);
            if (v != null) {
                ReceiptHandler.mark(call, access, roomId, field, v.textValue(), "");
            }
        }
        return Responses.emptyObject();
    }
}
