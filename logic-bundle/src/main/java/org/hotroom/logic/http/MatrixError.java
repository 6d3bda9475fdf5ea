package org.hotroom.logic.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotroom.api.Headers;
import org.hotroom.api.Respond;
import org.hotroom.logic.json.Json;

/**
 * A Matrix "standard error response" ({@code {"errcode": ..., "error": ...}}, client-server API,
 * "API Standards" / "Standard error response"), thrown by handlers and helpers and turned into a
 * {@link Respond} by the dispatcher.
 *
 * <p>Throwing discards every storage write the step made (the dispatcher calls
 * {@code StepStorage.discard()} before answering). A handler that must keep its writes while answering with an
 * error returns the error's {@link #toRespond()} instead of throwing it.
 */
public final class MatrixError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errcode;
    private final transient Map<String, JsonNode> extra;
    private final transient Headers headers;

    public MatrixError(int status, String errcode, String error) {
        this(status, errcode, error, Map.of(), Headers.EMPTY);
    }

    private MatrixError(int status, String errcode, String error, Map<String, JsonNode> extra, Headers headers) {
        super(error, null, false, false);
        this.status = status;
        this.errcode = errcode;
        this.extra = extra;
        this.headers = headers;
    }

    /** The same error with one more field in its body, e.g. {@code soft_logout}. */
    public MatrixError with(String field, JsonNode value) {
        Map<String, JsonNode> more = new LinkedHashMap<>(extra);
        more.put(field, value);
        return new MatrixError(status, errcode, getMessage(), more, headers);
    }

    /** The same error with one more response header, e.g. {@code Allow} on a 405. */
    public MatrixError withHeader(String name, String value) {
        return new MatrixError(status, errcode, getMessage(), extra, headers.with(name, value));
    }

    public int status() {
        return status;
    }

    public String errcode() {
        return errcode;
    }

    public Headers headers() {
        return headers;
    }

    /** The JSON body: errcode, error and any extra fields. */
    public ObjectNode body() {
        ObjectNode body = Json.object();
        extra.forEach(body::set);
        body.put("errcode", errcode);
        body.put("error", getMessage());
        return body;
    }

    public Respond toRespond() {
        Respond r = Responses.json(status, body());
        Headers h = r.headers();
        for (String name : headers.names()) {
            for (String v : headers.all(name)) {
                h = h.with(name, v);
            }
        }
        return new Respond(r.status(), h, r.body());
    }

    @Override
    public String toString() {
        return "MatrixError[" + status + " " + errcode + ": " + getMessage() + "]";
    }

    // --- the codes used so far; add more as endpoints need them ---

    /** 404 M_UNRECOGNIZED: no such endpoint. */
    public static MatrixError unrecognized(String error) {
        return new MatrixError(404, "M_UNRECOGNIZED", error);
    }

    /** 400 M_NOT_JSON: the body is not JSON. */
    public static MatrixError notJson(String error) {
        return new MatrixError(400, "M_NOT_JSON", error);
    }

    /** 400 M_BAD_JSON: JSON, but malformed for this endpoint. */
    public static MatrixError badJson(String error) {
        return new MatrixError(400, "M_BAD_JSON", error);
    }

    /** 400 M_INVALID_PARAM: a parameter has the wrong value. */
    public static MatrixError invalidParam(String error) {
        return new MatrixError(400, "M_INVALID_PARAM", error);
    }

    /** 400 M_MISSING_PARAM: a required parameter is missing. */
    public static MatrixError missingParam(String error) {
        return new MatrixError(400, "M_MISSING_PARAM", error);
    }

    /** 403 M_FORBIDDEN. */
    public static MatrixError forbidden(String error) {
        return new MatrixError(403, "M_FORBIDDEN", error);
    }

    /** 400 M_UNKNOWN: a bad request that has no more precise code. */
    public static MatrixError badRequest(String error) {
        return new MatrixError(400, "M_UNKNOWN", error);
    }

    /** 500 M_UNKNOWN: the server failed. */
    public static MatrixError internal(String error) {
        return new MatrixError(500, "M_UNKNOWN", error);
    }
}
