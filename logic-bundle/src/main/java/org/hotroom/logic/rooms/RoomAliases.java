package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.json.Json;

/**
 * Room aliases this server hosts (client-server API "Room aliases"): {@code #localpart:server},
 * where {@code server} is this server.
 *
 * <pre>
 * table "alias":      alias UTF-8            -> {"room_id", "creator"}
 * table "room_alias": room (8 bytes), alias  -> {}
 * </pre>
 */
public final class RoomAliases {

    public static final String TABLE = "alias";
    public static final String BY_ROOM = "room_alias";

    /** An alias's target and who made it. */
    public record Target(String roomId, String creator) {}

    private final KeyValue kv;

    public RoomAliases(KeyValue kv) {
        this.kv = kv;
    }

    /**
     * Null when {@code alias} is a room alias by the grammar (appendices "Room Aliases":
     * {@code #} + localpart + {@code :} + server name, at most 255 bytes; the localpart "any valid
     * non-surrogate Unicode codepoints except {@code :} and {@code NUL}"), else why not.
     */
    public static String aliasError(String alias) {
        if (alias.isEmpty() || alias.charAt(0) != '#') {
            return "a room alias starts with '#'";
        }
        if (Identifiers.utf8Length(alias) > Identifiers.MAX_ID_BYTES) {
            return "a room alias is at most " + Identifiers.MAX_ID_BYTES + " bytes long";
        }
        int colon = alias.indexOf(':');
        if (colon < 0) {
            return "a room alias has a ':' before its server name";
        }
        for (int i = 1; i < colon; i++) {
            char c = alias.charAt(i);
            if (c == 0) {
                return "a room alias localpart has no NUL";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < colon && Character.isLowSurrogate(alias.charAt(i + 1))) {
                    i++;
                } else {
                    return "a room alias localpart has no lone surrogates";
                }
            }
        }
        String server = Identifiers.serverNameError(alias.substring(colon + 1));
        return server == null ? null : "the room alias " + server;
    }

    /**
     * {@link #aliasError}, and for aliases this server makes, a localpart that is not empty and
     * has no whitespace or control characters (they are legal, but easily spoofed and hard to type).
     */
    public static String newAliasError(String alias) {
        String err = aliasError(alias);
        if (err != null) {
            return err;
        }
        if (alias.indexOf(':') == 1) {
            return "this server makes no room aliases with an empty localpart";
        }
        for (int i = 1; i < alias.indexOf(':'); i++) {
            char c = alias.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "this server makes no room aliases with whitespace or control characters";
            }
        }
        return null;
    }

    /** The server name of a valid alias. */
    public static String serverOf(String alias) {
        return alias.substring(alias.indexOf(':') + 1);
    }

    public Target get(String alias) {
        byte[] v = kv.get(TABLE, utf8(alias));
        if (v == null) {
            return null;
        }
        ObjectNode rec = Json.readRecord(v);
        return new Target(rec.get("room_id").textValue(), rec.get("creator").textValue());
    }

    /** Maps {@code alias} to {@code room} (numeric) / {@code roomId}; false when it is taken. */
    public boolean put(String alias, long room, String roomId, String creator) {
        if (kv.get(TABLE, utf8(alias)) != null) {
            return false;
        }
        ObjectNode rec = Json.object();
        rec.put("room_id", roomId);
        rec.put("creator", creator);
        kv.put(TABLE, utf8(alias), Json.record(rec));
        kv.put(BY_ROOM, RoomKeys.of(room, alias), Json.record(Json.object()));
        return true;
    }

    /** Removes {@code alias} of {@code room}; false when it was not mapped. */
    public boolean delete(String alias, long room) {
        boolean had = kv.delete(TABLE, utf8(alias));
        kv.delete(BY_ROOM, RoomKeys.of(room, alias));
        return had;
    }

    /** The aliases of {@code room} this server hosts, in byte order. */
    public List<String> ofRoom(long room) {
        byte[] prefix = RoomKeys.of(room);
        List<String> out = new ArrayList<>();
        kv.scan(BY_ROOM, prefix, (key, value) -> {
            if (!RoomKeys.startsWith(key, prefix)) {
                return false;
            }
            out.add(RoomKeys.textFrom(key, 8));
            return true;
        });
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
