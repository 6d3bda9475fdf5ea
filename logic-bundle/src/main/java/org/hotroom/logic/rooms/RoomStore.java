package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.EventStates;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.Interner;
import org.hotroom.api.storage.StateEntry;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.logic.auth.AuthEvent;
import org.hotroom.logic.auth.AuthState;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;
import org.hotroom.logic.stateres.StateResolver;

/**
 * The rooms this server takes part in: each room's record, its current state, and its events.
 *
 * <pre>
 * table "room": room (8 bytes) -> {"room_version", "creator", "created_ts"}
 * </pre>
 * The record is written by {@link EventPersister} when it accepts the room's create event.
 *
 * <p>The <em>current state</em> is the state at the room's forward extremities: the state after
 * the one extremity, or, where the graph has several (only the federation makes that), their
 * states resolved with the room version's state resolution. Events are read from
 * {@code Events} and parsed once per step ({@link StoredEvent}).
 *
 * <p>One instance per step; not thread-safe.
 */
public final class RoomStore {

    public static final String TABLE = "room";

    /** A room this server takes part in. {@code id} is its numeric ID ({@link IdKind#ROOM}). */
    public record Room(long id, String roomId, RoomVersion version, String creator, long createdTs) {}

    private final StepStorage storage;
    private final Map<Long, StoredEvent> events = new HashMap<>();
    private final Map<Long, Room> rooms = new HashMap<>();

    public RoomStore(StepStorage storage) {
        this.storage = storage;
    }

    public StepStorage storage() {
        return storage;
    }

    private Interner interner() {
        return storage.interner();
    }

    private Events store() {
        return storage.events();
    }

    private EventStates states() {
        return storage.eventStates();
    }

    // --- rooms ---

    /** The room named {@code roomId}, or null when this server does not take part in it. */
    public Room find(String roomId) {
        long id = interner().find(IdKind.ROOM, roomId);
        return id == 0 ? null : get(id);
    }

    /** The room with numeric ID {@code id}, or null. */
    public Room get(long id) {
        Room cached = rooms.get(id);
        if (cached != null) {
            return cached;
        }
        byte[] v = storage.keyValue().get(TABLE, RoomKeys.of(id));
        if (v == null) {
            return null;
        }
        ObjectNode rec = Json.readRecord(v);
        Room room = new Room(id, interner().lookup(IdKind.ROOM, id), RoomVersions.get(rec.get("room_version").textValue()),
                rec.get("creator").textValue(), rec.get("created_ts").longValue());
        rooms.put(id, room);
        return room;
    }

    /** Records a room whose create event is being accepted. */
    void create(Room room) {
        ObjectNode rec = Json.object();
        rec.put("room_version", room.version().id());
        rec.put("creator", room.creator());
        rec.put("created_ts", room.createdTs());
        storage.keyValue().put(TABLE, RoomKeys.of(room.id()), Json.record(rec));
        rooms.put(room.id(), room);
    }

    // --- events ---

    /** The stored event with numeric ID {@code id}, or null. */
    public StoredEvent event(long id) {
        StoredEvent e = events.get(id);
        if (e != null) {
            return e;
        }
        EventMeta meta = store().meta(id);
        if (meta == null) {
            return null;
        }
        Room room = get(meta.room());
        if (room == null) {
            throw new IllegalStateException("event " + id + " is stored in room " + meta.room() + ", which has no record");
        }
        Pdu pdu = Pdu.parse(room.version(), store().json(id));
        e = new StoredEvent(id, meta, pdu);
        events.put(id, e);
        return e;
    }

    /** Keeps an event just stored by this step, so it is not read back and parsed again. */
    void remember(StoredEvent e) {
        events.put(e.id(), e);
    }

    /** The stored event {@code eventId}, or null. */
    public StoredEvent event(String eventId) {
        long id = store().find(eventId);
        return id == 0 ? null : event(id);
    }

    /** The event ID of a stored event's numeric ID. */
    public String eventId(long id) {
        return interner().lookup(IdKind.EVENT, id);
    }

    // --- state ---

    /** The current state of {@code room}: the state at its forward extremities. */
    public StateSnapshot currentState(Room room) {
        long[] extremities = store().forwardExtremities(room.id());
        if (extremities.length == 0) {
            return states().empty(room.id());
        }
        if (extremities.length == 1) {
            return states().after(extremities[0]);
        }
        return resolve(room, extremities);
    }

    /**
     * The state where the branches ending in {@code events} meet: the state after the one event,
     * or the resolution of the states after each (the state before an event with these
     * {@code prev_events}).
     */
    public StateSnapshot stateAfter(Room room, long[] events) {
        if (events.length == 1) {
            StateSnapshot s = states().after(events[0]);
            if (s == null) {
                throw new IllegalStateException("no state recorded for event " + eventId(events[0]));
            }
            return s;
        }
        return resolve(room, events);
    }

    private StateSnapshot resolve(Room room, long[] branches) {
        List<Map<TypeAndKey, String>> sets = new ArrayList<>(branches.length);
        for (long b : branches) {
            StateSnapshot s = states().after(b);
            if (s == null) {
                throw new IllegalStateException("no state recorded for event " + eventId(b));
            }
            Map<TypeAndKey, String> set = new LinkedHashMap<>();
            s.forEach((type, key, event) -> {
                set.put(TypeAndKey.of(interner().lookup(IdKind.EVENT_TYPE, type), interner().lookup(IdKind.STATE_KEY, key)),
                        eventId(event));
                return true;
            });
            sets.add(set);
        }
        Map<TypeAndKey, String> resolved = new StateResolver(Rules.AUTH).resolve(room.version(), sets, this::event);
        List<StateEntry> cells = new ArrayList<>(resolved.size());
        for (Map.Entry<TypeAndKey, String> e : resolved.entrySet()) {
            cells.add(new StateEntry(interner().find(IdKind.EVENT_TYPE, e.getKey().type()),
                    interner().find(IdKind.STATE_KEY, e.getKey().stateKey()), store().find(e.getValue())));
        }
        return states().fullState(room.id(), cells, states().after(branches[0]));
    }

    /** The event holding {@code (type, stateKey)} in {@code state}, or 0. */
    public long stateEventId(StateSnapshot state, String type, String stateKey) {
        long t = interner().find(IdKind.EVENT_TYPE, type);
        long k = t == 0 ? 0 : interner().find(IdKind.STATE_KEY, stateKey);
        return k == 0 ? 0 : state.get(t, k);
    }

    /** The event holding {@code (type, stateKey)} in {@code state}, or null. */
    public StoredEvent stateEvent(StateSnapshot state, String type, String stateKey) {
        long id = stateEventId(state, type, stateKey);
        return id == 0 ? null : event(id);
    }

    /** The content of the event at {@code (type, stateKey)}, or null when the key is not in the state. */
    public JsonNode stateContent(StateSnapshot state, String type, String stateKey) {
        StoredEvent e = stateEvent(state, type, stateKey);
        return e == null ? null : e.content();
    }

    /** {@code content.membership} of {@code userId}'s member event in {@code state}, or null. */
    public String membership(StateSnapshot state, String userId) {
        StoredEvent e = stateEvent(state, "m.room.member", userId);
        return e == null ? null : e.membership();
    }

    /** Every {@code m.room.member} event of {@code state}, in no meaningful order. */
    public List<StoredEvent> members(StateSnapshot state) {
        List<StoredEvent> out = new ArrayList<>();
        state.forEach(WellKnown.M_ROOM_MEMBER, (type, key, event) -> {
            out.add(event(event));
            return true;
        });
        return out;
    }

    /** Every event of {@code state}, in no meaningful order. */
    public List<StoredEvent> all(StateSnapshot state) {
        List<StoredEvent> out = new ArrayList<>();
        state.forEach((type, key, event) -> {
            out.add(event(event));
            return true;
        });
        return out;
    }

    /** {@code state} as the authorisation rules read it. */
    public AuthState authState(StateSnapshot state) {
        return (type, stateKey) -> stateEvent(state, type, stateKey);
    }

    /** Looks stored events up by event ID, for the rules' {@code auth_events} checks. */
    public AuthEvent authEvent(String eventId) {
        return event(eventId);
    }
}
