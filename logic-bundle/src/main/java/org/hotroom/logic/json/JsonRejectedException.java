package org.hotroom.logic.json;

/**
 * Bytes that {@link StrictJson} refuses, with the reason mapped onto the two Matrix error codes:
 * {@link Reason#NOT_JSON} when the bytes are not JSON text at all, {@link Reason#BAD_JSON} when
 * they are JSON that Matrix does not accept (duplicate keys, too deep, lone surrogates ...).
 */
public final class JsonRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the bytes were refused. */
    public enum Reason {
        /** Not JSON: syntax error, invalid UTF-8, trailing data, empty input. ({@code M_NOT_JSON}) */
        NOT_JSON,
        /** JSON, but not acceptable: duplicate keys, nesting too deep, lone surrogate. ({@code M_BAD_JSON}) */
        BAD_JSON
    }

    private final Reason reason;

    public JsonRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
