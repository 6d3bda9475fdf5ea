package org.hotroom.api.storage;

/**
 * Storage as one step of the logic sees it.
 *
 * <p>Reads see a consistent snapshot plus this step's own writes. A step that will read something
 * and write depending on it calls {@link #beginWrite()} first: from then on it holds the single
 * writer lock, and its reads see the latest committed data. Nothing written is visible to others
 * until the step returns and the shell commits; if the step throws, nothing is written.
 */
public interface StepStorage {

    /** Takes the writer lock now (writes take it implicitly). Idempotent. */
    void beginWrite();

    /** Small keyed records, grouped in named tables. */
    KeyValue keyValue();

    /** Named, monotonically increasing stream positions (for long-polls and pagination). */
    Streams streams();

    /**
     * Matrix string IDs to numeric IDs and back.
     *
     * <p>A default method so that existing implementations (test doubles, wrappers) keep compiling;
     * the storage bundle's step scopes implement it. A wrapper that holds back writes until the
     * step ends should pass this through to the storage it wraps.
     *
     * @throws UnsupportedOperationException if this storage does not intern
     */
    default Interner interner() {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not offer interning (StepStorage.interner()); use the storage bundle's step scope"
                + " or pass the call through to it");
    }

    /**
     * The state of rooms before and after events.
     *
     * <p>A default method for the same reason as {@link #interner()}.
     *
     * @throws UnsupportedOperationException if this storage keeps no room state
     */
    default EventStates eventStates() {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not keep room state (StepStorage.eventStates()); use the storage bundle's step scope"
                + " or pass the call through to it");
    }

    /**
     * Events byte for byte with their metadata, and each room's graph.
     *
     * <p>A default method for the same reason as {@link #interner()}.
     *
     * @throws UnsupportedOperationException if this storage keeps no events
     */
    default Events events() {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not keep events (StepStorage.events()); use the storage bundle's step scope");
    }

    /**
     * Remote servers' signing keys and this server's own.
     *
     * <p>A default method for the same reason as {@link #interner()}.
     *
     * @throws UnsupportedOperationException if this storage keeps no signing keys
     */
    default ServerSigningKeys serverSigningKeys() {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not keep signing keys (StepStorage.serverSigningKeys()); use the storage bundle's step scope");
    }

    /**
     * In-flight exchanges as opaque bytes, for the shell.
     *
     * <p>A default method for the same reason as {@link #interner()}.
     *
     * @throws UnsupportedOperationException if this storage keeps no exchanges
     */
    default ExchangeStore exchangeStore() {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not keep exchanges (StepStorage.exchangeStore()); use the storage bundle's step scope");
    }

    /**
     * Per-destination queues of outgoing federation items.
     *
     * <p>A default method for the same reason as {@link #interner()}.
     *
     * @throws UnsupportedOperationException if this storage keeps no outgoing queues
     */
    default OutgoingQueues outgoingQueues() {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not keep outgoing queues (StepStorage.outgoingQueues()); use the storage bundle's step scope");
    }

    /**
     * Drops every write this step made so far (key-value records, stream advances, interned IDs,
     * recorded states, events, and the stores above) and keeps the writer lock if it was held.
     * Reads then see committed data again, and the step may go on and write afresh.
     *
     * <p>Why: a step that ends in a Matrix error answers normally, so the shell commits it; the
     * logic discards first, so a failed request never leaves half its writes behind.
     *
     * <p>What the step got from its writes goes too: numeric IDs it interned may be given to other
     * strings afterwards, and {@link StateSnapshot}s obtained before the discard may not be used
     * after it (they may name discarded states; the storage bundle's snapshots throw).
     *
     * @throws UnsupportedOperationException if this storage cannot discard
     */
    default void discard() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot discard writes (StepStorage.discard())");
    }
}
