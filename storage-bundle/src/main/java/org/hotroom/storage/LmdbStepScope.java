package org.hotroom.storage;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.hotroom.api.storage.EventStates;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.ExchangeStore;
import org.hotroom.api.storage.Interner;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.OutgoingQueues;
import org.hotroom.api.storage.ServerSigningKeys;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.Streams;
import org.hotroom.storage.events.LmdbEvents;
import org.hotroom.storage.federation.LmdbExchangeStore;
import org.hotroom.storage.federation.LmdbOutgoingQueues;
import org.hotroom.storage.federation.LmdbServerSigningKeys;
import org.hotroom.storage.intern.LmdbInterner;
import org.hotroom.storage.state.LmdbEventStates;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * One step's view of the store. Used by one thread at a time (it may move between threads, as a
 * worker pool hands it on); not thread-safe.
 *
 * <p>Lifecycle: OPEN, then COMMITTED (commit succeeded) or FAILED (commit threw), then CLOSED.
 * Only OPEN accepts reads, writes, {@link #discard()} (which empties the write set and stays
 * OPEN) and commit; close works from any state and is idempotent.
 *
 * <p>Reading: reads go to a read-only LMDB transaction, opened at the first read. Before the scope
 * writes, that is a snapshot of whatever was committed then, kept until the scope ends.
 *
 * <p>Writing: the first write (or {@link #beginWrite()}) takes the store's {@link WriteLock}. From
 * then on nobody else commits, the old snapshot is dropped and the next read opens a fresh one (so
 * reads see the latest committed data), and every write goes into an in-memory {@link WriteSet}
 * that reads consult first (so reads see the step's own writes). {@link #commit()} begins an LMDB
 * write transaction, replays the write set into it and commits it, all inside that one call.
 *
 * <p>Why not keep an LMDB write transaction open for the whole step: LMDB's writer lock is a mutex
 * owned by the OS thread that began the write transaction, and MDB_NOTLS frees only read
 * transactions from their thread. A scope whose step runs on one worker and is committed or closed
 * on another would unlock that mutex from the wrong thread, which leaves it locked and stalls every
 * later writer. Beginning and ending the write transaction within one call makes that impossible,
 * and a step that fails (or is never committed) has never touched LMDB at all. The cost is that a
 * step's writes sit in the heap until commit, which LMDB's own dirty-page list would hold anyway.
 *
 * <p>Scans walk an LMDB cursor and the write set side by side. A visitor may read, write or even
 * close the scope; a snapshot replaced meanwhile is kept ("retired") until the outermost scan ends,
 * since the cursor still points into it, and a close from inside a visitor is finished then too.
 *
 * <p>The interner, the room state and the events ({@link #interner()}, {@link #eventStates()},
 * {@link #events()}) work on the
 * {@link Db raw databases} through this scope's {@link #tx() Tx}, which follows the same rules:
 * writes buffered in the {@link WriteSet}, reads merged with them, everything applied in the one
 * commit transaction. Public only so the bundle's own subpackages, tests and benchmark can reach
 * {@link #tx()}; the bundle exports nothing.
 */
public final class LmdbStepScope implements StepScope {

    private static final System.Logger LOG = System.getLogger(LmdbStepScope.class.getName());

    private enum State { OPEN, COMMITTED, FAILED, CLOSED }

    private final LmdbStorage storage;
    private final LmdbEnvironment lmdb;
    private final String name;
    private final KeyValue keyValue = new ScopeKeyValue();
    private final Streams streams = new ScopeStreams();
    private final ScopeTx tx = new ScopeTx();
    private LmdbInterner interner;
    private LmdbEventStates eventStates;
    private LmdbEvents events;
    // stateless but for the Tx: nothing to reset on discard
    private final ServerSigningKeys signingKeys = new LmdbServerSigningKeys(tx);
    private final ExchangeStore exchanges = new LmdbExchangeStore(tx);
    private final OutgoingQueues outgoing = new LmdbOutgoingQueues(tx);
    /** Run inside the commit, before the writes reach LMDB; see {@link Tx#beforeCommit}. */
    private List<Runnable> beforeCommit;
    /** Run after a successful commit; see {@link Tx#afterCommit}. */
    private List<Runnable> afterCommit;

    private State state = State.OPEN;
    /** The current snapshot, or null until the next read needs one. */
    private Txn<ByteBuffer> readTxn;
    /** Snapshots replaced while a scan was still walking them; closed when scans reach 0. */
    private final List<Txn<ByteBuffer>> retired = new ArrayList<>(0);
    /** Scans in progress (visitors may nest scans). */
    private int scans;
    /** Whether this scope holds the write lock. */
    private boolean writing;
    /** Non-null exactly while {@link #writing}. */
    private WriteSet writes;
    /** Direct buffer for stored keys, allocated on first use. */
    private ByteBuffer keyBuf;

    LmdbStepScope(LmdbStorage storage, LmdbEnvironment lmdb, long id) {
        this.storage = storage;
        this.lmdb = lmdb;
        this.name = "step scope #" + id + " (opened on " + Thread.currentThread().getName() + ")";
    }

    @Override
    public KeyValue keyValue() {
        return keyValue;
    }

    @Override
    public Streams streams() {
        return streams;
    }

    @Override
    public void beginWrite() {
        checkOpen();
        ensureWriting();
    }

    @Override
    public Interner interner() {
        checkOpen();
        if (interner == null) {
            interner = new LmdbInterner(tx, storage.internCaches());
        }
        return interner;
    }

    @Override
    public EventStates eventStates() {
        checkOpen();
        if (eventStates == null) {
            eventStates = new LmdbEventStates(tx, storage.stateStore());
        }
        return eventStates;
    }

    @Override
    public Events events() {
        checkOpen();
        if (events == null) {
            events = new LmdbEvents(tx, interner(), storage.eventFilter());
        }
        return events;
    }

    @Override
    public ServerSigningKeys serverSigningKeys() {
        checkOpen();
        return signingKeys;
    }

    @Override
    public ExchangeStore exchangeStore() {
        checkOpen();
        return exchanges;
    }

    @Override
    public OutgoingQueues outgoingQueues() {
        checkOpen();
        return outgoing;
    }

    /**
     * Drops every buffered write (key-value records, stream advances, raw database writes, hence
     * interned IDs, recorded states and events), the before- and after-commit actions, and what
     * the step's services remember of their writes: the interner's new IDs, the events it stored
     * (the event filter only learns at commit, so it never heard of them), and every state
     * snapshot obtained so far (they may name discarded states, so using one now throws). The
     * writer lock stays held if it was, so reads see the latest committed data, and the step may
     * write and commit as usual.
     *
     * <p>The shared caches need nothing: they only ever take committed facts (see {@link
     * org.hotroom.storage.intern.InternCaches} and the state strategies).
     */
    @Override
    public void discard() {
        checkOpen();
        if (scans > 0) {
            throw new IllegalStateException("discard() called from inside a scan of the same scope");
        }
        if (writing) {
            writes = new WriteSet();
        }
        beforeCommit = null;
        afterCommit = null;
        if (interner != null) {
            interner.discardPending();
        }
        if (eventStates != null) {
            eventStates.discardPending();
        }
        if (events != null) {
            events.discardPending();
        }
    }

    /** This step's raw access to the {@link Db databases}. */
    public Tx tx() {
        return tx;
    }

    @Override
    public void commit() {
        checkOpen();
        if (scans > 0) {
            throw new IllegalStateException("commit() called from inside a scan of the same scope");
        }
        if (!writing || writes.isEmpty()) {
            state = State.COMMITTED;
            beforeCommit = null;
            releaseTxns();
            releaseWriteLock();
            runAfterCommit();
            return;
        }
        try {
            runBeforeCommit();
        } catch (RuntimeException e) {
            state = State.FAILED;
            writes = null;
            afterCommit = null;
            releaseTxns();
            releaseWriteLock();
            throw e;
        }
        WriteSet w = writes;
        writes = null;
        releaseTxns();
        Txn<ByteBuffer> txn = null;
        try {
            txn = lmdb.env.txnWrite();
            w.applyTo(txn, lmdb.kv, lmdb.streams, lmdb::dbi, keyBuf());
            txn.commit();
        } catch (RuntimeException e) {
            state = State.FAILED;
            if (txn != null) {
                closeQuietly(txn); // aborts unless mdb_txn_commit already ran (it frees the txn either way)
            }
            releaseWriteLock();
            throw Failures.map(e, "committing " + name, lmdb.config);
        }
        closeQuietly(txn);
        state = State.COMMITTED;
        try {
            runAfterCommit(); // before the lock goes: the next writer's caches see this commit
        } finally {
            storage.positions().publish(w.streams(), this::releaseWriteLock);
        }
    }

    private void runBeforeCommit() {
        if (beforeCommit == null) {
            return;
        }
        List<Runnable> actions = beforeCommit;
        beforeCommit = null;
        for (Runnable r : actions) {
            r.run();
        }
    }

    private void runAfterCommit() {
        if (afterCommit == null) {
            return;
        }
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "an after-commit action of " + name + " failed", e);
            }
        }
        afterCommit = null;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        writes = null;
        beforeCommit = null;
        afterCommit = null;
        try {
            releaseWriteLock();
            if (scans == 0) {
                finishClose();
            } // else the outermost scan finishes the close: its cursor still needs the snapshot
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "closing " + name + " failed", e);
        }
    }

    private void finishClose() {
        try {
            releaseTxns();
        } finally {
            storage.scopeClosed();
        }
    }

    @Override
    public String toString() {
        return name + " [" + state + (writing ? ", writing" : "") + "]";
    }

    // ---- lifecycle helpers

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(name + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void ensureWriting() {
        if (writing) {
            return;
        }
        storage.writeLock().acquire(name);
        writing = true;
        writes = new WriteSet();
        if (readTxn != null) {
            // The snapshot predates the lock; the next read opens one that sees the latest commit.
            retireOrClose(readTxn);
            readTxn = null;
        }
    }

    private void releaseWriteLock() {
        if (writing) {
            writing = false;
            storage.writeLock().release();
        }
    }

    private Txn<ByteBuffer> readTxn() {
        if (readTxn == null) {
            readTxn = lmdb.txnRead();
        }
        return readTxn;
    }

    private void retireOrClose(Txn<ByteBuffer> txn) {
        if (scans > 0) {
            retired.add(txn);
        } else {
            closeQuietly(txn);
        }
    }

    /** Closes every read transaction. Only when no scan is running. */
    private void releaseTxns() {
        for (Txn<ByteBuffer> t : retired) {
            closeQuietly(t);
        }
        retired.clear();
        if (readTxn != null) {
            closeQuietly(readTxn);
            readTxn = null;
        }
    }

    private void closeQuietly(Txn<ByteBuffer> txn) {
        try {
            txn.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing an LMDB transaction of " + name + " failed", e);
        }
    }

    private ByteBuffer keyBuf() {
        if (keyBuf == null) {
            keyBuf = ByteBuffer.allocateDirect(Math.max(Keys.MAX_STORED_KEY, Tx.MAX_KEY));
        }
        return keyBuf;
    }

    // ---- reads of committed data (through the current snapshot)

    private ByteBuffer stored(byte[] table, byte[] key) {
        try {
            return lmdb.kv.get(readTxn(), Keys.stored(keyBuf(), table, key));
        } catch (RuntimeException e) {
            throw Failures.map(e, "reading in " + name, lmdb.config);
        }
    }

    private long storedPosition(byte[] stream) {
        try {
            ByteBuffer v = lmdb.streams.get(readTxn(), Keys.streamKey(keyBuf(), stream));
            return v == null ? 0 : Keys.decodeLong(Keys.copy(v));
        } catch (RuntimeException e) {
            throw Failures.map(e, "reading a stream position in " + name, lmdb.config);
        }
    }

    // ---- KeyValue

    private final class ScopeKeyValue implements KeyValue {

        @Override
        public byte[] get(String table, byte[] key) {
            checkOpen();
            byte[] t = Keys.table(table);
            Keys.key(key);
            if (writes != null) {
                byte[] mine = writes.get(table, key);
                if (mine != null) {
                    return mine == WriteSet.TOMBSTONE ? null : mine.clone();
                }
            }
            ByteBuffer v = stored(t, key);
            return v == null ? null : Keys.copy(v);
        }

        @Override
        public void put(String table, byte[] key, byte[] value) {
            checkOpen();
            byte[] t = Keys.table(table);
            Keys.key(key);
            Objects.requireNonNull(value, "value");
            ensureWriting();
            writes.put(table, t, key.clone(), value.clone());
        }

        @Override
        public boolean delete(String table, byte[] key) {
            checkOpen();
            byte[] t = Keys.table(table);
            Keys.key(key);
            ensureWriting();
            byte[] mine = writes.get(table, key);
            boolean present = mine != null ? mine != WriteSet.TOMBSTONE : stored(t, key) != null;
            if (present) {
                writes.delete(table, t, key.clone());
            }
            return present;
        }

        @Override
        public void scan(String table, byte[] from, Visitor visitor) {
            checkOpen();
            byte[] t = Keys.table(table);
            Keys.key(from);
            Objects.requireNonNull(visitor, "visitor");
            scans++;
            Cursor<ByteBuffer> cursor = null;
            try {
                cursor = openCursor();
                byte[] dbKey = seek(cursor, t, from);
                byte[] last = null; // the last key consumed, from either side
                while (state == State.OPEN) {
                    // Looked up afresh each round, so writes made by the visitor are seen.
                    Map.Entry<byte[], byte[]> mine = writes == null ? null
                            : last == null ? writes.ceiling(table, from) : writes.higher(table, last);
                    if (dbKey == null && mine == null) {
                        break;
                    }
                    int cmp = dbKey == null ? 1 : mine == null ? -1 : Arrays.compareUnsigned(dbKey, mine.getKey());
                    byte[] key;
                    byte[] value;
                    if (cmp < 0) {
                        key = dbKey;
                        value = value(cursor);
                        dbKey = next(cursor, t);
                    } else {
                        key = mine.getKey();
                        value = mine.getValue();
                        if (cmp == 0) {
                            dbKey = next(cursor, t); // the step's write shadows the stored entry
                        }
                        if (value != WriteSet.TOMBSTONE) {
                            value = value.clone();
                        }
                    }
                    last = key;
                    if (value == WriteSet.TOMBSTONE) {
                        continue;
                    }
                    if (!visitor.visit(key.clone(), value)) {
                        break;
                    }
                }
            } finally {
                if (cursor != null) {
                    try {
                        cursor.close();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "closing an LMDB cursor of " + name + " failed", e);
                    }
                }
                if (--scans == 0) {
                    if (state == State.CLOSED) {
                        finishClose();
                    } else {
                        for (Txn<ByteBuffer> r : retired) {
                            closeQuietly(r);
                        }
                        retired.clear();
                    }
                }
            }
        }

        private Cursor<ByteBuffer> openCursor() {
            try {
                return lmdb.kv.openCursor(readTxn());
            } catch (RuntimeException e) {
                throw Failures.map(e, "scanning in " + name, lmdb.config);
            }
        }

        /** Positions at the first stored key {@code >= from} of the table; returns its user key or null. */
        private byte[] seek(Cursor<ByteBuffer> c, byte[] table, byte[] from) {
            try {
                if (c.get(Keys.stored(keyBuf(), table, from), GetOp.MDB_SET_RANGE) && Keys.inTable(c.key(), table)) {
                    return Keys.userKey(c.key(), table.length);
                }
                return null;
            } catch (RuntimeException e) {
                throw Failures.map(e, "scanning in " + name, lmdb.config);
            }
        }

        private byte[] next(Cursor<ByteBuffer> c, byte[] table) {
            try {
                if (c.next() && Keys.inTable(c.key(), table)) {
                    return Keys.userKey(c.key(), table.length);
                }
                return null;
            } catch (RuntimeException e) {
                throw Failures.map(e, "scanning in " + name, lmdb.config);
            }
        }

        private byte[] value(Cursor<ByteBuffer> c) {
            try {
                return Keys.copy(c.val());
            } catch (RuntimeException e) {
                throw Failures.map(e, "scanning in " + name, lmdb.config);
            }
        }
    }

    // ---- Streams

    private final class ScopeStreams implements Streams {

        @Override
        public long position(String stream) {
            checkOpen();
            byte[] s = Keys.stream(stream);
            if (writes != null) {
                Long mine = writes.stream(stream);
                if (mine != null) {
                    return mine;
                }
            }
            return storedPosition(s);
        }

        @Override
        public long advance(String stream) {
            checkOpen();
            Keys.stream(stream);
            ensureWriting();
            long next = position(stream) + 1;
            writes.advance(stream, next);
            return next;
        }
    }

    // ---- Tx: the raw databases

    /** Ends a scan: closes the cursor, then finishes a close or drops retired snapshots. */
    private void endScan(Cursor<ByteBuffer> cursor) {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing an LMDB cursor of " + name + " failed", e);
            }
        }
        if (--scans == 0) {
            if (state == State.CLOSED) {
                finishClose();
            } else {
                for (Txn<ByteBuffer> r : retired) {
                    closeQuietly(r);
                }
                retired.clear();
            }
        }
    }

    private final class ScopeTx implements Tx {

        @Override
        public void beginWrite() {
            LmdbStepScope.this.beginWrite();
        }

        @Override
        public ByteBuffer get(Db db, byte[] key) {
            checkOpen();
            checkRawKey(key);
            TreeMap<byte[], byte[]> mine = pendingTable(db);
            if (mine != null) {
                byte[] v = mine.get(key);
                if (v != null) {
                    return v == WriteSet.TOMBSTONE ? null : ByteBuffer.wrap(v).asReadOnlyBuffer();
                }
            }
            try {
                ByteBuffer v = lmdb.dbi(db).get(readTxn(), rawKey(key));
                return v == null ? null : v.asReadOnlyBuffer();
            } catch (RuntimeException e) {
                throw Failures.map(e, "reading " + db.dbName + " in " + name, lmdb.config);
            }
        }

        @Override
        public boolean pending(Db db, byte[] key) {
            checkOpen();
            TreeMap<byte[], byte[]> mine = pendingTable(db);
            return mine != null && mine.containsKey(key);
        }

        @Override
        public void put(Db db, byte[] key, byte[] value) {
            checkOpen();
            checkRawKey(key);
            Objects.requireNonNull(value, "value");
            ensureWriting();
            writes.putRaw(db, key, value);
        }

        @Override
        public void delete(Db db, byte[] key) {
            checkOpen();
            checkRawKey(key);
            ensureWriting();
            writes.putRaw(db, key, WriteSet.TOMBSTONE);
        }

        @Override
        public Entry floor(Db db, byte[] key, int prefixLength) {
            return nearest(db, key, prefixLength, true);
        }

        @Override
        public Entry higher(Db db, byte[] key, int prefixLength) {
            return nearest(db, key, prefixLength, false);
        }

        /**
         * The entry with the greatest key {@code <= key} ({@code below}) or the least key
         * {@code > key} (otherwise) that shares {@code key}'s first {@code prefixLength} bytes,
         * from the committed data and this step's pending writes merged (pending tombstones hide
         * committed entries).
         */
        private Entry nearest(Db db, byte[] key, int prefixLength, boolean below) {
            checkOpen();
            checkRawKey(key);
            TreeMap<byte[], byte[]> mine = pendingTable(db);
            byte[] ck = null;
            ByteBuffer cv = null;
            scans++;
            Cursor<ByteBuffer> c = null;
            try {
                c = lmdb.dbi(db).openCursor(readTxn());
                boolean ok = c.get(rawKey(key), GetOp.MDB_SET_RANGE);
                if (below) {
                    // SET_RANGE lands on the least key >= key: step back unless it is key itself
                    ok = ok ? sameBytes(c.key(), key) || c.prev() : c.last();
                } else if (ok && sameBytes(c.key(), key)) {
                    ok = c.next();
                }
                while (ok) {
                    byte[] k = Keys.copy(c.key());
                    if (!samePrefix(k, key, prefixLength)) {
                        break;
                    }
                    if (mine != null && mine.get(k) == WriteSet.TOMBSTONE) {
                        ok = below ? c.prev() : c.next();
                        continue;
                    }
                    ck = k;
                    cv = c.val().asReadOnlyBuffer();
                    break;
                }
            } catch (RuntimeException e) {
                throw Failures.map(e, "searching " + db.dbName + " in " + name, lmdb.config);
            } finally {
                endScan(c);
            }
            if (mine != null) {
                Map.Entry<byte[], byte[]> pe = below ? mine.floorEntry(key) : mine.higherEntry(key);
                while (pe != null && pe.getValue() == WriteSet.TOMBSTONE) {
                    pe = below ? mine.lowerEntry(pe.getKey()) : mine.higherEntry(pe.getKey());
                }
                if (pe != null && samePrefix(pe.getKey(), key, prefixLength) && (ck == null
                        || (below ? 1 : -1) * Arrays.compareUnsigned(pe.getKey(), ck) >= 0)) {
                    return new Entry(pe.getKey().clone(), ByteBuffer.wrap(pe.getValue()).asReadOnlyBuffer());
                }
            }
            return ck == null ? null : new Entry(ck, cv);
        }

        @Override
        public void scan(Db db, byte[] from, byte[] to, Visitor visitor) {
            checkOpen();
            checkRawKey(from);
            Objects.requireNonNull(visitor, "visitor");
            scans++;
            Cursor<ByteBuffer> c = null;
            try {
                c = lmdb.dbi(db).openCursor(readTxn());
                byte[] dbKey = c.get(rawKey(from), GetOp.MDB_SET_RANGE) ? bounded(Keys.copy(c.key()), to) : null;
                byte[] last = null;
                while (state == State.OPEN) {
                    TreeMap<byte[], byte[]> mine = pendingTable(db); // afresh: the visitor may write
                    Map.Entry<byte[], byte[]> p = mine == null ? null
                            : last == null ? mine.ceilingEntry(from) : mine.higherEntry(last);
                    if (p != null && to != null && Arrays.compareUnsigned(p.getKey(), to) >= 0) {
                        p = null;
                    }
                    if (dbKey == null && p == null) {
                        break;
                    }
                    int cmp = dbKey == null ? 1 : p == null ? -1 : Arrays.compareUnsigned(dbKey, p.getKey());
                    byte[] key;
                    ByteBuffer value;
                    if (cmp < 0) {
                        key = dbKey;
                        value = c.val().asReadOnlyBuffer();
                        dbKey = c.next() ? bounded(Keys.copy(c.key()), to) : null;
                    } else {
                        key = p.getKey().clone();
                        value = p.getValue() == WriteSet.TOMBSTONE ? null : ByteBuffer.wrap(p.getValue()).asReadOnlyBuffer();
                        if (cmp == 0) {
                            dbKey = c.next() ? bounded(Keys.copy(c.key()), to) : null;
                        }
                    }
                    last = key;
                    if (value == null) {
                        continue;
                    }
                    if (!visitor.visit(key, value)) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                throw Failures.map(e, "scanning " + db.dbName + " in " + name, lmdb.config);
            } finally {
                endScan(c);
            }
        }

        @Override
        public void scanDown(Db db, byte[] below, byte[] lowest, Visitor visitor) {
            checkOpen();
            checkRawKey(below);
            Objects.requireNonNull(visitor, "visitor");
            scans++;
            Cursor<ByteBuffer> c = null;
            try {
                c = lmdb.dbi(db).openCursor(readTxn());
                // SET_RANGE lands on the least key >= below; the walk starts just before it
                boolean ok = c.get(rawKey(below), GetOp.MDB_SET_RANGE) ? c.prev() : c.last();
                byte[] dbKey = ok ? atLeast(Keys.copy(c.key()), lowest) : null;
                byte[] last = null;
                while (state == State.OPEN) {
                    TreeMap<byte[], byte[]> mine = pendingTable(db); // afresh: the visitor may write
                    Map.Entry<byte[], byte[]> p = mine == null ? null : mine.lowerEntry(last == null ? below : last);
                    if (p != null && lowest != null && Arrays.compareUnsigned(p.getKey(), lowest) < 0) {
                        p = null;
                    }
                    if (dbKey == null && p == null) {
                        break;
                    }
                    int cmp = dbKey == null ? -1 : p == null ? 1 : Arrays.compareUnsigned(dbKey, p.getKey());
                    byte[] key;
                    ByteBuffer value;
                    if (cmp > 0) {
                        key = dbKey;
                        value = c.val().asReadOnlyBuffer();
                        dbKey = c.prev() ? atLeast(Keys.copy(c.key()), lowest) : null;
                    } else {
                        key = p.getKey().clone();
                        value = p.getValue() == WriteSet.TOMBSTONE ? null : ByteBuffer.wrap(p.getValue()).asReadOnlyBuffer();
                        if (cmp == 0) {
                            dbKey = c.prev() ? atLeast(Keys.copy(c.key()), lowest) : null;
                        }
                    }
                    last = key;
                    if (value == null) {
                        continue;
                    }
                    if (!visitor.visit(key, value)) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                throw Failures.map(e, "scanning " + db.dbName + " in " + name, lmdb.config);
            } finally {
                endScan(c);
            }
        }

        @Override
        public void beforeCommit(Runnable action) {
            checkOpen();
            if (beforeCommit == null) {
                beforeCommit = new ArrayList<>(2);
            }
            beforeCommit.add(Objects.requireNonNull(action, "action"));
        }

        @Override
        public void afterCommit(Runnable action) {
            checkOpen();
            if (afterCommit == null) {
                afterCommit = new ArrayList<>(2);
            }
            afterCommit.add(Objects.requireNonNull(action, "action"));
        }

        private TreeMap<byte[], byte[]> pendingTable(Db db) {
            return writes == null ? null : writes.raw(db);
        }

        private ByteBuffer rawKey(byte[] key) {
            ByteBuffer b = keyBuf();
            b.clear();
            b.put(key);
            return b.flip();
        }

        private void checkRawKey(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length == 0 || key.length > Tx.MAX_KEY) {
                throw new IllegalArgumentException("key must have 1.." + Tx.MAX_KEY + " bytes, not " + key.length);
            }
        }

        private byte[] bounded(byte[] key, byte[] to) {
            return to != null && Arrays.compareUnsigned(key, to) >= 0 ? null : key;
        }

        private byte[] atLeast(byte[] key, byte[] lowest) {
            return lowest != null && Arrays.compareUnsigned(key, lowest) < 0 ? null : key;
        }
    }

    private static boolean sameBytes(ByteBuffer b, byte[] key) {
        if (b.remaining() != key.length) {
            return false;
        }
        int base = b.position();
        for (int i = 0; i < key.length; i++) {
            if (b.get(base + i) != key[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int n) {
        return a.length >= n && b.length >= n && Arrays.equals(a, 0, n, b, 0, n);
    }
}
