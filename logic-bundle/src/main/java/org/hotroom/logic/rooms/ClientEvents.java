package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.Interner;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.logic.event.Redaction;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonRejectedException;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;

// Spec: client-server API, "Room event format" (definitions/client_event, client_event_without_room_id),
// "Stripped state" (core-event-schema/stripped_state), "Redactions"; m.room.redaction (top-level
// `redacts` in rooms v1 to v10).

/**
 * Stored events ({@link Events#json}) in the format clients get: {@code event_id},
 * {@code room_id} (left out where the response names the room, as in {@code /sync}),
 * {@code sender}, {@code type}, {@code content}, {@code state_key} for state events,
 * {@code origin_server_ts}, the top-level {@code redacts} of redactions in rooms v1 to v10, and
 * {@code unsigned}:
 * <ul>
 *   <li>{@code age}: the step's clock minus {@code origin_server_ts};</li>
 *   <li>{@code transaction_id}: only for the device that sent the event (table
 *       {@code txn_of_event}, written when a client sends);</li>
 *   <li>{@code redacted_because}: the redaction event, when table {@code redacted} says one
 *       applies; the event itself is then served redacted by its room version's algorithm;</li>
 *   <li>{@code prev_content} and {@code replaces_state} for state events that replaced a state
 *       event (the state before the event, {@code EventStates.before});</li>
 *   <li>{@code invite_room_state} / {@code knock_room_state} that another server put in the
 *       event's {@code unsigned}, pruned to stripped state.</li>
 * </ul>
 * Nothing else of the stored event reaches the client ({@code auth_events}, {@code hashes},
 * {@code signatures}, ...).
 *
 * <p>One instance serves one step and one viewer; it caches parsed events and room versions.
 * {@code prev_content} is given whether or not the viewer could see the previous event.
 */
public final class ClientEvents {

    /** {@code event -> {"by": redaction event ID}}: a redaction that applies (docs/ROOMS.md). */
    public static final String REDACTED = "redacted";

    /** The state events stripped state is made of ("Stripped state"), in the order given. */
    public static final List<String> STRIPPED_STATE_TYPES = List.of("m.room.create", "m.room.name", "m.room.avatar",
            "m.room.topic", "m.room.join_rules", "m.room.canonical_alias", "m.room.encryption");

    private final StepStorage storage;
    private final Events events;
    private final Interner interner;
    private final KeyValue kv;
    private final long now;
    private final String viewerUser;
    private final String viewerDevice;
    private final Map<Long, ObjectNode> parsed = new HashMap<>();
    private final Map<Long, RoomVersion> versions = new HashMap<>();

    /**
     * @param now          the step's clock (for {@code age})
     * @param viewerUser   the user the events are served to, or null
     * @param viewerDevice the device they are served to (for {@code transaction_id}), or null
     */
    public ClientEvents(StepStorage storage, long now, String viewerUser, String viewerDevice) {
        this.storage = storage;
        this.events = storage.events();
        this.interner = storage.interner();
        this.kv = storage.keyValue();
        this.now = now;
        this.viewerUser = viewerUser;
        this.viewerDevice = viewerDevice;
    }

    /** For the caller of an endpoint with an access token. */
    public static ClientEvents of(Call call) {
        return new ClientEvents(call.storage(), call.now(), call.auth().userId(), call.auth().deviceId());
    }

    public StepStorage storage() {
        return storage;
    }

    /** The event in the client format with {@code room_id}, or null when it is not stored. */
    public ObjectNode format(long event) {
        return format(event, true);
    }

    /** The event in the client format, with or without {@code room_id}; null when it is not stored. */
    public ObjectNode format(long event, boolean withRoomId) {
        return format(event, withRoomId, true);
    }

    private ObjectNode format(long event, boolean withRoomId, boolean withRedactedBecause) {
        EventMeta meta = events.meta(event);
        ObjectNode pdu = pdu(event);
        if (meta == null || pdu == null) {
            return null;
        }
        String redactedBy = redactedBy(event);
        RoomVersion version = roomVersion(meta.room());
        ObjectNode source = redactedBy == null ? pdu : Redaction.redact(version, pdu);
        ObjectNode out = Json.object();
        out.put("event_id", eventId(event));
        if (withRoomId) {
            out.put("room_id", interner.lookup(IdKind.ROOM, meta.room()));
        }
        copy(source, out, "sender");
        copy(source, out, "type");
        out.set("content", source.get("content") instanceof ObjectNode c ? c.deepCopy() : Json.object());
        copy(source, out, "state_key");
        copy(source, out, "origin_server_ts");
        JsonNode redacts = source.get("redacts");
        if (!version.redactsInContent() && redacts != null && redacts.isTextual()) {
            out.set("redacts", redacts);
        }
        out.set("unsigned", unsigned(event, meta, pdu, redactedBy, withRoomId, withRedactedBecause));
        return out;
    }

    private ObjectNode unsigned(long event, EventMeta meta, ObjectNode pdu, String redactedBy, boolean withRoomId,
                                boolean withRedactedBecause) {
        ObjectNode u = Json.object();
        JsonNode ts = pdu.get("origin_server_ts");
        if (ts != null && ts.canConvertToLong()) {
            u.put("age", now - ts.longValue());
        }
        String txn = transactionId(event, pdu);
        if (txn != null) {
            u.put("transaction_id", txn);
        }
        if (redactedBy != null && withRedactedBecause) {
            long by = events.find(redactedBy);
            ObjectNode because = by == 0 ? null : format(by, withRoomId, false);
            if (because != null) {
                u.set("redacted_because", because);
            }
        }
        if (meta.isState()) {
            StateSnapshot before = storage.eventStates().before(event);
            long prev = before == null ? 0 : before.get(meta.type(), meta.stateKey());
            if (prev != 0 && prev != event) {
                u.put("replaces_state", eventId(prev));
                ObjectNode prevContent = content(prev);
                if (prevContent != null) {
                    u.set("prev_content", prevContent);
                }
            }
        }
        if (pdu.get("unsigned") instanceof ObjectNode theirs) {
            for (String key : new String[] {"invite_room_state", "knock_room_state"}) {
                if (theirs.get(key) instanceof ArrayNode list) {
                    u.set(key, strippedList(list));
                }
            }
        }
        return u;
    }

    /** The event ID of a stored (or at least interned) event. */
    public String eventId(long event) {
        String id = interner.lookup(IdKind.EVENT, event);
        if (id == null) {
            throw new IllegalStateException("event " + event + " has no event ID");
        }
        return id;
    }

    /**
     * The event's {@code content} as clients see it (redacted when a redaction applies), a fresh
     * copy; null when the event is not stored.
     */
    public ObjectNode content(long event) {
        ObjectNode pdu = pdu(event);
        if (pdu == null) {
            return null;
        }
        if (redactedBy(event) != null) {
            EventMeta meta = events.meta(event);
            pdu = Redaction.redact(roomVersion(meta.room()), pdu);
        }
        return pdu.get("content") instanceof ObjectNode c ? c.deepCopy() : Json.object();
    }

    /** The event's {@code sender}, or null when it is not stored. */
    public String sender(long event) {
        ObjectNode pdu = pdu(event);
        JsonNode s = pdu == null ? null : pdu.get("sender");
        return s == null || !s.isTextual() ? null : s.textValue();
    }

    /**
     * The stored event as parsed JSON, or null. Shared with later callers in this step: do not
     * modify it.
     */
    public ObjectNode pdu(long event) {
        ObjectNode cached = parsed.get(event);
        if (cached != null) {
            return cached;
        }
        byte[] json = events.json(event);
        if (json == null) {
            return null;
        }
        ObjectNode pdu;
        try {
            pdu = StrictJson.parseObject(json);
        } catch (JsonRejectedException e) {
            throw new IllegalStateException("stored event " + event + " is not JSON: " + e.getMessage(), e);
        }
        parsed.put(event, pdu);
        return pdu;
    }

    /** The event ID of the redaction that applies to {@code event}, or null. */
    public String redactedBy(long event) {
        return EventPersister.redactedBy(kv, event);
    }

    /**
     * The room's version from table {@code room}; {@link RoomVersions#DEFAULT} for a room this
     * server keeps no record of.
     */
    public RoomVersion roomVersion(long room) {
        RoomVersion v = versions.get(room);
        if (v == null) {
            byte[] rec = kv.get(RoomStore.TABLE, RoomKeys.of(room));
            JsonNode id = rec == null ? null : Json.readRecord(rec).get("room_version");
            v = id != null && id.isTextual() ? RoomVersions.find(id.textValue()).orElse(RoomVersions.DEFAULT)
                    : RoomVersions.DEFAULT;
            versions.put(room, v);
        }
        return v;
    }

    private String transactionId(long event, ObjectNode pdu) {
        if (viewerUser == null || viewerDevice == null || !viewerUser.equals(pdu.path("sender").textValue())) {
            return null;
        }
        TransactionIds.Sent sent = new TransactionIds(kv).sentWith(event);
        return sent != null && viewerDevice.equals(sent.deviceId()) ? sent.txnId() : null;
    }

    /** The stripped form of a stored state event ({@code type}, {@code state_key}, {@code content}, {@code sender}); null when not stored. */
    public ObjectNode stripped(long event) {
        ObjectNode pdu = pdu(event);
        if (pdu == null) {
            return null;
        }
        ObjectNode s = stripped(pdu);
        if (s != null && redactedBy(event) != null) {
            s.set("content", content(event));
        }
        return s;
    }

    /**
     * The stripped form of an event: only {@code type}, {@code state_key}, {@code content} and
     * {@code sender}, or null when one of them is missing or of the wrong type.
     */
    public static ObjectNode stripped(ObjectNode event) {
        JsonNode type = event.get("type");
        JsonNode stateKey = event.get("state_key");
        JsonNode content = event.get("content");
        JsonNode sender = event.get("sender");
        if (type == null || !type.isTextual() || stateKey == null || !stateKey.isTextual()
                || !(content instanceof ObjectNode) || sender == null || !sender.isTextual()) {
            return null;
        }
        ObjectNode out = Json.object();
        out.set("type", type);
        out.set("state_key", stateKey);
        out.set("content", content.deepCopy());
        out.set("sender", sender);
        return out;
    }

    /** Every well-formed entry of a list of (stripped or full) events, stripped. */
    public static ArrayNode strippedList(ArrayNode list) {
        ArrayNode out = Json.array();
        for (JsonNode e : list) {
            if (e instanceof ObjectNode o) {
                ObjectNode s = stripped(o);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * The stripped state of the room in {@code state} ("Stripped state"): the events of
     * {@link #STRIPPED_STATE_TYPES} that it holds, then {@code extra} (the invite or knock event
     * itself, say) when not 0.
     */
    public ArrayNode strippedState(StateSnapshot state, long extra) {
        ArrayNode out = Json.array();
        for (String type : STRIPPED_STATE_TYPES) {
            long t = interner.find(IdKind.EVENT_TYPE, type);
            long e = t == 0 || state == null ? 0 : state.get(t, WellKnown.EMPTY_STATE_KEY);
            if (e != 0 && e != extra) {
                ObjectNode s = stripped(e);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        if (extra != 0) {
            ObjectNode s = stripped(extra);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null) {
            to.set(field, v.deepCopy());
        }
    }
}
