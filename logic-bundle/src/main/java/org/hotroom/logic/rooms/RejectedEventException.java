package org.hotroom.logic.rooms;

import org.hotroom.logic.auth.Decision;

/**
 * {@link EventPersister} refused an event: the authorisation rules rejected it (the decision names
 * the rule), or it does not fit the room (a second create event, parents in another room).
 * Nothing of the event was stored.
 */
public final class RejectedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Decision decision;

    public RejectedEventException(Decision decision) {
        super(decision.reason(), null, false, false);
        this.decision = decision;
    }

    public Decision decision() {
        return decision;
    }
}
