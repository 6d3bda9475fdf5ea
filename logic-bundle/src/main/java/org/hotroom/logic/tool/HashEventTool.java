package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.event.EventHashes;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RoomVersion;

/**
 * {@code hash-event}: {@code {"room_version": V, "event": {...}}} to
 * {@code {"event": {... with hashes.sha256 set}, "event_id": "$..."}}, plus {@code "room_id"} for
 * the {@code m.room.create} event of a v12 room (its room ID is derived from it).
 *
 * <p>The event is validated as a PDU of the room version that is not signed yet
 * ({@link Pdu#draft}): {@code hashes} is ignored on input, {@code signatures} may be absent. The
 * content hash is computed (server-server API "Calculating the content hash for an event") and
 * set as {@code hashes.sha256}; other keys of an existing {@code hashes} object are kept, and so
 * are existing {@code signatures} (which no longer match if anything changed: sign again). The
 * event ID is the event's own {@code event_id} in v1 and v2, else the reference hash of the
 * hashed event in the version's base64.
 */
public final class HashEventTool implements Tool {

    @Override
    public String name() {
        return "hash-event";
    }

    @Override
    public String synopsis() {
        return "{\"room_version\": V, \"event\": PDU} -> {\"event\": PDU with hashes.sha256, \"event_id\": ID[, \"room_id\": ID (v12 create)]}";
    }

    @Override
    public ObjectNode handle(ToolRequest request) {
        RoomVersion version = request.roomVersion();
        ObjectNode event = request.requireObject("event").deepCopy();
        Pdu unhashed = Pdu.draft(version, event);
        String sha256 = EventHashes.encodeHash(unhashed.contentHash());

        ObjectNode hashed = event.deepCopy();
        JsonNode oldHashes = hashed.get("hashes");
        ObjectNode hashes = oldHashes instanceof ObjectNode o ? o : Json.object();
        hashes.put("sha256", sha256);
        hashed.set("hashes", hashes);
        Pdu pdu = Pdu.draft(version, hashed); // checks the size again, now with the hash

        ObjectNode out = Json.object();
        out.set("event", pdu.json());
        out.put("event_id", pdu.eventId());
        if (version.roomIdIsCreateEventHash() && Pdu.CREATE.equals(pdu.type())) {
            out.put("room_id", pdu.roomId());
        }
        return out;
    }
}
