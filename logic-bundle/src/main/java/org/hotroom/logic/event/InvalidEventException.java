package org.hotroom.logic.event;

/**
 * An event that does not comply with the event format of its room version. Over federation such
 * an event is dropped (server-server API, "Checks performed on receipt of a PDU", step 1); over
 * the client API it is a 400 {@code M_BAD_JSON}.
 *
 * <p>The message names the offending field by its path ({@code content.users}, {@code prev_events[3]})
 * and says what was expected.
 */
public final class InvalidEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidEventException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidEventException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The path of the offending field, or null when the problem is the event as a whole. */
    public String field() {
        return field;
    }
}
