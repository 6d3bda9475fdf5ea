package org.hotroom.api.storage;

/**
 * Matrix string identifiers to numeric IDs and back, within one step.
 *
 * <p>Why: every table keyed by a room, event, user, type or state key stores a number of a few
 * bytes instead of a string of up to 255, and comparing, sorting and packing numbers is cheap.
 * Numeric IDs are private to this server: they are never sent to clients or other servers, and
 * two servers number the same string differently (except {@link WellKnown} IDs).
 *
 * <p>Rules: 0 means "none" and is never an ID. A string keeps its ID forever. An ID handed out by
 * {@link #intern} in a step becomes durable when the step commits; if the step fails, the ID is
 * forgotten and may later be given to another string, so a failed step must not have leaked it
 * anywhere else (it cannot: everything else a step writes is discarded with it). Strings must be
 * valid UTF-16 (no unpaired surrogates); any length is accepted.
 */
public interface Interner {

    /**
     * The ID of {@code value} in {@code kind}, assigning the next free one if it has none yet.
     * Assigning takes the writer lock, like any write.
     */
    long intern(IdKind kind, String value);

    /** The ID of {@code value} in {@code kind}, or 0 when it was never interned. Never writes. */
    long find(IdKind kind, String value);

    /** The string with ID {@code id} in {@code kind}, or null when there is none. */
    String lookup(IdKind kind, long id);
}
