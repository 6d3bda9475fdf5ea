package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.LocalEvents;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StepContext;
import org.hotroom.logic.rooms.StoredEvent;
import org.hotroom.logic.rooms.TransactionIds;

// Spec: client-server API, "Sending events to a room" — PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId};
// "Redactions" — PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}.

/**
 * Sends a message event (the body is its content), or a redaction, as the caller.
 *
 * <ul>
 *   <li>Idempotent per device, endpoint and transaction ID ({@link TransactionIds}): a repeated
 *       request answers the first event's ID and sends nothing. The event's
 *       {@code unsigned.transaction_id} is shown to the sending device only.</li>
 *   <li>{@code m.room.redaction} may be sent here in every room version: {@code content.redacts}
 *       names the target, moved to the top level before room version 11.</li>
 *   <li>The event a redaction names must be an event ID as the room's version makes them (400
 *       {@code M_INVALID_PARAM}); one this server has not seen may be redacted (it may arrive
 *       later).</li>
 *   <li>A redaction of another user's event needs the room's {@code redact} power level (403
 *       {@code M_FORBIDDEN}); one's own events need only the level for sending redactions, which
 *       the authorisation rules check.</li>
 *   <li>Unknown room: 404 {@code M_NOT_FOUND}; not allowed by the rules (not joined, too little
 *       power): 403 {@code M_FORBIDDEN} with the rule's reason; over 65,536 bytes: 413
 *       {@code M_TOO_LARGE}.</li>
 * </ul>
 */
public final class SendEventHandler implements Handler {

    private final boolean redactEndpoint;

    /** @param variant {@code "redact"} for {@code /redact/{eventId}/{txnId}}, {@code "send"} for {@code /send/{eventType}/{txnId}} */
    public SendEventHandler(String variant) {
        this.redactEndpoint = switch (variant) {
            case "redact" -> true;
            case "send" -> false;
            default -> throw new IllegalArgumentException("SendEventHandler has no variant " + variant);
        };
    }

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        String txnId = call.param("txnId");
        ObjectNode content = ClientChecks.canonical(call.body().node(), "The content").deepCopy();
        String type;
        String redacts = null;
        if (redactEndpoint) {
            type = "m.room.redaction";
            redacts = call.param("eventId");
            content.remove("redacts");
        } else {
            type = call.param("eventType");
            if (type.equals("m.room.redaction")) {
                JsonNode r = content.remove("redacts");
                if (r == null || !r.isTextual()) {
                    throw MatrixError.badJson("An m.room.redaction needs content.redacts, the ID of the event to redact");
                }
                redacts = r.textValue();
            }
        }
        Authenticated me = call.auth();
        String endpoint = redactEndpoint ? TransactionIds.REDACT : TransactionIds.SEND;

        call.storage().beginWrite();
        TransactionIds txns = new TransactionIds(call.storage().keyValue());
        String earlier = txns.find(endpoint, me.userId(), me.deviceId(), txnId);
        if (earlier != null) {
            return sent(earlier);
        }
        LocalEvents local = new LocalEvents(StepContext.of(call));
        RoomStore rooms = local.rooms();
        RoomStore.Room room = RoomAccess.knownRoom(rooms, roomId);
        StoredEvent e;
        if (redacts != null) {
            String err = Identifiers.eventIdError(room.version(), redacts);
            if (err != null) {
                throw MatrixError.invalidParam("The event to redact, '" + RoomAccess.shorten(redacts)
                        + "', is not an event ID of room version " + room.version().id() + ": " + err);
            }
            StoredEvent target = rooms.event(redacts);
            if (target != null && target.meta().room() == room.id() && !target.sender().equals(me.userId())
                    && !RoomAccess.mayRedactOthers(rooms, room, rooms.currentState(room), me.userId())) {
                throw MatrixError.forbidden("Redacting other users' events needs the room's redact power level");
            }
            e = local.redact(room, me.userId(), redacts, content);
        } else {
            e = local.send(room, me.userId(), type, null, content);
        }
        txns.record(endpoint, me.userId(), me.deviceId(), txnId, e.id(), e.eventId());
        return sent(e.eventId());
    }

    private static Outcome sent(String eventId) {
        return Responses.ok(Json.object().put("event_id", eventId));
    }
}
