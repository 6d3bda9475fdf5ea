package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;

/** Typed access to the fields of one request line, refusing missing or mistyped fields by name. */
public final class ToolRequest {

    private final ObjectNode node;

    public ToolRequest(ObjectNode node) {
        this.node = node;
    }

    /** The whole request. */
    public ObjectNode node() {
        return node;
    }

    /** A field of any JSON type, including null; missing is refused. */
    public JsonNode require(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new ToolException("missing field '" + field + "'");
        }
        return v;
    }

    public String requireString(String field) {
        JsonNode v = require(field);
        if (!v.isTextual()) {
            throw new ToolException("field '" + field + "' must be a string");
        }
        return v.textValue();
    }

    public ObjectNode requireObject(String field) {
        JsonNode v = require(field);
        if (!(v instanceof ObjectNode o)) {
            throw new ToolException("field '" + field + "' must be an object");
        }
        return o;
    }

    /** An optional array of event IDs (e.g. {@code rejected}); empty when the field is absent. */
    public java.util.Set<String> optionalEventIds(String field) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        JsonNode v = node.get(field);
        if (v == null) {
            return ids;
        }
        if (!v.isArray()) {
            throw new ToolException("field '" + field + "' must be an array of event IDs");
        }
        for (JsonNode id : v) {
            if (!id.isTextual()) {
                throw new ToolException("field '" + field + "' must be an array of event IDs");
            }
            ids.add(id.textValue());
        }
        return ids;
    }

    /** {@code room_version}, a supported version string. */
    public RoomVersion roomVersion() {
        return RoomVersions.get(requireString("room_version"));
    }
}
