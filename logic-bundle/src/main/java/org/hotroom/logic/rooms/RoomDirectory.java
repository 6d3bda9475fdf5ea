package org.hotroom.logic.rooms;

import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.json.Json;

/**
 * The rooms published in this server's room directory (client-server API "Published room
 * directory").
 *
 * <pre>
 * table "public_room": room (8 bytes) -> {}
 * </pre>
 */
public final class RoomDirectory {

    public static final String TABLE = "public_room";

    private final KeyValue kv;

    public RoomDirectory(KeyValue kv) {
        this.kv = kv;
    }

    public boolean isPublished(long room) {
        return kv.get(TABLE, RoomKeys.of(room)) != null;
    }

    /** Publishes {@code room} (true) or removes it from the directory (false). */
    public void setPublished(long room, boolean published) {
        if (published) {
            kv.put(TABLE, RoomKeys.of(room), Json.record(Json.object()));
        } else {
            kv.delete(TABLE, RoomKeys.of(room));
        }
    }

    /** The published rooms' numeric IDs, in numeric order. */
    public List<Long> published() {
        List<Long> out = new ArrayList<>();
        kv.scan(TABLE, new byte[0], (key, value) -> {
            out.add(RoomKeys.longAt(key, 0));
            return true;
        });
        return out;
    }
}
