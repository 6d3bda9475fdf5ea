package org.hotroom.logic.stateres;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotroom.logic.auth.JsonAuthEvent;

/**
 * A {@link StateResEvent} over a PDU as JSON, for the {@code resolve-state} tool and tests: a
 * {@link JsonAuthEvent} (explicit {@code event_id}; references as {@code [id, {hashes}]} pairs or
 * plain strings) plus {@code origin_server_ts} and {@code depth}, read as integers (0 when absent
 * or not an integer; the tool refuses such events before they get here).
 */
public final class JsonStateResEvent implements StateResEvent {

    private final JsonAuthEvent event;
    private final long originServerTs;
    private final long depth;

    private JsonStateResEvent(JsonAuthEvent event) {
        this.event = event;
        this.originServerTs = integer(event.json().get("origin_server_ts"));
        this.depth = integer(event.json().get("depth"));
    }

    /** The event with its own {@code event_id}; IllegalArgumentException when it has none. */
    public static JsonStateResEvent of(JsonNode json) {
        return new JsonStateResEvent(JsonAuthEvent.of(json));
    }

    /** This event, marked rejected or not. */
    public JsonStateResEvent withRejected(boolean rejected) {
        return new JsonStateResEvent(event.withRejected(rejected));
    }

    /**
     * A source over events given as JSON, each with its {@code event_id}; those whose ID is in
     * {@code rejected} are marked rejected. IllegalArgumentException for an event without an ID
     * or two different events with one ID.
     */
    public static EventSource sourceOf(Collection<? extends JsonNode> events, Set<String> rejected) {
        Map<String, JsonStateResEvent> byId = new HashMap<>(events.size() * 2);
        for (JsonNode json : events) {
            JsonStateResEvent e = of(json);
            if (rejected.contains(e.eventId())) {
                e = e.withRejected(true);
            }
            JsonStateResEvent before = byId.put(e.eventId(), e);
            if (before != null && !before.json().equals(json)) {
                throw new IllegalArgumentException("two different events have the event_id " + e.eventId());
            }
        }
        return EventSource.of(byId);
    }

    public JsonNode json() {
        return event.json();
    }

    private static long integer(JsonNode v) {
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : 0;
    }

    @Override
    public long originServerTs() {
        return originServerTs;
    }

    @Override
    public long depth() {
        return depth;
    }

    @Override
    public String eventId() {
        return event.eventId();
    }

    @Override
    public String type() {
        return event.type();
    }

    @Override
    public String stateKey() {
        return event.stateKey();
    }

    @Override
    public String sender() {
        return event.sender();
    }

    @Override
    public JsonNode content() {
        return event.content();
    }

    @Override
    public String roomId() {
        return event.roomId();
    }

    @Override
    public boolean hasRoomId() {
        return event.hasRoomId();
    }

    @Override
    public List<String> authEventIds() {
        return event.authEventIds();
    }

    @Override
    public List<String> prevEventIds() {
        return event.prevEventIds();
    }

    @Override
    public String redacts() {
        return event.redacts();
    }

    @Override
    public JsonNode signatures() {
        return event.signatures();
    }

    @Override
    public boolean rejected() {
        return event.rejected();
    }

    @Override
    public String toString() {
        return event.toString();
    }
}
