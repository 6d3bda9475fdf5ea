package org.hotroom.storage.events;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.hotroom.api.storage.FilterStats;
import org.hotroom.api.storage.IdKind;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.LmdbStepScope;
import org.hotroom.storage.Tx;
import org.hotroom.storage.intern.LmdbInterner;

/**
 * Which event ID strings are stored, in memory, for the whole life of the store: what lets {@link
 * org.hotroom.api.storage.Events#mightContain} answer "certainly not" without touching the B-tree.
 * One per store, shared by all steps and thread-safe.
 *
 * <p>It is a {@link BlockedBloom} filter over a seeded hash of each ID's UTF-8, behind a volatile
 * reference that a background build replaces with a bigger one when needed:
 * <ul>
 *   <li><b>Open.</b> The first build walks every stored event (the {@code ev.meta} keys, joined
 *       with the interned strings in {@code intern.names}) on a background thread, in batches of
 *       {@value #BATCH}, each through its own short read-only step scope. Until it is done there
 *       is no filter and every answer is "maybe", so opening a big store costs no start-up time and
 *       lookups stay correct meanwhile (they go to the B-tree).
 *   <li><b>Commits.</b> A step that stored new events hands their IDs to {@link #addAll} from its
 *       commit, before the writes reach LMDB ({@code Tx.beforeCommit}), while it holds the
 *       writer lock.
 *   <li><b>Growth.</b> When an add makes the estimated false positive rate exceed {@value
 *       #MAX_FALSE_POSITIVE_RATE}, a build of a filter sized for twice the stored events starts in
 *       the background; the full filter keeps answering meanwhile.
 * </ul>
 *
 * <p>Invariant: no false negatives, ever. An event becomes visible to readers when its commit
 * reaches LMDB, and by then it is in the filter readers use:
 * <ol>
 *   <li>Adds happen before the LMDB commit, so a reader that can see an event in LMDB can see it
 *       in the filter. A commit that then fails leaves an extra value: a false positive, harmless.
 *   <li>While a build runs, every add also goes to a list ({@code since}), applied to the new
 *       filter before it replaces the old one; the swap and the adds hold one lock.
 *   <li>Recording into {@code since} starts before the build's first read, at a moment when no
 *       commit is between its add and its LMDB commit: either before the store accepts any step
 *       (the first build) or inside {@link #addAll} (growth), which runs under the writer lock. So
 *       every stored event was either committed before the build's reads began (the walk finds
 *       it; events are never deleted) or added to {@code since}.
 *   <li>A build that finds its filter too full already (many adds while it walked) walks again,
 *       at least twice as big, keeping {@code since} as it is, so the argument above still holds
 *       (and the doubling ends the loop).
 * </ol>
 * A crash loses nothing: the filter is rebuilt from LMDB at every open.
 */
public final class EventFilter implements AutoCloseable {

    /** The filter is grown when its estimated false positive rate passes this. */
    public static final double MAX_FALSE_POSITIVE_RATE = 0.01;
    /** The smallest filter built: 1M values, 1.5 MiB. */
    public static final long DEFAULT_MIN_CAPACITY = 1 << 20;
    /** Bits per value at the capacity a filter is sized for: about 0.4% false positives there. */
    static final int BITS_PER_VALUE = 12;
    static final int BATCH = 4096;
    private static final System.Logger LOG = System.getLogger(EventFilter.class.getName());

    private final Supplier<LmdbStepScope> scopes;
    private final LongSupplier storedCount;
    private final long minCapacity;
    private final long seed = new SecureRandom().nextLong();

    private final Object lock = new Object();
    /** Null until the first build is done: then every answer is "maybe". */
    private volatile BlockedBloom current;
    /** Hashes added while a build runs, in {@code since[0..sinceSize)}; null when none runs. Guarded by lock. */
    private long[] since;
    private int sinceSize;
    /** Whether a build thread runs. Guarded by lock. */
    private boolean building;
    private volatile boolean closed;

    /**
     * A filter that records adds from now on, so that the store may accept steps before {@link
     * #start()} (see invariant 3).
     *
     * @param scopes      opens a read-only step scope on the store (the build's walk)
     * @param storedCount the number of stored events (sizes a build)
     * @param minCapacity the fewest values a filter is sized for
     */
    public EventFilter(Supplier<LmdbStepScope> scopes, LongSupplier storedCount, long minCapacity) {
        this.scopes = scopes;
        this.storedCount = storedCount;
        this.minCapacity = Math.max(1, minCapacity);
        this.since = new long[64];
    }

    /** Starts the first build, once the store opens scopes. */
    public void start() {
        synchronized (lock) {
            if (building || closed) {
                return;
            }
            building = true;
        }
        spawnBuild();
    }

    /** False when no event with this ID is stored (committed, or being committed). */
    public boolean mightContain(String eventId) {
        BlockedBloom f = current;
        return f == null || f.mightContain(hash(eventId));
    }

    /**
     * Adds the IDs of events about to be committed. Called inside the commit, under the writer
     * lock, before the writes reach LMDB.
     */
    public void addAll(Collection<String> eventIds) {
        long[] hs = new long[eventIds.size()];
        int n = 0;
        for (String id : eventIds) {
            hs[n++] = hash(id);
        }
        boolean spawn = false;
        synchronized (lock) {
            BlockedBloom f = current;
            if (f != null) {
                for (long h : hs) {
                    f.add(h);
                }
            }
            if (since == null && !building && !closed && (f == null || f.falsePositiveRate() > MAX_FALSE_POSITIVE_RATE)) {
                since = new long[Math.max(64, 2 * n)]; // recording starts here, under the writer lock
                building = true;
                spawn = true;
            }
            if (since != null) {
                if (sinceSize + n > since.length) {
                    since = Arrays.copyOf(since, Math.max(2 * since.length, sinceSize + n));
                }
                System.arraycopy(hs, 0, since, sinceSize, n);
                sinceSize += n;
            }
        }
        if (spawn) {
            spawnBuild();
        }
    }

    /** The filter's state; while the first build runs, 0 bits and a rate of 1. */
    public FilterStats stats() {
        BlockedBloom f = current;
        return f == null ? new FilterStats(0, 0, 1.0) : new FilterStats(f.entries(), f.bits(), f.falsePositiveRate());
    }

    /** Waits until a filter is in place and no build runs; for tests and tools. */
    public boolean awaitBuilt(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (building || current == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Stops a running build at its next batch (the store is closing). */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private long hash(String eventId) {
        byte[] utf8 = eventId.getBytes(StandardCharsets.UTF_8);
        return BlockedBloom.hash(utf8, utf8.length, seed);
    }

    private void spawnBuild() {
        Thread t = new Thread(this::build, "hotroom-event-filter-build");
        t.setDaemon(true);
        // not the committing step's loader (a logic generation's, say): the thread must not pin it
        t.setContextClassLoader(EventFilter.class.getClassLoader());
        t.start();
    }

    /** The build thread: walk, catch up with {@code since}, swap; again if already too full. */
    private void build() {
        try {
            long capacity = Math.max(minCapacity, 2 * storedCount.getAsLong());
            while (true) {
                BlockedBloom built = new BlockedBloom(capacity, BITS_PER_VALUE);
                if (!walk(built)) {
                    finish(null);
                    return;
                }
                synchronized (lock) {
                    for (int i = 0; i < sinceSize; i++) {
                        built.add(since[i]);
                    }
                    if (built.falsePositiveRate() <= MAX_FALSE_POSITIVE_RATE || closed) {
                        finish(built);
                        return;
                    }
                    // many adds arrived meanwhile: walk again, at least twice as big, still recording
                    capacity = Math.max(2 * capacity, 2 * built.entries());
                }
            }
        } catch (RuntimeException | Error e) {
            if (!closed) {
                LOG.log(Level.ERROR, "building the event filter failed; lookups of absent events read the store"
                        + " until the next commit of new events builds it again", e);
            }
            finish(null);
        }
    }

    /** Ends a build: installs {@code built} (unless null), stops recording, wakes waiters. */
    private void finish(BlockedBloom built) {
        synchronized (lock) {
            if (built != null && !closed) {
                current = built;
            }
            since = null;
            sinceSize = 0;
            building = false;
            lock.notifyAll();
        }
    }

    /** Adds every stored event's ID to {@code into}; false if the store closed meanwhile. */
    private boolean walk(BlockedBloom into) {
        byte kind = LmdbInterner.code(IdKind.EVENT);
        long[] ids = new long[BATCH];
        byte[][] scratch = {new byte[128]};
        long next = 1;
        long nameless = 0;
        while (!closed) {
            int[] n = {0}; // events in this batch
            int[] j = {0}; // events of the batch passed in the names walk
            int[] found = {0};
            try (LmdbStepScope scope = scopes.get()) {
                Tx tx = scope.tx();
                tx.scan(Db.EVENT_META, Bytes.longBE(next), null, (k, v) -> {
                    ids[n[0]++] = Bytes.getLongBE(k, 0);
                    return n[0] < BATCH;
                });
                if (n[0] == 0) {
                    break;
                }
                int count = n[0];
                // both tables are in ID order: one pass over the batch's range of interned strings
                tx.scan(Db.INTERN_NAMES, LmdbInterner.namesKey(kind, ids[0]),
                        LmdbInterner.namesKey(kind, ids[count - 1] + 1), (k, v) -> {
                            long id = Bytes.getLongBE(k, 1);
                            while (j[0] < count && ids[j[0]] < id) {
                                j[0]++;
                            }
                            if (j[0] < count && ids[j[0]] == id) {
                                int len = v.remaining();
                                if (scratch[0].length < len) {
                                    scratch[0] = new byte[Math.max(len, 2 * scratch[0].length)];
                                }
                                v.get(v.position(), scratch[0], 0, len);
                                into.add(BlockedBloom.hash(scratch[0], len, seed));
                                found[0]++;
                                j[0]++;
                            }
                            return j[0] < count;
                        });
            }
            nameless += n[0] - found[0];
            next = ids[n[0] - 1] + 1;
        }
        if (nameless > 0) {
            // cannot happen through Events.put, which needs the string; nobody can ask for these by ID
            LOG.log(Level.WARNING, "{0} stored events have no interned ID string", nameless);
        }
        return !closed;
    }
}
