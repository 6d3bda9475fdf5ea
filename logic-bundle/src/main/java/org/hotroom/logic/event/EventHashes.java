package org.hotroom.logic.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RoomVersion;

/**
 * Content hashes, reference hashes, event IDs and (room v12) room IDs, on event JSON of any
 * validity: callers that need a valid event use {@link Pdu}, which calls these.
 */
public final class EventHashes {

    private static final Base64.Encoder STANDARD = Base64.getEncoder().withoutPadding();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private EventHashes() {}

    /**
     * The content hash (server-server API "Calculating the content hash for an event"): "any
     * existing {@code unsigned}, {@code signatures}, and {@code hashes} properties are removed. The
     * resulting object is then encoded as Canonical JSON, and the JSON is hashed using SHA-256."
     */
    public static byte[] contentHash(RoomVersion version, ObjectNode event) {
        // a shallow copy: the children are shared, read and never modified
        ObjectNode without = Json.object();
        for (Map.Entry<String, JsonNode> e : event.properties()) {
            String k = e.getKey();
            if (!k.equals("unsigned") && !k.equals("signatures") && !k.equals("hashes")) {
                without.set(k, e.getValue());
            }
        }
        return sha256(EventJson.encode(version, without));
    }

    /**
     * The reference hash (server-server API "Calculating the reference hash for an event"): the
     * event is redacted, {@code signatures} and {@code unsigned} are removed, the rest is encoded as
     * canonical JSON and hashed with SHA-256.
     */
    public static byte[] referenceHash(RoomVersion version, ObjectNode event) {
        ObjectNode redacted = Redaction.redact(version, event, false);
        redacted.remove("signatures");
        redacted.remove("unsigned");
        return sha256(EventJson.encode(version, redacted));
    }

    /**
     * The event ID that a reference hash makes in {@code version}: {@code $} + unpadded base64,
     * standard in v3 (rooms/v3 "Event IDs"), URL-safe from v4 (fragment v4-event-ids).
     *
     * @throws IllegalArgumentException in v1 and v2, whose event IDs are not hashes
     */
    public static String eventId(RoomVersion version, byte[] referenceHash) {
        return switch (version.eventFormat()) {
            case V1 -> throw new IllegalArgumentException(version + " event IDs are not reference hashes");
            case V2 -> "$" + STANDARD.encodeToString(referenceHash);
            case V3 -> "$" + URL_SAFE.encodeToString(referenceHash);
        };
    }

    /**
     * The room ID of a room whose create event has {@code createEventId} (room v12, appendices
     * "Room IDs": "the event ID of the m.room.create event using ! as the sigil instead of $").
     */
    public static String roomIdFromCreateEventId(String createEventId) {
        if (createEventId.isEmpty() || createEventId.charAt(0) != '$') {
            throw new IllegalArgumentException("not an event ID: " + createEventId);
        }
        return "!" + createEventId.substring(1);
    }

    /** The create event ID that a v12 room ID stands for ({@code !x} to {@code $x}). */
    public static String createEventIdFromRoomId(String roomId) {
        if (roomId.isEmpty() || roomId.charAt(0) != '!') {
            throw new IllegalArgumentException("not a room ID: " + roomId);
        }
        return "$" + roomId.substring(1);
    }

    /** A hash as events carry it in {@code hashes.sha256}: standard unpadded base64. */
    public static String encodeHash(byte[] hash) {
        return STANDARD.encodeToString(hash);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
