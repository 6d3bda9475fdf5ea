package org.hotroom.storage;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.hotroom.api.storage.StreamListener;

/**
 * Committed stream positions in memory, and the listeners told when they move.
 *
 * <p>Invariants: the map holds, for every stream that ever moved, the position of the last
 * successful commit; it is loaded from LMDB at open and changed only by {@link #publish} while the
 * committing scope still holds the {@link WriteLock}, so its updates happen in commit order and
 * {@link #committed} is a cheap, lock-free read (long-poll checks).
 *
 * <p>Listeners hear about a commit only after it is durable, never about an aborted or failed one,
 * and, for each stream, in increasing position order: the committer takes the notification lock
 * before it gives up the write lock, so the next committer cannot notify ahead of it. Notification
 * runs after the write lock is released, so listeners delay other notifications but not writers.
 * A listener that throws is logged and skipped.
 */
final class StreamPositions {

    private static final System.Logger LOG = System.getLogger(StreamPositions.class.getName());

    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<StreamListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock notifying = new ReentrantLock();

    void load(Map<String, Long> positions) {
        committed.clear();
        committed.putAll(positions);
    }

    long committed(String stream) {
        Long p = committed.get(stream);
        return p == null ? 0 : p;
    }

    void addListener(StreamListener listener) {
        listeners.addIfAbsent(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(StreamListener listener) {
        listeners.remove(listener);
    }

    /**
     * Records positions a commit just made durable, releases the write lock through {@code
     * releaseWriteLock}, then tells the listeners. Called by the committer while it holds the write
     * lock; on return the lock is released.
     */
    void publish(Map<String, Long> moved, Runnable releaseWriteLock) {
        if (moved.isEmpty()) {
            releaseWriteLock.run();
            return;
        }
        committed.putAll(moved);
        notifying.lock();
        try {
            releaseWriteLock.run();
            for (Map.Entry<String, Long> e : moved.entrySet()) {
                for (StreamListener l : listeners) {
                    try {
                        l.moved(e.getKey(), e.getValue());
                    } catch (RuntimeException | LinkageError ex) {
                        LOG.log(Level.WARNING, "stream listener " + l + " failed on " + e.getKey(), ex);
                    }
                }
            }
        } finally {
            notifying.unlock();
        }
    }
}
