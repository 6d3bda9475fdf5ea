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

    /** {@code room_version}, a supported version string. */
    public RoomVersion roomVersion() {
        return RoomVersions.get(requireString("room_version"));
    }
}
