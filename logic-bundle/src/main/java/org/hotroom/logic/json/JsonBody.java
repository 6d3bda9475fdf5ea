package org.hotroom.logic.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.http.MatrixError;

/**
 * Typed access to the fields of a JSON object from a request, answering 400 {@code M_BAD_JSON}
 * (a {@link MatrixError}) when a required field is missing or a field has the wrong type. Error
 * messages name the field by its path, e.g. {@code identifier.user}.
 *
 * <p>An optional field that is present with the value {@code null} is treated as absent, as
 * clients commonly serialize unset options that way.
 */
public final class JsonBody {

    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The top-level object of a request body. */
    public static JsonBody of(ObjectNode node) {
        return new JsonBody(node, "");
    }

    /** The underlying object. */
    public ObjectNode node() {
        return node;
    }

    /** True when the field is present and not {@code null}. */
    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public String requireString(String field) {
        String v = optString(field);
        if (v == null) {
            throw missing(field, "a string");
        }
        return v;
    }

    /** The string value, or null when absent. */
    public String optString(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return v.textValue();
    }

    public boolean optBoolean(String field, boolean absent) {
        JsonNode v = present(field);
        if (v == null) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "a boolean");
        }
        return v.booleanValue();
    }

    /** An integer field that fits a long, or {@code absent}. */
    public long optLong(String field, long absent) {
        JsonNode v = present(field);
        if (v == null) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        return v.longValue();
    }

    public JsonBody requireObject(String field) {
        JsonBody v = optObject(field);
        if (v == null) {
            throw missing(field, "an object");
        }
        return v;
    }

    /** The nested object, or null when absent. */
    public JsonBody optObject(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof ObjectNode o)) {
            throw wrongType(field, "an object");
        }
        return new JsonBody(o, name(field) + ".");
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private String name(String field) {
        return path + field;
    }

    private MatrixError missing(String field, String type) {
        return MatrixError.badJson("missing required field '" + name(field) + "' (" + type + ")");
    }

    private MatrixError wrongType(String field, String type) {
        return MatrixError.badJson("field '" + name(field) + "' must be " + type);
    }
}
