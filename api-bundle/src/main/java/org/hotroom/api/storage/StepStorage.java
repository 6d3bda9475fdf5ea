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
}
