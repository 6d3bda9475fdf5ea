package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One offline protocol tool of {@code ./hotroom tool NAME}: a function from one JSON request object
 * to one JSON response object, running the same logic classes the server runs. A tool keeps no
 * state between requests.
 *
 * <p>To add a tool: implement this, register it in {@link Tools}, and test it through
 * {@link ToolMain#run} (see ToolMainTest).
 */
public interface Tool {

    /** The name on the command line, e.g. {@code hash-event}. */
    String name();

    /** One line for the tool list: the request and response shapes. */
    String synopsis();

    /**
     * Answers one request.
     *
     * @throws ToolException (or {@link org.hotroom.logic.event.InvalidEventException},
     *         {@link org.hotroom.logic.room.UnknownRoomVersionException}) for a request it refuses;
     *         the message is shown to the user as the line's error
     */
    ObjectNode handle(ToolRequest request);
}
