package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RoomVersion;

/**
 * {@code redact}: {@code {"room_version": V, "event": {...}}} to {@code {"event": {...redacted...}}},
 * by the redaction algorithm of the room version ({@link org.hotroom.logic.event.Redaction}). The
 * event is validated as a PDU first ({@link Pdu#draft}: it may be unsigned and unhashed).
 */
public final class RedactTool implements Tool {

    @Override
    public String name() {
        return "redact";
    }

    @Override
    public String synopsis() {
        return "{\"room_version\": V, \"event\": PDU} -> {\"event\": redacted PDU}";
    }

    @Override
    public ObjectNode handle(ToolRequest request) {
        RoomVersion version = request.roomVersion();
        Pdu pdu = Pdu.draft(version, request.requireObject("event").deepCopy());
        ObjectNode out = Json.object();
        out.set("event", pdu.redacted().json());
        return out;
    }
}
