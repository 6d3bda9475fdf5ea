package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Typing Notifications" (PUT /rooms/{roomId}/typing/{userId}, m.typing).

/**
 * Who is typing in which room (docs/ROOMS.md):
 * <pre>
 * table "typing":     room, user -> {"expires_ts"}
 * table "typing_log": room       -> {"position"}: the sync stream position of the room's last change
 * </pre>
 * A change is a user who starts typing or stops (by request or because their time ran out); a user
 * who is still typing and says so again only gets a later {@code expires_ts}, which changes
 * nothing clients see, so it does not advance the stream. Nothing runs when a typing
 * notification expires: the expired entry is removed, and the change recorded, by the next step
 * that looks at the room's typing users and writes ({@link #expire}); {@code /sync} does so for
 * the rooms it reports and wakes itself at the next expiry.
 */
public final class Typing {

    public static final String TABLE = "typing";
    public static final String LOG = "typing_log";
    /** The sync stream (docs/ROOMS.md). */
    public static final String STREAM = EventPersister.SYNC;

    private final StepStorage storage;
    private final KeyValue kv;

    public Typing(StepStorage storage) {
        this.storage = storage;
        this.kv = storage.keyValue();
    }

    /** One entry: a user and when their typing ends. */
    public record Entry(long user, long expiresTs) {}

    /** Every entry of the room, expired or not, in numeric user order. */
    public List<Entry> entries(long room) {
        List<Entry> out = new ArrayList<>();
        byte[] prefix = RoomKeys.of(room);
        kv.scan(TABLE, prefix, (key, value) -> {
            if (key.length != 16 || ByteBuffer.wrap(key).getLong() != room) {
                return false;
            }
            JsonNode exp = Json.readRecord(value).get("expires_ts");
            out.add(new Entry(ByteBuffer.wrap(key, 8, 8).getLong(), exp == null ? 0 : exp.longValue()));
            return true;
        });
        return out;
    }

    /** The users typing at {@code now}, in numeric user order. */
    public List<Long> typing(long room, long now) {
        List<Long> out = new ArrayList<>();
        for (Entry e : entries(room)) {
            if (e.expiresTs() > now) {
                out.add(e.user());
            }
        }
        return out;
    }

    /** The earliest expiry after {@code now} among the room's entries, or {@code Long.MAX_VALUE}. */
    public long nextExpiry(long room, long now) {
        long next = Long.MAX_VALUE;
        for (Entry e : entries(room)) {
            if (e.expiresTs() > now) {
                next = Math.min(next, e.expiresTs());
            }
        }
        return next;
    }

    /** Whether the room has entries whose time ran out at {@code now}. */
    public boolean hasExpired(long room, long now) {
        for (Entry e : entries(room)) {
            if (e.expiresTs() <= now) {
                return true;
            }
        }
        return false;
    }

    /** The stream position of the room's last change, or 0 when it never had one. */
    public long lastChange(long room) {
        byte[] v = kv.get(LOG, RoomKeys.of(room));
        JsonNode p = v == null ? null : Json.readRecord(v).get("position");
        return p == null ? 0 : p.longValue();
    }

    /**
     * Removes the room's expired entries; when there were any, advances the stream once and
     * records the change. Returns whether anything changed.
     */
    public boolean expire(long room, long now) {
        if (!hasExpired(room, now)) {
            return false;
        }
        storage.beginWrite();
        boolean removed = false;
        for (Entry e : entries(room)) { // again: with the writer lock, reads see the latest data
            if (e.expiresTs() <= now) {
                kv.delete(TABLE, RoomKeys.of(room, e.user()));
                removed = true;
            }
        }
        if (removed) {
            logChange(room);
        }
        return removed;
    }

    /**
     * Sets whether {@code user} is typing in {@code room} until {@code expiresTs} (ignored when
     * not typing). Expired entries of the room go at the same time. Returns whether clients see a
     * change (and so the stream advanced).
     */
    public boolean set(long room, long user, boolean typing, long expiresTs, long now) {
        storage.beginWrite();
        boolean changed = false;
        boolean wasTyping = false;
        for (Entry e : entries(room)) {
            if (e.user() == user) {
                wasTyping = e.expiresTs() > now;
            }
            if (e.expiresTs() <= now) {
                kv.delete(TABLE, RoomKeys.of(room, e.user()));
                changed = true;
            }
        }
        byte[] key = RoomKeys.of(room, user);
        if (typing) {
            ObjectNode rec = Json.object();
            rec.put("expires_ts", expiresTs);
            kv.put(TABLE, key, Json.record(rec));
            changed |= !wasTyping;
        } else if (wasTyping) {
            kv.delete(TABLE, key);
            changed = true;
        }
        if (changed) {
            logChange(room);
        }
        return changed;
    }

    private void logChange(long room) {
        long pos = storage.streams().advance(STREAM);
        ObjectNode rec = Json.object();
        rec.put("position", pos);
        kv.put(LOG, RoomKeys.of(room), Json.record(rec));
    }
}
