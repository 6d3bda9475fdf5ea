package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.Events;
import org.hotroom.logic.account.AccountData;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonRejectedException;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.rooms.Receipts;

// Spec: client-server API, POST /_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}
// (receipts.yaml), "Receipts", "Fully read markers".

/**
 * {@code POST /rooms/{roomId}/receipt/{receiptType}/{eventId}}: {@code m.read} and
 * {@code m.read.private} receipts ({@link Receipts}), optionally in a thread ({@code thread_id}:
 * {@code main} or a thread root's event ID), and {@code m.fully_read}, which sets the fully read
 * marker in the caller's room account data as {@code /read_markers} does.
 *
 * <ul>
 *   <li>Another receipt type, or a {@code thread_id} that is not a non-empty string or comes with
 *       {@code m.fully_read}: 400 {@code M_INVALID_PARAM}.</li>
 *   <li>The caller must have joined the room (403 {@code M_FORBIDDEN}); the event must be one of
 *       the room's (404 {@code M_NOT_FOUND}).</li>
 *   <li>A receipt for an event that is not later in the timeline than the caller's current one
 *       of the same type and thread changes nothing ("up to" markers only move forwards).</li>
 * </ul>
 * The body may be empty.
 */
public final class ReceiptHandler implements Handler {

    static final String FULLY_READ = "m.fully_read";
    static final int MAX_THREAD_ID_BYTES = 255;

    @Override
    public Outcome handle(Call call) {
        String type = call.param("receiptType");
        if (!type.equals(Receipts.READ) && !type.equals(Receipts.READ_PRIVATE) && !type.equals(FULLY_READ)) {
            throw MatrixError.invalidParam("Unknown receipt type; expected m.read, m.read.private or m.fully_read");
        }
        ObjectNode body = body(call);
        String thread = "";
        JsonNode t = body.get("thread_id");
        if (t != null) {
            if (!t.isTextual() || t.textValue().isEmpty()
                    || t.textValue().getBytes(StandardCharsets.UTF_8).length > MAX_THREAD_ID_BYTES) {
                throw MatrixError.invalidParam("thread_id field must be a non-empty string");
            }
            if (type.equals(FULLY_READ)) {
                throw MatrixError.invalidParam("thread_id is not allowed with m.fully_read");
            }
            thread = t.textValue();
            if (!thread.equals("main") && !thread.startsWith("$")) {
                throw MatrixError.invalidParam("thread_id must be 'main' or the event ID of a thread root");
            }
        }
        String roomId = call.param("roomId");
        JoinedRoom access = JoinedRoom.of(call, roomId);
        mark(call, access, roomId, type, call.param("eventId"), thread);
        return Responses.emptyObject();
    }

    /** Sets a receipt or the fully read marker of the caller at {@code eventId}. */
    static void mark(Call call, JoinedRoom access, String roomId, String type, String eventId, String thread) {
        Events events = call.storage().events();
        long event = events.find(eventId);
        EventMeta meta = event == 0 ? null : events.meta(event);
        if (meta == null || meta.room() != access.room()) {
            throw new MatrixError(404, "M_NOT_FOUND", "No event " + shorten(eventId) + " in this room");
        }
        if (type.equals(FULLY_READ)) {
            ObjectNode content = Json.object();
            content.put("event_id", eventId);
            new AccountData(call.storage()).put(call.auth().localpart(), roomId, FULLY_READ, content);
            return;
        }
        Receipts receipts = new Receipts(call.storage());
        Receipts.Receipt current = receipts.get(access.room(), access.user(), type, thread);
        if (current != null) {
            long was = events.find(current.eventId());
            EventMeta wasMeta = was == 0 ? null : events.meta(was);
            if (was == event || (wasMeta != null && wasMeta.ordering() >= meta.ordering() && meta.ordering() != 0)) {
                return;
            }
        }
        receipts.put(access.room(), access.user(), type, thread, eventId, call.now());
    }

    private static ObjectNode body(Call call) {
        byte[] raw = call.request().body();
        if (raw.length == 0) {
            return Json.object();
        }
        try {
            return StrictJson.parseObject(raw);
        } catch (JsonRejectedException e) {
            throw e.reason() == JsonRejectedException.Reason.NOT_JSON
                    ? MatrixError.notJson(e.getMessage()) : MatrixError.badJson(e.getMessage());
        }
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
