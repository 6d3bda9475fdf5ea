package org.hotroom.logic.stateres;

/**
 * The input cannot be resolved: missing events ({@link MissingEventsException}), an auth_events
 * cycle, a state set with an event under a key that is not its own, and the like. The message
 * names the events concerned.
 */
public class StateResolutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateResolutionException(String message) {
        super(message, null, false, false);
    }
}
