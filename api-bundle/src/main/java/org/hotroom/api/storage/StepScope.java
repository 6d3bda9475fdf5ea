package org.hotroom.api.storage;

/**
 * The shell's handle on one step's storage: it passes the scope to the logic, then commits it if
 * the step returned normally. Closing an uncommitted scope discards its writes.
 */
public interface StepScope extends StepStorage, AutoCloseable {

    /**
     * Makes every write of this step durable and visible, atomically, then tells stream listeners.
     * A step that wrote nothing commits at no cost.
     *
     * @throws StorageFullException when the store has no room; nothing of the step is written
     */
    void commit();

    /** Ends the scope; discards uncommitted writes and releases locks. Never throws. */
    @Override
    void close();
}
