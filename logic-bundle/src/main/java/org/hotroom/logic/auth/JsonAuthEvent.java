package org.hotroom.logic.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An {@link AuthEvent} over a PDU as JSON, for tools and tests (the typed event model has its
 * own adapter). It trusts the JSON for its event ID: {@code event_id} must be present (room
 * versions 3+ do not carry it over federation; pass the computed ID to {@link #of(JsonNode, String)}).
 *
 * <p>References in {@code auth_events} and {@code prev_events} may be v1/v2-style
 * {@code [event_id, {hashes}]} pairs or plain event ID strings; anything else is skipped. The
 * redacted event ID is the top-level {@code redacts} (room versions 1–10), else
 * {@code content.redacts} (11+).
 */
public final class JsonAuthEvent implements AuthEvent {

    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final JsonNode json;
    private final String eventId;
    private final boolean rejected;
    private final List<String> authEventIds;
    private final List<String> prevEventIds;

    private JsonAuthEvent(JsonNode json, String eventId, boolean rejected) {
        this.json = Objects.requireNonNull(json, "json");
        if (!json.isObject()) {
            throw new IllegalArgumentException("an event is a JSON object, not " + json.getNodeType());
        }
        this.eventId = Objects.requireNonNull(eventId, "event_id");
        this.rejected = rejected;
        this.authEventIds = references(json.get("auth_events"));
        this.prevEventIds = references(json.get("prev_events"));
    }

    /** The event with its own {@code event_id}; IllegalArgumentException when it has none. */
    public static JsonAuthEvent of(JsonNode json) {
        JsonNode id = json == null ? null : json.get("event_id");
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException("the event has no event_id string");
        }
        return new JsonAuthEvent(json, id.textValue(), false);
    }

    /** The event with a given event ID (e.g. the reference hash of a v3+ PDU). */
    public static JsonAuthEvent of(JsonNode json, String eventId) {
        return new JsonAuthEvent(json, eventId, false);
    }

    /** This event marked as rejected (rule 2.3), or not. */
    public JsonAuthEvent withRejected(boolean rejected) {
        return new JsonAuthEvent(json, eventId, rejected);
    }

    /** The underlying JSON. */
    public JsonNode json() {
        return json;
    }

    @Override
    public String eventId() {
        return eventId;
    }

    @Override
    public String type() {
        return text("type");
    }

    @Override
    public String stateKey() {
        return text("state_key");
    }

    @Override
    public String sender() {
        return text("sender");
    }

    @Override
    public JsonNode content() {
        JsonNode c = json.get("content");
        return c != null && c.isObject() ? c : EMPTY;
    }

    @Override
    public String roomId() {
        return text("room_id");
    }

    @Override
    public boolean hasRoomId() {
        return json.has("room_id");
    }

    @Override
    public List<String> authEventIds() {
        return authEventIds;
    }

    @Override
    public List<String> prevEventIds() {
        return prevEventIds;
    }

    @Override
    public String redacts() {
        String top = text("redacts");
        return top != null ? top : AuthEvent.super.redacts();
    }

    @Override
    public JsonNode signatures() {
        return json.get("signatures");
    }

    @Override
    public boolean rejected() {
        return rejected;
    }

    private String text(String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** Event IDs of a reference list: strings, or the first element of [id, hashes] pairs. */
    static List<String> references(JsonNode refs) {
        if (refs == null || !refs.isArray()) {
            return Collections.emptyList();
        }
        List<String> ids = new ArrayList<>(refs.size());
        for (JsonNode r : refs) {
            if (r.isTextual()) {
                ids.add(r.textValue());
            } else if (r.isArray() && r.size() >= 1 && r.get(0).isTextual()) {
                ids.add(r.get(0).textValue());
            }
        }
        return Collections.unmodifiableList(ids);
    }

    @Override
    public String toString() {
        return "JsonAuthEvent[" + eventId + " " + type() + (stateKey() != null ? " [" + stateKey() + "]" : "") + "]";
    }
}
