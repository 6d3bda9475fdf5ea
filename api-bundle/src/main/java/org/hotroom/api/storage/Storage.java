package org.hotroom.api.storage;

/**
 * The storage service. It outlives every logic reload: the storage bundle is never restarted
 * when the logic changes.
 */
public interface Storage {

    /**
     * Opens the storage for one step. Reads start on a snapshot; the first write (or
     * {@link StepStorage#beginWrite()}) takes the single writer lock until the scope is closed.
     */
    StepScope openStep();

    /** The committed position of a stream; 0 for a stream that never moved. */
    long position(String stream);

    /** Called after each commit that moved a stream. Listeners must be quick and must not throw. */
    void addStreamListener(StreamListener listener);

    void removeStreamListener(StreamListener listener);
}
