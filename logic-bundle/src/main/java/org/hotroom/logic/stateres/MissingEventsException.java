package org.hotroom.logic.stateres;

import java.util.List;

/**
 * A resolution needed events its {@link EventSource} does not have: events of the state sets or
 * of their auth chains. {@link #missing()} lists every one that was found missing, sorted.
 */
public final class MissingEventsException extends StateResolutionException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> missing;

    MissingEventsException(List<String> missing, String message) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    /** The missing event IDs, sorted, without duplicates. */
    public List<String> missing() {
        return missing;
    }
}
