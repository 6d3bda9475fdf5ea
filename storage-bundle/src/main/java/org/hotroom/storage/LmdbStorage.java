package org.hotroom.storage;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hotroom.api.storage.CacheStats;
import org.hotroom.api.storage.FilterStats;
import org.hotroom.api.storage.Storage;
import org.hotroom.api.storage.StorageStatistics;
import org.hotroom.api.storage.StreamListener;
import org.hotroom.storage.events.EventFilter;
import org.hotroom.storage.intern.InternCaches;
import org.hotroom.storage.state.StateStore;
import org.hotroom.storage.state.StateStores;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The storage service: one LMDB environment, opened when the component activates and closed when
 * it deactivates.
 *
 * <p>In OSGi, Declarative Services creates it and {@link #activate} reads the framework properties
 * {@code hotroom.storage.path} (required), {@code hotroom.storage.map_size_mb} (default 1024) and
 * {@code hotroom.storage.sync} (default true; false opens with MDB_NOSYNC), {@code
 * hotroom.storage.state_store} (default {@value StateStores#DEFAULT}; see {@link StateStores}) and
 * {@code hotroom.storage.intern_cache_entries}. Outside OSGi, {@link #open(Path, long, boolean)}
 * does the same from arguments.
 *
 * <p>Besides the environment it owns what every scope shares: the interning caches ({@link
 * InternCaches}) and the state-store strategy, whose caches hold only committed, immutable facts,
 * and the filter of stored event IDs ({@link EventFilter}), built in the background after the
 * store opens. Their counters are published as {@link StorageStatistics}.
 *
 * <p>Lifecycle: NEW, OPEN, CLOSING, CLOSED. Scopes are opened only while OPEN. The environment is
 * closed only once no scope is left open, because closing it under a live transaction is a native
 * use-after-free; {@link #close()} waits up to {@link #CLOSE_WAIT_SECONDS} s for open scopes and,
 * if some are still open then, leaves the environment open (logged) rather than risk the JVM.
 *
 * <p>Which data lives where is described in {@link LmdbEnvironment} and {@link Keys}; how a step
 * reads and writes in {@link LmdbStepScope}.
 */
@Component(service = {Storage.class, StorageStatistics.class}, immediate = true)
public final class LmdbStorage implements Storage, StorageStatistics, AutoCloseable {

    static final long CLOSE_WAIT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(LmdbStorage.class.getName());

    private enum State { NEW, OPEN, CLOSING, CLOSED }

    private final WriteLock writeLock = new WriteLock();
    private final StreamPositions positions = new StreamPositions();
    private final AtomicLong scopeIds = new AtomicLong();

    /** Guards state, lmdb and openScopes. */
    private final Object lock = new Object();
    private State state = State.NEW;
    private LmdbEnvironment lmdb;
    private int openScopes;
    /** Set once in {@link #start}; read by scopes opened afterwards. */
    private volatile InternCaches internCaches;
    private volatile StateStore stateStore;
    private volatile EventFilter eventFilter;

    /** For Declarative Services, which then calls {@link #activate}. Elsewhere use {@link #open}. */
    public LmdbStorage() {}

    /**
     * Opens (creating if needed) the store in {@code dir}, without OSGi.
     *
     * @param mapSizeBytes the LMDB map size: the most the store can ever hold
     * @param sync false to open with MDB_NOSYNC (faster; a crash may lose the last commits)
     */
    public static LmdbStorage open(Path dir, long mapSizeBytes, boolean sync) {
        return open(dir, mapSizeBytes, sync, StateStores.DEFAULT);
    }

    /** As {@link #open(Path, long, boolean)}, keeping room state with the named strategy. */
    public static LmdbStorage open(Path dir, long mapSizeBytes, boolean sync, String stateStore) {
        LmdbStorage s = new LmdbStorage();
        s.start(new StorageConfig(dir, mapSizeBytes, sync, stateStore, StorageConfig.DEFAULT_INTERN_CACHE));
        return s;
    }

    @Activate
    void activate(BundleContext context) {
        StorageConfig config = StorageConfig.fromProperties(context::getProperty);
        start(config);
        LOG.log(Level.INFO, "storage open at {0}", config);
    }

    @Deactivate
    void deactivate() {
        close();
    }

    private void start(StorageConfig config) {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("storage already started");
            }
            LmdbEnvironment env = LmdbEnvironment.open(config);
            try {
                positions.load(env.loadStreams());
            } catch (RuntimeException e) {
                env.close();
                throw e;
            }
            lmdb = env;
            internCaches = new InternCaches(config.internCacheEntries);
            stateStore = StateStores.create(config.stateStore);
            // records from before the first step, so its build misses no commit (see EventFilter)
            eventFilter = new EventFilter(this::openStep, () -> entries(Db.EVENT_META), EventFilter.DEFAULT_MIN_CAPACITY);
            state = State.OPEN;
            eventFilter.start();
        }
    }

    @Override
    public LmdbStepScope openStep() {
        synchronized (lock) {
            if (state != State.OPEN) {
                throw new StorageClosedException("storage is " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
            openScopes++;
            return new LmdbStepScope(this, lmdb, scopeIds.incrementAndGet());
        }
    }

    @Override
    public long position(String stream) {
        Keys.stream(stream);
        return positions.committed(stream);
    }

    @Override
    public void addStreamListener(StreamListener listener) {
        positions.addListener(listener);
    }

    @Override
    public void removeStreamListener(StreamListener listener) {
        positions.removeListener(listener);
    }

    /**
     * Stops new scopes, waits for open ones to close, then closes the environment. Idempotent.
     * Never throws.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (state == State.NEW) {
                state = State.CLOSED;
                return;
            }
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            eventFilter.close(); // a running build stops at its next batch
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
            boolean interrupted = false;
            while (openScopes > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            state = State.CLOSED;
            if (openScopes > 0) {
                LOG.log(Level.ERROR, "{0} step scope(s) still open; leaving the LMDB environment at {1} open,"
                        + " since closing it under live transactions would crash the JVM", openScopes, lmdb.config.dir);
            } else {
                try {
                    lmdb.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "closing the LMDB environment failed", e);
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Map<String, CacheStats> cacheStats() {
        Map<String, CacheStats> out = new LinkedHashMap<>();
        InternCaches ic = internCaches;
        StateStore ss = stateStore;
        if (ic != null) {
            out.putAll(ic.stats());
        }
        if (ss != null) {
            out.putAll(ss.cacheStats());
        }
        return out;
    }

    /** The filter of stored event IDs as {@code events.ids}. */
    @Override
    public Map<String, FilterStats> filterStats() {
        EventFilter f = eventFilter;
        return f == null ? Map.of() : Map.of("events.ids", f.stats());
    }

    /** The filter of stored event IDs, shared by every step. */
    public EventFilter eventFilter() {
        return eventFilter;
    }

    /** The configured state-store strategy. */
    public StateStore stateStore() {
        return stateStore;
    }

    /**
     * Bytes LMDB uses for one database: its branch, leaf and overflow pages (from mdb_stat) times
     * the page size. Free pages are not counted. For the state-store benchmark and diagnostics.
     */
    public long bytes(Db db) {
        synchronized (lock) {
            if (state != State.OPEN) {
                throw new StorageClosedException("storage is " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
            return lmdb.pages(db).bytes();
        }
    }

    /** Entries in one database (from mdb_stat). */
    public long entries(Db db) {
        synchronized (lock) {
            if (state != State.OPEN) {
                throw new StorageClosedException("storage is " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
            return lmdb.pages(db).entries();
        }
    }

    // ---- for scopes and tests

    InternCaches internCaches() {
        return internCaches;
    }

    WriteLock writeLock() {
        return writeLock;
    }

    StreamPositions positions() {
        return positions;
    }

    void scopeClosed() {
        synchronized (lock) {
            if (--openScopes == 0) {
                lock.notifyAll();
            }
        }
    }

    int openScopes() {
        synchronized (lock) {
            return openScopes;
        }
    }
}
