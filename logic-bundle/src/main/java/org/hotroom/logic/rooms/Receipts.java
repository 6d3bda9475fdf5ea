package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Receipts" (POST /rooms/{roomId}/receipt/{receiptType}/{eventId}, m.receipt).

/**
 * Read receipts (docs/ROOMS.md):
 * <pre>
 * table "receipt":     room, user, type UTF-8 0x00 thread UTF-8 -> {"event_id", "ts", "position"}
 * table "receipt_log": room, position -> user, type UTF-8 0x00 thread UTF-8
 * </pre>
 * The thread is {@code ""} for an unthreaded receipt, {@code main} or a thread root's event ID
 * otherwise; each (user, type, thread) has one receipt. A new receipt advances the {@code sync}
 * stream and moves its log entry to the new position, so the log holds each receipt once, under
 * its latest change: an incremental {@code /sync} reads the room's log after its token.
 */
public final class Receipts {

    public static final String TABLE = "receipt";
    public static final String LOG = "receipt_log";
    public static final String STREAM = EventPersister.SYNC;

    /** A public read receipt. */
    public static final String READ = "m.read";
    /** A read receipt only its sender sees. */
    public static final String READ_PRIVATE = "m.read.private";

    /** One receipt; {@code thread} is {@code ""} when unthreaded. */
    public record Receipt(long user, String type, String thread, String eventId, long ts, long position) {}

    private final StepStorage storage;
    private final KeyValue kv;

    public Receipts(StepStorage storage) {
        this.storage = storage;
        this.kv = storage.keyValue();
    }

    /** The receipt of {@code user} of {@code type} in {@code thread}, or null. */
    public Receipt get(long room, long user, String type, String thread) {
        byte[] v = kv.get(TABLE, key(room, user, type, thread));
        return v == null ? null : receipt(user, type, thread, v);
    }

    /** Stores a receipt at {@code eventId}, replacing the earlier one of the same user, type and thread. */
    public long put(long room, long user, String type, String thread, String eventId, long ts) {
        storage.beginWrite();
        byte[] key = key(room, user, type, thread);
        byte[] old = kv.get(TABLE, key);
        if (old != null) {
            JsonNode p = Json.readRecord(old).get("position");
            if (p != null) {
                kv.delete(LOG, logKey(room, p.longValue()));
            }
        }
        long pos = storage.streams().advance(STREAM);
        ObjectNode rec = Json.object();
        rec.put("event_id", eventId);
        rec.put("ts", ts);
        rec.put("position", pos);
        kv.put(TABLE, key, Json.record(rec));
        kv.put(LOG, logKey(room, pos), Arrays.copyOfRange(key, 8, key.length));
        return pos;
    }

    /** Every receipt in the room. */
    public List<Receipt> all(long room) {
        List<Receipt> out = new ArrayList<>();
        kv.scan(TABLE, RoomKeys.of(room), (key, value) -> {
            if (key.length < 17 || ByteBuffer.wrap(key).getLong() != room) {
                return false;
            }
            Receipt r = fromKey(key, 8, value);
            if (r != null) {
                out.add(r);
            }
            return true;
        });
        return out;
    }

    /** The receipts of the room written after stream position {@code since}, oldest first. */
    public List<Receipt> since(long room, long since) {
        List<byte[]> keys = new ArrayList<>();
        kv.scan(LOG, logKey(room, since + 1), (key, value) -> {
            if (key.length != 16 || ByteBuffer.wrap(key).getLong() != room) {
                return false;
            }
            keys.add(value);
            return true;
        });
        List<Receipt> out = new ArrayList<>();
        for (byte[] rest : keys) {
            byte[] full = new byte[8 + rest.length];
            ByteBuffer.wrap(full).putLong(room).put(rest);
            byte[] v = kv.get(TABLE, full);
            if (v != null) {
                Receipt r = fromKey(full, 8, v);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** Whether the room has receipts written after {@code since}. */
    public boolean changedSince(long room, long since) {
        boolean[] any = {false};
        kv.scan(LOG, logKey(room, since + 1), (key, value) -> {
            any[0] = key.length == 16 && ByteBuffer.wrap(key).getLong() == room;
            return false;
        });
        return any[0];
    }

    private static Receipt fromKey(byte[] key, int at, byte[] value) {
        long user = ByteBuffer.wrap(key, at, 8).getLong();
        int sep = -1;
        for (int i = at + 8; i < key.length; i++) {
            if (key[i] == 0) {
                sep = i;
                break;
            }
        }
        if (sep < 0) {
            return null;
        }
        String type = new String(key, at + 8, sep - at - 8, StandardCharsets.UTF_8);
        String thread = new String(key, sep + 1, key.length - sep - 1, StandardCharsets.UTF_8);
        return receipt(user, type, thread, value);
    }

    private static Receipt receipt(long user, String type, String thread, byte[] value) {
        ObjectNode r = Json.readRecord(value);
        return new Receipt(user, type, thread, r.get("event_id").textValue(), r.get("ts").longValue(),
                r.get("position").longValue());
    }

    private static byte[] key(long room, long user, String type, String thread) {
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        byte[] th = thread.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + t.length + 1 + th.length).putLong(room).putLong(user).put(t).put((byte) 0)
                .put(th).array();
    }

    private static byte[] logKey(long room, long position) {
        return RoomKeys.of(room, position);
    }
}
