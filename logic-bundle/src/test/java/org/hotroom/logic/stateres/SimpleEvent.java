package org.hotroom.logic.stateres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A plain {@link StateResEvent} for tests and benchmarks (light: no JSON but the content). */
public final class SimpleEvent implements StateResEvent {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String id;
    private final String type;
    private final String stateKey;
    private final String sender;
    private final JsonNode content;
    private final String roomId;
    private final List<String> auth;
    private final List<String> prev;
    private final long depth;
    private final long ts;
    private final boolean rejected;

    public SimpleEvent(String id, String type, String stateKey, String sender, JsonNode content, String roomId,
            List<String> auth, List<String> prev, long depth, long ts, boolean rejected) {
        this.id = id;
        this.type = type;
        this.stateKey = stateKey;
        this.sender = sender;
        this.content = content == null ? F.objectNode() : content;
        this.roomId = roomId;
        this.auth = List.copyOf(auth);
        this.prev = List.copyOf(prev);
        this.depth = depth;
        this.ts = ts;
        this.rejected = rejected;
    }

    public SimpleEvent withRejected(boolean r) {
        return new SimpleEvent(id, type, stateKey, sender, content, roomId, auth, prev, depth, ts, r);
    }

    /** The event as PDU JSON with an explicit event_id, v1-style [id, {}] references when {@code pairs}. */
    public ObjectNode toJson(boolean pairs) {
        ObjectNode o = F.objectNode();
        o.put("event_id", id);
        o.put("type", type);
        if (stateKey != null) {
            o.put("state_key", stateKey);
        }
        o.put("sender", sender);
        o.set("content", content);
        if (roomId != null) {
            o.put("room_id", roomId);
        }
        o.set("auth_events", refs(auth, pairs));
        o.set("prev_events", refs(prev, pairs));
        o.put("depth", depth);
        o.put("origin_server_ts", ts);
        return o;
    }

    private static ArrayNode refs(List<String> ids, boolean pairs) {
        ArrayNode a = F.arrayNode();
        for (String r : ids) {
            if (pairs) {
                a.addArray().add(r).addObject().put("sha256", "x");
            } else {
                a.add(r);
            }
        }
        return a;
    }

    @Override
    public long originServerTs() {
        return ts;
    }

    @Override
    public long depth() {
        return depth;
    }

    @Override
    public String eventId() {
        return id;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String stateKey() {
        return stateKey;
    }

    @Override
    public String sender() {
        return sender;
    }

    @Override
    public JsonNode content() {
        return content;
    }

    @Override
    public String roomId() {
        return roomId;
    }

    @Override
    public List<String> authEventIds() {
        return auth;
    }

    @Override
    public List<String> prevEventIds() {
        return prev;
    }

    @Override
    public boolean rejected() {
        return rejected;
    }

    @Override
    public String toString() {
        return id + " " + type + (stateKey != null ? " [" + stateKey + "]" : "") + " by " + sender + " " + content;
    }
}
