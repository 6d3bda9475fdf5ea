package org.hotroom.logic.tool;

/** A request a tool cannot answer; its message becomes the line's {@code {"error": ...}}. */
public final class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolException(String message) {
        super(message, null, false, false);
    }
}
