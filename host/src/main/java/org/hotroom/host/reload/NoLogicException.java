package org.hotroom.host.reload;

/** No logic generation is active (before the first one, or after shutdown). */
public final class NoLogicException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoLogicException(String message) {
        super(message);
    }
}
