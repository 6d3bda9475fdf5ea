package org.hotroom.logic.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The read-only view of an event that the authorisation rules need. The typed event model
 * (org.hotroom.logic.event) adapts onto this; {@link JsonAuthEvent} adapts a raw PDU.
 *
 * <p>Fields are as received: no defaulting happens here. A missing property is {@code null}
 * (or, for {@link #content()}, an empty object), so that the rules can tell "absent" from
 * "present with a strange value" exactly where the spec does.
 */
public interface AuthEvent {

    /** The event ID, with its {@code $} sigil (room versions 1–2: as sent; later: the reference hash). */
    String eventId();

    /** {@code type}, or null when absent or not a string. */
    String type();

    /** {@code state_key}, or null when the event is not a state event (absent or not a string). */
    String stateKey();

    /** {@code sender}, or null when absent or not a string. */
    String sender();

    /** {@code content}; never null (an empty object when absent). */
    JsonNode content();

    /** {@code room_id}, or null when absent (the {@code m.room.create} event of room version 12 has none). */
    String roomId();

    /**
     * True when the event has a {@code room_id} property at all, whatever its value (room version
     * 12's rule 1.2 rejects a create event that "has a room_id").
     */
    default boolean hasRoomId() {
        return roomId() != null;
    }

    /** The event IDs of {@code auth_events}, in order, duplicates kept. */
    List<String> authEventIds();

    /** The event IDs of {@code prev_events}, in order, duplicates kept. */
    List<String> prevEventIds();

    /**
     * The event ID this {@code m.room.redaction} redacts: the top-level {@code redacts} (room
     * versions 1–10) or {@code content.redacts} (11 and later); null when there is none. Only room
     * versions 1–2 look at it in the authorisation rules (rule 11).
     */
    default String redacts() {
        JsonNode r = content().get("redacts");
        return r != null && r.isTextual() ? r.textValue() : null;
    }

    /**
     * The {@code signatures} object, or null. The default {@link ServerSignatureCheck} only looks
     * for an entry of the server; real verification is the caller's (see that interface).
     */
    default JsonNode signatures() {
        return null;
    }

    /**
     * True when this event was itself rejected (checks performed on receipt of a PDU, steps 4–5).
     * Rule 2.3 rejects an event citing a rejected auth event; room version 12's rule 2 needs an
     * accepted {@code m.room.create} event.
     */
    default boolean rejected() {
        return false;
    }

    /** {@code content.membership} when it is a string, else null. */
    default String membership() {
        JsonNode m = content().get("membership");
        return m != null && m.isTextual() ? m.textValue() : null;
    }

    /** True when the event has a state key (is a state event). */
    default boolean isState() {
        return stateKey() != null;
    }
}
