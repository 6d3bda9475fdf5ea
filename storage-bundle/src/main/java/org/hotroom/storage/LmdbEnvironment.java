package org.hotroom.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.api.storage.StorageException;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * The native side: one LMDB environment and its named databases, opened once and closed once.
 *
 * <p>Databases: {@code kv} holds every key-value table (layout in {@link Keys}), {@code streams}
 * maps a stream name to its position (8 bytes, big-endian), {@code meta} holds the format version,
 * counters and the state-store strategy's name; the other {@link Db}s hold interned IDs, state,
 * events, and the federation's keys, queues and exchanges.
 *
 * <p>Flags: always MDB_NOTLS, so a read transaction belongs to its {@link Txn} object, not to the
 * thread that began it: a step scope may move between threads, and one thread may hold several
 * read transactions. MDB_NOTLS does not free write transactions from their thread (LMDB's writer
 * mutex is owned by the thread that locked it), which is why {@link LmdbStepScope} begins, fills
 * and commits its write transaction inside a single {@code commit()} call. MDB_NOSYNC when the
 * configuration says so.
 *
 * <p>This class knows nothing of scopes; {@link LmdbStorage} guarantees that no transaction is
 * open when {@link #close()} runs (closing an environment under a live transaction is a native
 * use-after-free).
 */
final class LmdbEnvironment {

    static final int FORMAT = 1;
    private static final int MAX_DBS = 32;
    private static final int MAX_READERS = 1024;

    final StorageConfig config;
    final Env<ByteBuffer> env;
    final Dbi<ByteBuffer> kv;
    final Dbi<ByteBuffer> streams;
    private final Dbi<ByteBuffer> meta;
    /** The {@link Db}s by ordinal ({@link Db#META} is {@link #meta}). */
    private final List<Dbi<ByteBuffer>> dbs = new ArrayList<>();

    private LmdbEnvironment(StorageConfig config, Env<ByteBuffer> env) {
        this.config = config;
        this.env = env;
        this.kv = env.openDbi("kv", DbiFlags.MDB_CREATE);
        this.streams = env.openDbi("streams", DbiFlags.MDB_CREATE);
        this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
        for (Db db : Db.values()) {
            dbs.add(db == Db.META ? meta : env.openDbi(db.dbName, DbiFlags.MDB_CREATE));
        }
    }

    Dbi<ByteBuffer> dbi(Db db) {
        return dbs.get(db.ordinal());
    }

    /** Pages used by one database (branch + leaf + overflow, from mdb_stat), and its entry count. */
    record DbPages(long pages, long entries, int pageSize) {
        long bytes() {
            return pages * pageSize;
        }
    }

    DbPages pages(Db db) {
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            org.lmdbjava.Stat st = dbi(db).stat(txn);
            return new DbPages(st.branchPages + st.leafPages + st.overflowPages, st.entries, st.pageSize);
        } catch (RuntimeException e) {
            throw Failures.map(e, "reading page counts", config);
        }
    }

    /**
     * Opens (creating if needed) the environment in {@code config.dir}. lmdbjava extracts its native
     * library through the thread context class loader when its classes initialise, so that loader
     * is this bundle's loader for the duration of the call.
     */
    static LmdbEnvironment open(StorageConfig config) {
        try {
            Files.createDirectories(config.dir);
        } catch (IOException e) {
            throw new StorageException("cannot create storage directory " + config.dir, e);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LmdbEnvironment.class.getClassLoader());
        Env<ByteBuffer> env = null;
        try {
            List<EnvFlags> flags = new ArrayList<>();
            flags.add(EnvFlags.MDB_NOTLS);
            if (!config.sync) {
                flags.add(EnvFlags.MDB_NOSYNC);
            }
            env = Env.create()
                    .setMapSize(config.mapSizeBytes)
                    .setMaxDbs(MAX_DBS)
                    .setMaxReaders(MAX_READERS)
                    .open(config.dir.toFile(), flags.toArray(new EnvFlags[0]));
            env.readerCheck(); // clear reader slots left by dead processes
            LmdbEnvironment opened = new LmdbEnvironment(config, env);
            opened.checkFormat();
            opened.checkStateStore();
            return opened;
        } catch (RuntimeException | LinkageError e) {
            if (env != null) {
                try {
                    env.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof StorageException s) {
                throw s;
            }
            throw new StorageException("cannot open LMDB environment " + config + ": " + e + hint(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** lmdbjava needs JVM flags; without them it fails deep inside a class initialiser. */
    private static String hint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.lang.reflect.InaccessibleObjectException || t instanceof IllegalAccessError
                    || t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).contains("org/lmdbjava")
                    || t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).contains("org.lmdbjava")) {
                return " (lmdbjava needs the JVM started with --add-opens java.base/java.nio=ALL-UNNAMED"
                        + " --add-exports java.base/sun.nio.ch=ALL-UNNAMED, and sun.nio.ch exported by the"
                        + " system bundle; after a failed class initialisation, restart the JVM)";
            }
        }
        return "";
    }

    private void checkFormat() {
        byte[] key = "format".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer k = ByteBuffer.allocateDirect(key.length).put(key).flip();
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            ByteBuffer found = meta.get(txn, k);
            if (found == null) {
                ByteBuffer v = ByteBuffer.allocateDirect(4).putInt(FORMAT).flip();
                meta.put(txn, k, v);
                txn.commit();
                return;
            }
            byte[] b = Keys.copy(found);
            int format = b.length == 4 ? ByteBuffer.wrap(b).getInt() : -1;
            if (format != FORMAT) {
                throw new StorageException("storage at " + config.dir + " has format " + format
                        + "; this bundle reads format " + FORMAT);
            }
        }
    }

    /**
     * The state store's strategy family (text before any {@code ':'}) is part of the data: a store
     * created with one cannot be read with another. Recorded at the first open.
     */
    private void checkStateStore() {
        byte[] key = "state_store".getBytes(StandardCharsets.US_ASCII);
        String family = config.stateStore.split(":", 2)[0];
        ByteBuffer k = ByteBuffer.allocateDirect(key.length).put(key).flip();
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            ByteBuffer found = meta.get(txn, k);
            if (found == null) {
                byte[] v = family.getBytes(StandardCharsets.US_ASCII);
                meta.put(txn, k, ByteBuffer.allocateDirect(v.length).put(v).flip());
                txn.commit();
                return;
            }
            String stored = new String(Keys.copy(found), StandardCharsets.US_ASCII);
            if (!stored.equals(family)) {
                throw new StorageException("storage at " + config.dir + " keeps room state with the \"" + stored
                        + "\" strategy; it cannot be opened with " + StorageConfig.STATE_STORE + "=" + config.stateStore);
            }
        }
    }

    /** A new read-only transaction (MDB_NOTLS: usable from any one thread at a time). */
    Txn<ByteBuffer> txnRead() {
        try {
            return env.txnRead();
        } catch (RuntimeException e) {
            throw Failures.map(e, "beginning a read transaction", config);
        }
    }

    /** Every committed stream position, read once at open. */
    Map<String, Long> loadStreams() {
        Map<String, Long> out = new HashMap<>();
        try (Txn<ByteBuffer> txn = env.txnRead(); Cursor<ByteBuffer> c = streams.openCursor(txn)) {
            for (boolean more = c.first(); more; more = c.next()) {
                String name = new String(Keys.copy(c.key()), StandardCharsets.UTF_8);
                out.put(name, Keys.decodeLong(Keys.copy(c.val())));
            }
        } catch (RuntimeException e) {
            throw Failures.map(e, "loading stream positions", config);
        }
        return out;
    }

    void close() {
        env.close();
    }
}
