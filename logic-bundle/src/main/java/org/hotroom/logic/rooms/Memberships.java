package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.json.Json;

/**
 * The memberships of this server's own users, kept beside the room state so that "which rooms is
 * this user in" and "what changed for this user since position P" are one scan each.
 *
 * <pre>
 * table "membership":     user, room      -> {"membership", "event_id", "ordering"}
 * table "membership_log": user, ordering  -> room
 * table "room_forgotten": user, room      -> {}
 * </pre>
 * Users and rooms are numeric IDs ({@link IdKind#USER}, {@link IdKind#ROOM}); {@code ordering} is
 * the membership event's position in the {@code sync} stream. {@link EventPersister} records every
 * membership event of a local user that becomes the user's current membership; the log keeps one
 * entry per change, so {@code /sync} reads a user's changes after its {@code since} by scanning
 * {@code user, since + 1}. A user who forgot a room is listed in {@code room_forgotten} until they
 * join, are invited, or knock again.
 */
public final class Memberships {

    public static final String TABLE = "membership";
    public static final String LOG = "membership_log";
    public static final String FORGOTTEN = "room_forgotten";

    /** A user's latest membership of a room. */
    public record Membership(long room, String membership, String eventId, long ordering) {}

    /** One change in a user's membership log. */
    public record Change(long ordering, long room) {}

    private final StepStorage storage;

    public Memberships(StepStorage storage) {
        this.storage = storage;
    }

    private KeyValue kv() {
        return storage.keyValue();
    }

    /** Records a local user's new membership (by {@link EventPersister}). */
    void record(long user, long room, String membership, String eventId, long ordering) {
        ObjectNode rec = Json.object();
        rec.put("membership", membership);
        rec.put("event_id", eventId);
        rec.put("ordering", ordering);
        kv().put(TABLE, RoomKeys.of(user, room), Json.record(rec));
        kv().put(LOG, RoomKeys.of(user, ordering), RoomKeys.of(room));
        if (membership.equals("join") || membership.equals("invite") || membership.equals("knock")) {
            kv().delete(FORGOTTEN, RoomKeys.of(user, room));
        }
    }

    /** {@code userId}'s latest membership of {@code room}, or null when there is none. */
    public Membership get(String userId, long room) {
        long user = storage.interner().find(IdKind.USER, userId);
        return user == 0 ? null : get(user, room);
    }

    /** The latest membership of numeric user {@code user} in {@code room}, or null. */
    public Membership get(long user, long room) {
        byte[] v = kv().get(TABLE, RoomKeys.of(user, room));
        return v == null ? null : parse(room, v);
    }

    /** The rooms (numeric IDs) where {@code userId}'s latest membership is {@code membership}. */
    public List<Membership> withMembership(String userId, String membership) {
        List<Membership> out = new ArrayList<>();
        for (Membership m : all(userId)) {
            if (m.membership().equals(membership)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Every room {@code userId} has a membership in, with the latest one, in numeric room order. */
    public List<Membership> all(String userId) {
        long user = storage.interner().find(IdKind.USER, userId);
        List<Membership> out = new ArrayList<>();
        if (user == 0) {
            return out;
        }
        byte[] prefix = RoomKeys.of(user);
        kv().scan(TABLE, prefix, (key, value) -> {
            if (!RoomKeys.startsWith(key, prefix)) {
                return false;
            }
            out.add(parse(RoomKeys.longAt(key, 1), value));
            return true;
        });
        return out;
    }

    /** The room IDs {@code userId} is joined to. */
    public List<String> joinedRoomIds(String userId) {
        List<String> out = new ArrayList<>();
        for (Membership m : withMembership(userId, "join")) {
            out.add(storage.interner().lookup(IdKind.ROOM, m.room()));
        }
        return out;
    }

    /** {@code userId}'s membership changes at orderings above {@code since}, oldest first. */
    public List<Change> changesSince(String userId, long since) {
        long user = storage.interner().find(IdKind.USER, userId);
        List<Change> out = new ArrayList<>();
        if (user == 0) {
            return out;
        }
        byte[] prefix = RoomKeys.of(user);
        kv().scan(LOG, RoomKeys.of(user, since + 1), (key, value) -> {
            if (!RoomKeys.startsWith(key, prefix)) {
                return false;
            }
            out.add(new Change(RoomKeys.longAt(key, 1), RoomKeys.longAt(value, 0)));
            return true;
        });
        return out;
    }

    /** Marks {@code room} forgotten by {@code userId} (who must have a membership record). */
    public void forget(String userId, long room) {
        long user = storage.interner().find(IdKind.USER, userId);
        if (user != 0) {
            kv().put(FORGOTTEN, RoomKeys.of(user, room), Json.record(Json.object()));
        }
    }

    /** Whether {@code userId} forgot {@code room} (and has not come back since). */
    public boolean isForgotten(String userId, long room) {
        long user = storage.interner().find(IdKind.USER, userId);
        return user != 0 && kv().get(FORGOTTEN, RoomKeys.of(user, room)) != null;
    }

    private static Membership parse(long room, byte[] value) {
        ObjectNode rec = Json.readRecord(value);
        return new Membership(room, rec.get("membership").textValue(), rec.get("event_id").textValue(),
                rec.get("ordering").longValue());
    }
}
