package org.hotroom.storage;

import java.lang.System.Logger.Level;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hotroom.api.storage.StorageException;

/**
 * The single-writer lock of the store, one per environment.
 *
 * <p>A step scope takes it on its first write (or {@code beginWrite()}) and gives it back exactly
 * once: when its commit finishes (successfully or not), or when it is closed. Every LMDB write
 * transaction is begun by a holder, so while a scope holds it no one else commits, and a read
 * transaction opened by the holder sees the latest committed data.
 *
 * <p>It is a fair semaphore rather than a lock because a scope may be released from a different
 * thread than the one that acquired it (scopes are not tied to threads). Waiters are served in
 * arrival order; a waiter logs a warning every {@link #WARN_AFTER_SECONDS} seconds naming the
 * holder, since a scope that is never closed would otherwise block every writer silently.
 */
final class WriteLock {

    static final long WARN_AFTER_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(WriteLock.class.getName());

    private final Semaphore permit = new Semaphore(1, true);
    private volatile String holder;

    /** Blocks until the lock is free. {@code who} names the new holder in diagnostics. */
    void acquire(String who) {
        try {
            while (!permit.tryAcquire(WARN_AFTER_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "{0} has waited over {1} s for the storage write lock, held by {2}",
                        who, WARN_AFTER_SECONDS, holder);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the storage write lock", e);
        }
        holder = who;
    }

    /** Only the current holder calls this, once per acquire. */
    void release() {
        holder = null;
        permit.release();
    }

    /** For tests and diagnostics. */
    boolean isHeld() {
        return permit.availablePermits() == 0;
    }
}
