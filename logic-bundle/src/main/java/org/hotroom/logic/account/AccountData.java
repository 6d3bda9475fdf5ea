package org.hotroom.logic.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.util.Entropy;

/**
 * A user's account data (client-server API, "Client Config"), global or per room, and the log of
 * its changes that {@code /sync} will read.
 *
 * <pre>
 * table "account_data":         localpart 0x00 SHA-256(room_id 0x00 type)  -> {"type", "room_id"?, "content"?, "stream_pos"}
 * table "account_data_changes": localpart 0x00 stream_pos (8 bytes, big-endian) -> SHA-256(room_id 0x00 type)
 * stream "sync":                advanced once per write
 * </pre>
 * The stream is the server-wide {@code sync} stream that {@code /sync} reads (docs/ROOMS.md), so a
 * change's position is comparable with every other change a sync token covers.
 * Global account data has the empty room ID in the hash (room IDs are never empty). Hashing keeps
 * keys under the storage's 400 bytes whatever the lengths of room ID and type. Each record is
 * listed in the change log once, under the position of its latest write: a write removes the
 * record's previous entry. So {@code /sync} finds what changed since a position by scanning
 * {@code localpart 0x00 (since + 1)} onwards, and an initial sync scans {@code localpart 0x00} in
 * the data table.
 *
 * <p>A record without {@code content} is a type whose content the server computes when it is
 * read ({@code m.push_rules}, from {@link PushRules}); {@link #touch} logs its changes.
 */
public final class AccountData {

    public static final String TABLE = "account_data";
    public static final String CHANGES = "account_data_changes";
    /** The server-wide {@code sync} stream (docs/ROOMS.md). */
    public static final String STREAM = "sync";

    /** Longest type accepted, in UTF-8 bytes: the limit on event types ("Size limits"). */
    public static final int MAX_TYPE_BYTES = 255;

    /** One entry of the change log. */
    public record Change(long position, String roomId, String type) {}

    /** One stored record: {@code roomId} null for global data, {@code content} null for a computed type. */
    public record Entry(long position, String roomId, String type, ObjectNode content) {}

    private final KeyValue kv;
    private final StepStorage storage;

    public AccountData(StepStorage storage) {
        this.storage = storage;
        this.kv = storage.keyValue();
    }

    /** The content stored for {@code type} ({@code roomId} null for global data), or null. */
    public ObjectNode content(String localpart, String roomId, String type) {
        ObjectNode rec = record(localpart, roomId, type);
        return rec == null || !rec.has("content") ? null : (ObjectNode) rec.get("content");
    }

    /** Stores {@code content}, replacing any earlier value; returns the stream position of the write. */
    public long put(String localpart, String roomId, String type, ObjectNode content) {
        return write(localpart, roomId, type, content);
    }

    /** Logs a change of a server-computed type without storing content; returns the stream position. */
    public long touch(String localpart, String roomId, String type) {
        return write(localpart, roomId, type, null);
    }

    /** The changes after {@code since}, oldest first. */
    public List<Change> changesSince(String localpart, long since) {
        byte[] prefix = userPrefix(localpart);
        byte[] from = ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(since + 1).array();
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        kv.scan(CHANGES, from, (key, value) -> {
            if (!startsWith(key, prefix)) {
                return false;
            }
            keys.add(key);
            hashes.add(value);
            return true;
        });
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            byte[] rec = kv.get(TABLE, concat(prefix, hashes.get(i)));
            if (rec != null) {
                ObjectNode r = Json.readRecord(rec);
                long pos = ByteBuffer.wrap(keys.get(i), prefix.length, 8).getLong();
                out.add(new Change(pos, r.has("room_id") ? r.get("room_id").textValue() : null, r.get("type").textValue()));
            }
        }
        return out;
    }

    /** Every record of the user, global and per room, in no particular order. */
    public List<Entry> all(String localpart) {
        byte[] prefix = userPrefix(localpart);
        List<Entry> out = new ArrayList<>();
        kv.scan(TABLE, prefix, (key, value) -> {
            if (!startsWith(key, prefix)) {
                return false;
            }
            ObjectNode r = Json.readRecord(value);
            out.add(new Entry(r.get("stream_pos").longValue(), r.has("room_id") ? r.get("room_id").textValue() : null,
                    r.get("type").textValue(), r.get("content") instanceof ObjectNode c ? c : null));
            return true;
        });
        return out;
    }

    private long write(String localpart, String roomId, String type, ObjectNode content) {
        storage.beginWrite();
        byte[] prefix = userPrefix(localpart);
        byte[] hash = scopeHash(roomId, type);
        byte[] key = concat(prefix, hash);
        byte[] old = kv.get(TABLE, key);
        if (old != null) {
            long oldPos = Json.readRecord(old).get("stream_pos").longValue();
            kv.delete(CHANGES, changeKey(prefix, oldPos));
        }
        long pos = storage.streams().advance(STREAM);
        ObjectNode rec = Json.object();
        rec.put("type", type);
        if (roomId != null) {
            rec.put("room_id", roomId);
        }
        if (content != null) {
            rec.set("content", content);
        }
        rec.put("stream_pos", pos);
        kv.put(TABLE, key, Json.record(rec));
        kv.put(CHANGES, changeKey(prefix, pos), hash);
        return pos;
    }

    private ObjectNode record(String localpart, String roomId, String type) {
        byte[] v = kv.get(TABLE, concat(userPrefix(localpart), scopeHash(roomId, type)));
        return v == null ? null : Json.readRecord(v);
    }

    private static byte[] scopeHash(String roomId, String type) {
        byte[] r = (roomId == null ? "" : roomId).getBytes(StandardCharsets.UTF_8);
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[r.length + 1 + t.length];
        System.arraycopy(r, 0, both, 0, r.length);
        System.arraycopy(t, 0, both, r.length + 1, t.length);
        return Entropy.sha256(both);
    }

    private static byte[] userPrefix(String localpart) {
        byte[] l = localpart.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(l, l.length + 1);
    }

    private static byte[] changeKey(byte[] prefix, long pos) {
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(pos).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }
}
