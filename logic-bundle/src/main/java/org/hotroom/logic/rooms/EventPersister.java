package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.EventStates;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.Interner;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.logic.auth.AuthState;
import org.hotroom.logic.auth.Decision;
import org.hotroom.logic.auth.PowerLevels;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.event.InvalidEventException;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RoomVersion;

/**
 * The one gate through which every event enters a room (docs/ROOMS.md, "One gate for every
 * event"), whether this server made it ({@link LocalEvents}) or, later, another server sent it.
 *
 * <ol>
 *   <li>The event is a {@link Pdu} of its room version (format checked when it was parsed); its
 *       content hash must match. Signatures are checked before an event gets here (the caller
 *       that received it knows the keys; local events are signed just before).</li>
 *   <li>The authorisation rules run against its own {@code auth_events} (receipt step 4), which
 *       must all be stored.</li>
 *   <li>The state before it is the state after its one parent, or the parents' states resolved
 *       (step 5); the rules run again against that state. Every parent must be stored: fetching
 *       missing ones is the federation's job, and until then an event with unknown parents is
 *       refused ({@link IllegalStateException}).</li>
 *   <li>If its parents are not the room's forward extremities, the rules run a third time against
 *       the current state: failing there soft-fails it (step 6): it is stored and its state
 *       recorded, but it gets no place in the timeline and does not become an extremity.</li>
 *   <li>It is stored byte for byte with its metadata, its state recorded, the extremities
 *       updated (its parents replaced by it), and the indexes written: a local user's membership
 *       ({@link Memberships}), a redaction that applies (table {@code redacted}). The
 *       {@value #SYNC} stream advances once, and the new position is the event's
 *       {@link EventMeta#ordering()}.</li>
 * </ol>
 * A rejected event throws {@link RejectedEventException} and nothing of it is stored. (Events
 * from other servers that fail will be stored as rejected, so that later events citing them fail
 * too; that comes with the federation.) An event that is already stored is returned as it is.
 *
 * <pre>
 * table "redacted": event (8 bytes) -> {"by": redaction event ID}
 * </pre>
 * A redaction applies when its target is stored in the same room and, from room version 3, the
 * redaction's sender is on the target sender's server or has the {@code redact} power level in
 * the state before the redaction (rooms v3 "Handling redactions"; in v1 and v2 the authorisation
 * rules already checked this). A redaction whose target is not stored yet is kept as an event
 * only; applying it when the target arrives comes with the federation.
 */
public final class EventPersister {

    /** The stream every change that {@code /sync} reports advances; an event's ordering is its position. */
    public static final String SYNC = "sync";
    public static final String REDACTED = ClientEvents.REDACTED;

    private final StepContext ctx;
    private final RoomStore rooms;

    public EventPersister(StepContext ctx, RoomStore rooms) {
        this.ctx = ctx;
        this.rooms = rooms;
    }

    /**
     * Lets {@code pdu} into its room, or refuses it.
     *
     * @return the stored event (with its metadata: ordering, flags)
     * @throws RejectedEventException when the rules (or the room) refuse it
     * @throws InvalidEventException when its content hash does not match
     * @throws IllegalStateException when a parent or its room is unknown here
     */
    public StoredEvent persist(Pdu pdu) {
        StepStorage storage = ctx.storage();
        storage.beginWrite();
        Interner interner = storage.interner();
        Events events = storage.events();
        EventStates states = storage.eventStates();
        RoomVersion version = pdu.version();
        RuleSet rules = RuleSet.forVersion(version.id());

        String eventId = pdu.eventId();
        long existing = events.find(eventId);
        if (existing != 0) {
            return rooms.event(existing);
        }
        if (pdu.isDraft() || !pdu.contentHashMatches()) {
            throw new InvalidEventException("hashes", "the content hash of " + eventId + " does not match the event");
        }
        StoredEvent candidate = new StoredEvent(0, null, pdu);
        String roomId = pdu.roomId();

        RoomStore.Room room;
        StateSnapshot before;
        long[] prevs;
        boolean softFailed = false;
        if (pdu.isCreateEvent()) {
            Decision d = Rules.AUTH.check(rules, candidate, AuthState.empty());
            if (d.rejected()) {
                throw new RejectedEventException(d);
            }
            if (rooms.find(roomId) != null) {
                throw new RejectedEventException(new Decision(false, "1",
                        "room " + roomId + " already has a create event; " + eventId + " cannot start it again"));
            }
            long roomNum = interner.intern(IdKind.ROOM, roomId);
            String creator = version.creatorInCreateContent() && pdu.content().path("creator").isTextual()
                    ? pdu.content().get("creator").textValue()
                    : pdu.sender();
            room = new RoomStore.Room(roomNum, roomId, version, creator, pdu.originServerTs());
            rooms.create(room);
            before = states.empty(roomNum);
            prevs = new long[0];
        } else {
            room = rooms.find(roomId);
            if (room == null) {
                throw new IllegalStateException("event " + eventId + " is in room " + roomId
                        + ", which this server does not take part in");
            }
            if (!room.version().equals(version)) {
                throw new IllegalArgumentException("event " + eventId + " was read as " + version + ", but its room is "
                        + room.version());
            }
            Decision cited = Rules.AUTH.checkWithAuthEvents(rules, candidate, rooms::authEvent);
            if (cited.rejected()) {
                throw new RejectedEventException(cited);
            }
            prevs = numericIds(events, pdu.prevEventIds(), room, "prev_events");
            before = rooms.stateAfter(room, prevs);
            Decision d = Rules.AUTH.check(rules, candidate, rooms.authState(before));
            if (d.rejected()) {
                throw new RejectedEventException(d);
            }
            long[] extremities = events.forwardExtremities(room.id());
            if (!sameSet(prevs, extremities)) {
                Decision now = Rules.AUTH.check(rules, candidate, rooms.authState(rooms.currentState(room)));
                softFailed = now.rejected();
            }
        }

        long event = interner.intern(IdKind.EVENT, eventId);
        long type = interner.intern(IdKind.EVENT_TYPE, pdu.type());
        long stateKey = pdu.isState() ? interner.intern(IdKind.STATE_KEY, pdu.stateKey()) : 0;
        long sender = interner.intern(IdKind.USER, pdu.sender());
        long[] auth = pdu.isCreateEvent() ? new long[0] : numericIds(events, pdu.authEventIds(), room, "auth_events");
        long ordering = softFailed ? 0 : storage.streams().advance(SYNC);
        EventMeta meta = new EventMeta(event, room.id(), type, stateKey, sender, pdu.depth(), pdu.originServerTs(),
                ordering, auth, prevs, softFailed ? EventMeta.SOFT_FAILED : 0);
        events.put(meta, pdu.bytes());
        states.record(room.id(), event, before, pdu.isState() ? type : 0, stateKey);
        if (!softFailed) {
            Set<Long> extremities = new LinkedHashSet<>();
            for (long e : events.forwardExtremities(room.id())) {
                extremities.add(e);
            }
            for (long p : prevs) {
                extremities.remove(p);
            }
            extremities.add(event);
            events.setForwardExtremities(room.id(), extremities.stream().mapToLong(Long::longValue).sorted().toArray());
        }
        StoredEvent stored = new StoredEvent(event, meta, pdu);
        rooms.remember(stored);
        if (!softFailed) {
            index(room, stored, before);
        }
        return stored;
    }

    /** The membership and redaction indexes of an accepted event. */
    private void index(RoomStore.Room room, StoredEvent e, StateSnapshot before) {
        Pdu pdu = e.pdu();
        if (pdu.isState() && pdu.type().equals("m.room.member") && e.membership() != null
                && Identifiers.userIdError(pdu.stateKey()) == null && ctx.isLocal(pdu.stateKey())) {
            StateSnapshot current = rooms.currentState(room);
            if (current.get(WellKnown.M_ROOM_MEMBER, e.meta().stateKey()) == e.id()) {
                new Memberships(ctx.storage()).record(ctx.storage().interner().intern(IdKind.USER, pdu.stateKey()),
                        room.id(), e.membership(), e.eventId(), e.ordering());
            }
        }
        if (pdu.type().equals("m.room.redaction") && pdu.redacts() != null) {
            StoredEvent target = rooms.event(pdu.redacts());
            if (target != null && target.meta().room() == room.id() && redactionApplies(room, e, target, before)) {
                byte[] key = RoomKeys.of(target.id());
                if (ctx.storage().keyValue().get(REDACTED, key) == null) {
                    ObjectNode rec = Json.object();
                    rec.put("by", e.eventId());
                    ctx.storage().keyValue().put(REDACTED, key, Json.record(rec));
                }
            }
        }
    }

    /** The ID of the redaction that applies to {@code event} (numeric), or null when none does. */
    public static String redactedBy(KeyValue kv, long event) {
        byte[] v = kv.get(REDACTED, RoomKeys.of(event));
        return v == null ? null : Json.readRecord(v).get("by").textValue();
    }

    private boolean redactionApplies(RoomStore.Room room, StoredEvent redaction, StoredEvent target, StateSnapshot before) {
        if (room.version().redactionAuthRule()) {
            return true; // v1, v2: rule 11 checked it
        }
        if (Identifiers.domainOf(redaction.sender()).equals(Identifiers.domainOf(target.sender()))) {
            return true;
        }
        try {
            PowerLevels levels = PowerLevels.of(RuleSet.forVersion(room.version().id()), rooms.authState(before));
            return levels.userLevel(redaction.sender()) >= levels.redactLevel();
        } catch (PowerLevels.UnreadablePowerLevelException ex) {
            return false;
        }
    }

    private long[] numericIds(Events events, List<String> ids, RoomStore.Room room, String field) {
        List<Long> out = new ArrayList<>(ids.size());
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            long n = events.find(id);
            if (n == 0) {
                missing.add(id);
                continue;
            }
            EventMeta m = events.meta(n);
            if (m.room() != room.id()) {
                throw new RejectedEventException(new Decision(false, "2",
                        field + " cites " + id + ", an event of another room"));
            }
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(field + " cites events this server does not have: " + missing
                    + " (fetching them needs the federation)");
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static boolean sameSet(long[] a, long[] b) {
        long[] x = a.clone();
        long[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }
}
