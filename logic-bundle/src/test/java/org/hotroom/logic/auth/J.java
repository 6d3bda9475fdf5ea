package org.hotroom.logic.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Terse JSON for tests. */
final class J {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private J() {}

    /** An object from alternating keys and values (String, Number, Boolean, JsonNode, null). */
    static ObjectNode o(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("odd key/value list");
        }
        ObjectNode o = F.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], node(kv[i + 1]));
        }
        return o;
    }

    static ArrayNode a(Object... values) {
        ArrayNode a = F.arrayNode();
        for (Object v : values) {
            a.add(node(v));
        }
        return a;
    }

    static JsonNode node(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Double d) {
            return F.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        throw new IllegalArgumentException("no JSON for " + v.getClass());
    }

    /** Parses JSON text (single quotes allowed for readability: they become double quotes). */
    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
