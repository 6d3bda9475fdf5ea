package org.hotroom.logic.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.room.EventFormat;
import org.hotroom.logic.room.RoomVersion;

/** Valid events of any room version, to be varied by tests. */
public final class TestEvents {

    private TestEvents() {}

    public static ObjectNode json(String text) {
        return StrictJson.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A valid event ID of {@code version}, distinct for each {@code n}. */
    public static String eventId(RoomVersion version, int n) {
        if (version.eventFormat() == EventFormat.V1) {
            return "$event" + n + ":example.org";
        }
        byte[] h = sha256("event " + n);
        return "$" + (version.eventFormat() == EventFormat.V2
                ? Base64.getEncoder().withoutPadding().encodeToString(h)
                : Base64.getUrlEncoder().withoutPadding().encodeToString(h));
    }

    /** A valid room ID of {@code version}. */
    public static String roomId(RoomVersion version) {
        if (version.roomIdIsCreateEventHash()) {
            return "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("room"));
        }
        return "!room:example.org";
    }

    /** A reference to event {@code n} as {@code prev_events} / {@code auth_events} hold it. */
    public static void addReference(RoomVersion version, ArrayNode refs, int n) {
        if (version.eventFormat() == EventFormat.V1) {
            ArrayNode pair = refs.addArray();
            pair.add(eventId(version, n));
            pair.addObject().put("sha256", Base64.getEncoder().withoutPadding().encodeToString(sha256("ref " + n)));
        } else {
            refs.add(eventId(version, n));
        }
    }

    /** A complete, valid {@code m.room.message} event (hashes and signatures are placeholders). */
    public static ObjectNode message(RoomVersion version) {
        ObjectNode e = Json.object();
        if (version.eventFormat() == EventFormat.V1) {
            e.put("event_id", "$message:example.org");
        }
        e.put("type", "m.room.message");
        e.put("room_id", roomId(version));
        e.put("sender", "@alice:example.org");
        e.putObject("content").put("msgtype", "m.text").put("body", "hello");
        e.put("depth", 5);
        e.put("origin_server_ts", 1_700_000_000_000L);
        addReference(version, e.putArray("prev_events"), 4);
        ArrayNode auth = e.putArray("auth_events");
        for (int i = 1; i <= 3; i++) {
            addReference(version, auth, i);
        }
        e.putObject("hashes").put("sha256", "aGFzaA");
        e.putObject("signatures").putObject("example.org").put("ed25519:1", "c2ln");
        e.putObject("unsigned").put("age", 12);
        return e;
    }

    /** A valid state event of {@code type} with {@code content}. */
    public static ObjectNode state(RoomVersion version, String type, String stateKey, ObjectNode content) {
        ObjectNode e = message(version);
        e.put("type", type);
        e.put("state_key", stateKey);
        e.set("content", content);
        return e;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
