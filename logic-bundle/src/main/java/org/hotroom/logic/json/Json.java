package org.hotroom.logic.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers to build JSON trees for responses and stored records. */
public final class Json {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** An array of strings. */
    public static ArrayNode strings(String... values) {
        ArrayNode a = NODES.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    /** A stored record: canonical JSON bytes of an object. */
    public static byte[] record(ObjectNode o) {
        return CanonicalJson.encode(o);
    }

    /** Reads back a record written by {@link #record}; a corrupt record is a bug (IllegalStateException). */
    public static ObjectNode readRecord(byte[] bytes) {
        try {
            return StrictJson.parseObject(bytes);
        } catch (JsonRejectedException e) {
            throw new IllegalStateException("corrupt stored record: " + e.getMessage(), e);
        }
    }
}
