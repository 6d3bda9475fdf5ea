package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.auth.AuthEventsSelection;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.event.EventHashes;
import org.hotroom.logic.event.EventJson;
import org.hotroom.logic.event.InvalidEventException;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.event.Redaction;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.EventFormat;
import org.hotroom.logic.room.RoomVersion;

/**
 * Events this server creates for its users, built and then let in through {@link EventPersister}
 * like every other event (docs/ROOMS.md).
 *
 * <p>Building ("Event format" of each room version; server-server API "Auth events selection",
 * "Calculating the content hash", "Signing events"):
 * <ul>
 *   <li>{@code prev_events}: the room's forward extremities (at most 20); {@code depth}: one more
 *       than the deepest of them;</li>
 *   <li>{@code auth_events}: the current state's events for the keys of
 *       {@link AuthEventsSelection} (never the create event in room version 12);</li>
 *   <li>rooms v1 and v2: an {@code event_id} of {@code $} + 18 random letters + {@code :server},
 *       and references as {@code [event_id, {"sha256": reference hash}]}; later versions name
 *       events by their reference hash;</li>
 *   <li>a redaction names its target in {@code content.redacts} from v11, at the top level
 *       before;</li>
 *   <li>{@code hashes.sha256}, then the signature of the redacted event by this server's key
 *       ({@link ServerKeys});</li>
 *   <li>room IDs: {@code !} + 18 random letters + {@code :server} up to v11; in v12 the create
 *       event's ID with the sigil {@code !}, and the create event has no {@code room_id}.</li>
 * </ul>
 *
 * <p>Errors as the client-server API answers them: an event over 65,536 bytes as canonical
 * JSON ("Size limits") is 413 {@code M_TOO_LARGE}; another malformed event (a type or state key
 * over 255 bytes, a number canonical JSON cannot hold) 400; an event the authorisation rules
 * reject is 403 {@code M_FORBIDDEN} with the rule's reason. Nothing of a refused event is stored
 * (and the dispatcher discards whatever the request wrote before).
 *
 * <p>One instance per step; not thread-safe.
 */
public final class LocalEvents {

    /** Room IDs and v1/v2 event IDs: this many random letters before {@code :server}. */
    private static final int OPAQUE_ID_LETTERS = 18;

    private final StepContext ctx;
    private final RoomStore rooms;
    private final EventPersister persister;
    private ServerKeys keys;
    private int made;

    public LocalEvents(StepContext ctx) {
        this(ctx, new RoomStore(ctx.storage()));
    }

    public LocalEvents(StepContext ctx, RoomStore rooms) {
        this.ctx = ctx;
        this.rooms = rooms;
        this.persister = new EventPersister(ctx, rooms);
    }

    public RoomStore rooms() {
        return rooms;
    }

    public StepContext context() {
        return ctx;
    }

    /**
     * Starts a room: builds its {@code m.room.create} event with {@code content} (which this adds
     * {@code room_version} to, and {@code creator} in versions 1 to 10) and lets it in. The room's
     * ID is {@link StoredEvent#roomId()} of the result.
     */
    public StoredEvent createRoom(RoomVersion version, String creator, ObjectNode content) {
        ObjectNode c = content.deepCopy();
        if (version.creatorInCreateContent()) {
            c.put("creator", creator);
        }
        c.put("room_version", version.id());
        ObjectNode json = Json.object();
        if (version.eventFormat() == EventFormat.V1) {
            json.put("event_id", newEventId());
        }
        if (!version.roomIdIsCreateEventHash()) {
            json.put("room_id", newRoomId());
        }
        json.put("type", "m.room.create");
        json.put("state_key", "");
        json.put("sender", creator);
        json.set("content", c);
        json.put("origin_server_ts", ctx.now());
        json.put("depth", 1);
        json.set("prev_events", Json.array());
        json.set("auth_events", Json.array());
        return persist(finish(version, json));
    }

    /** Sends a message event ({@code stateKey} null) or state event as {@code sender}. */
    public StoredEvent send(RoomStore.Room room, String sender, String type, String stateKey, ObjectNode content) {
        return persist(build(room, sender, type, stateKey, content, null));
    }

    /** Sends an {@code m.room.redaction} of {@code redacts} as {@code sender}. */
    public StoredEvent redact(RoomStore.Room room, String sender, String redacts, ObjectNode content) {
        return persist(build(room, sender, "m.room.redaction", null, content, redacts));
    }

    /**
     * Builds, hashes and signs an event at the room's forward extremities, without letting it in.
     *
     * @param stateKey null for a message event
     * @param redacts  for {@code m.room.redaction}, the target (placed where the room version
     *                 wants it), else null
     */
    public Pdu build(RoomStore.Room room, String sender, String type, String stateKey, ObjectNode content, String redacts) {
        RoomVersion version = room.version();
        Events events = ctx.storage().events();
        long[] extremities = events.forwardExtremities(room.id());
        if (extremities.length == 0) {
            throw new IllegalStateException("room " + room.roomId() + " has no forward extremities");
        }
        List<StoredEvent> prevs = new ArrayList<>();
        long depth = 0;
        for (int i = 0; i < extremities.length && prevs.size() < Pdu.MAX_PREV_EVENTS; i++) {
            StoredEvent p = rooms.event(extremities[i]);
            prevs.add(p);
            depth = Math.max(depth, p.depth());
        }
        depth = Math.min(depth + 1, version.maxDepth());

        ObjectNode c = content.deepCopy();
        if (redacts != null && version.redactsInContent()) {
            c.put("redacts", redacts);
        }
        StateSnapshot state = rooms.currentState(room);
        List<StoredEvent> auth = new ArrayList<>();
        for (TypeAndKey k : AuthEventsSelection.keys(RuleSet.forVersion(version.id()), type, stateKey, sender, c)) {
            StoredEvent a = rooms.stateEvent(state, k.type(), k.stateKey());
            if (a != null) {
                auth.add(a);
            }
        }

        ObjectNode json = Json.object();
        if (version.eventFormat() == EventFormat.V1) {
            json.put("event_id", newEventId());
        }
        json.put("room_id", room.roomId());
        json.put("type", type);
        if (stateKey != null) {
            json.put("state_key", stateKey);
        }
        json.put("sender", sender);
        json.set("content", c);
        if (redacts != null && !version.redactsInContent()) {
            json.put("redacts", redacts);
        }
        json.put("origin_server_ts", ctx.now());
        json.put("depth", depth);
        json.set("prev_events", references(version, prevs));
        json.set("auth_events", references(version, auth));
        return finish(version, json);
    }

    /** Lets a built event in; a rejection is 403 {@code M_FORBIDDEN} with the rule's reason. */
    public StoredEvent persist(Pdu pdu) {
        try {
            return persister.persist(pdu);
        } catch (RejectedEventException e) {
            throw MatrixError.forbidden(e.getMessage());
        }
    }

    private ArrayNode references(RoomVersion version, List<StoredEvent> events) {
        ArrayNode refs = Json.array();
        for (StoredEvent e : events) {
            if (version.eventFormat() == EventFormat.V1) {
                ArrayNode pair = refs.addArray();
                pair.add(e.eventId());
                pair.addObject().put("sha256", EventHashes.encodeHash(e.pdu().referenceHash()));
            } else {
                refs.add(e.eventId());
            }
        }
        return refs;
    }

    /** Adds the content hash and the signature, checks the size, and validates the result. */
    private Pdu finish(RoomVersion version, ObjectNode json) {
        try {
            json.putObject("hashes").put("sha256", EventHashes.encodeHash(EventHashes.contentHash(version, json)));
            ObjectNode redacted = Redaction.redact(version, json);
            keys().sign(redacted);
            json.set("signatures", redacted.get("signatures"));
            int size = EventJson.encode(version, json).length;
            if (size > Pdu.MAX_PDU_BYTES) {
                throw new MatrixError(413, "M_TOO_LARGE", "The event is " + size + " bytes as canonical JSON;"
                        + " the limit is " + Pdu.MAX_PDU_BYTES);
            }
            return Pdu.fromJson(version, json);
        } catch (InvalidEventException e) {
            String field = e.field();
            boolean param = "type".equals(field) || "state_key".equals(field);
            throw new MatrixError(400, param ? "M_INVALID_PARAM" : "M_BAD_JSON", "Invalid event: " + e.getMessage());
        } catch (CanonicalJson.CanonicalJsonException e) {
            throw MatrixError.badJson("The event cannot be encoded as canonical JSON: " + e.getMessage());
        }
    }

    private ServerKeys keys() {
        if (keys == null) {
            keys = ServerKeys.of(ctx);
        }
        return keys;
    }

    private String newEventId() {
        return "$" + ctx.randomLetters("event_id/" + made++, OPAQUE_ID_LETTERS) + ":" + ctx.serverName();
    }

    private String newRoomId() {
        for (int attempt = 0; ; attempt++) {
            String id = "!" + ctx.randomLetters("room_id/" + attempt, OPAQUE_ID_LETTERS) + ":" + ctx.serverName();
            if (rooms.find(id) == null) {
                return id;
            }
            if (attempt > 16) {
                throw new IllegalStateException("cannot find a free room ID: is the entropy constant?");
            }
        }
    }
}
