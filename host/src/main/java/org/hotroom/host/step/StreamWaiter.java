package org.hotroom.host.step;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.hotroom.api.Wait;
import org.hotroom.api.Woken;
import org.hotroom.api.storage.Storage;
import org.hotroom.api.storage.StreamListener;

/**
 * Holds exchanges that asked to {@link Wait}, without a thread each. A waiter is registered per
 * stream and woken exactly once: by the storage's commit listener when the stream passes its
 * {@code after}, or by its timeout. Registration re-checks the position after adding the waiter,
 * so a commit racing with registration is never missed.
 */
public final class StreamWaiter implements StreamListener, AutoCloseable {

    private final Storage storage;
    private final ScheduledExecutorService timers;
    private final Map<String, List<Waiter>> waiting = new ConcurrentHashMap<>();

    public StreamWaiter(Storage storage, ScheduledExecutorService timers) {
        this.storage = storage;
        this.timers = timers;
        storage.addStreamListener(this);
    }

    /** Calls {@code then} once, on some thread, when the wait is over. */
    public void await(Wait wait, Consumer<Woken> then) {
        long now = storage.position(wait.stream());
        if (now > wait.after() || wait.timeoutMillis() == 0) {
            then.accept(new Woken(wait, now, now <= wait.after()));
            return;
        }
        Waiter w = new Waiter(wait, then);
        List<Waiter> list = waiting.computeIfAbsent(wait.stream(), s -> new CopyOnWriteArrayList<>());
        list.add(w);
        w.timeout = timers.schedule(() -> {
            list.remove(w);
            w.wake(storage.position(wait.stream()), true);
        }, wait.timeoutMillis(), TimeUnit.MILLISECONDS);
        long again = storage.position(wait.stream());
        if (again > wait.after()) {
            list.remove(w);
            w.wake(again, false);
        }
    }

    @Override
    public void moved(String stream, long position) {
        List<Waiter> list = waiting.get(stream);
        if (list == null) {
            return;
        }
        for (Waiter w : list) {
            if (position > w.wait.after()) {
                list.remove(w);
                w.wake(position, false);
            }
        }
    }

    /** How many exchanges are waiting now. */
    public int waitingCount() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() {
        storage.removeStreamListener(this);
        waiting.forEach((s, list) -> {
            for (Waiter w : list) {
                w.wake(storage.position(s), true);
            }
            list.clear();
        });
    }

    private static final class Waiter {
        final Wait wait;
        final Consumer<Woken> then;
        final AtomicBoolean done = new AtomicBoolean();
        volatile ScheduledFuture<?> timeout;

        Waiter(Wait wait, Consumer<Woken> then) {
            this.wait = wait;
            this.then = then;
        }

        void wake(long position, boolean timedOut) {
            if (done.compareAndSet(false, true)) {
                ScheduledFuture<?> t = timeout;
                if (t != null) {
                    t.cancel(false);
                }
                then.accept(new Woken(wait, position, timedOut));
            }
        }
    }
}
