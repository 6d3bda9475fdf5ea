package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.logic.auth.AuthEvent;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.stateres.StateResEvent;

/**
 * An event as stored: its numeric ID, event ID, metadata and parsed PDU. It is what the
 * authorisation rules and state resolution read ({@link AuthEvent}, {@link StateResEvent}), with
 * {@link #rejected()} from the metadata.
 */
public final class StoredEvent implements StateResEvent {

    private static final JsonNode EMPTY = Json.object();

    private final long id;
    private final EventMeta meta;
    private final Pdu pdu;

    StoredEvent(long id, EventMeta meta, Pdu pdu) {
        this.id = id;
        this.meta = meta;
        this.pdu = pdu;
    }

    /** The numeric ID ({@code IdKind.EVENT}). */
    public long id() {
        return id;
    }

    /** The metadata; null for an event that is being checked and not stored yet. */
    public EventMeta meta() {
        return meta;
    }

    /** The event in its federation format, as stored. */
    public Pdu pdu() {
        return pdu;
    }

    /** The stored JSON tree. Do not modify it. */
    public ObjectNode json() {
        return pdu.json();
    }

    /** The position in the room's timeline ({@link EventMeta#ordering()}). */
    public long ordering() {
        return meta == null ? 0 : meta.ordering();
    }

    @Override
    public String eventId() {
        return pdu.eventId();
    }

    @Override
    public String type() {
        return pdu.type();
    }

    @Override
    public String stateKey() {
        return pdu.stateKey();
    }

    @Override
    public String sender() {
        return pdu.sender();
    }

    @Override
    public JsonNode content() {
        ObjectNode c = pdu.content();
        return c == null ? EMPTY : c;
    }

    @Override
    public String roomId() {
        return pdu.roomId();
    }

    @Override
    public boolean hasRoomId() {
        return pdu.roomIdField() != null;
    }

    @Override
    public List<String> authEventIds() {
        return pdu.authEventIds();
    }

    @Override
    public List<String> prevEventIds() {
        return pdu.prevEventIds();
    }

    @Override
    public String redacts() {
        return pdu.redacts();
    }

    @Override
    public JsonNode signatures() {
        return pdu.json().get("signatures");
    }

    @Override
    public boolean rejected() {
        return meta != null && meta.has(EventMeta.REJECTED);
    }

    @Override
    public long originServerTs() {
        return pdu.originServerTs();
    }

    @Override
    public long depth() {
        return pdu.depth();
    }

    @Override
    public String toString() {
        return "StoredEvent[" + eventId() + " " + pdu + "]";
    }
}
