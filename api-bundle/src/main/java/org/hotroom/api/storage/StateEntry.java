package org.hotroom.api.storage;

/**
 * One cell of a room state: the event that holds the key {@code (type, stateKey)}, all three as
 * numeric IDs ({@link Interner}: {@link IdKind#EVENT_TYPE}, {@link IdKind#STATE_KEY}, {@link
 * IdKind#EVENT}).
 *
 * <p>Used to describe changes: {@code event == 0} means "the key is not in the state" (a removal,
 * which Matrix state resolution never produces but a full map given to {@link
 * EventStates#fullState} may imply).
 */
public record StateEntry(long type, long stateKey, long event) {

    public StateEntry {
        if (type <= 0 || type > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("event type ID out of range: " + type);
        }
        if (stateKey <= 0 || stateKey > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("state key ID out of range: " + stateKey);
        }
        if (event < 0) {
            throw new IllegalArgumentException("event ID out of range: " + event);
        }
    }
}
