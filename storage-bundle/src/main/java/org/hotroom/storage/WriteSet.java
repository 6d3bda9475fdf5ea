package org.hotroom.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * The uncommitted writes of one step, kept in memory until commit.
 *
 * <p>Per table a sorted map from user key to value, where the value {@link #TOMBSTONE} (compared
 * by identity) marks a delete; per stream the position the step advanced it to. Keys and values
 * are the scope's own copies: nothing outside this class holds them, and {@link #ceiling} / {@link
 * #higher} hand out the stored arrays, which callers must copy before giving them away.
 *
 * <p>Lookups by key ({@code ceiling}/{@code higher}) instead of iterators keep a scan correct when
 * its visitor writes to the same table. {@link #applyTo} replays everything, in key order, into
 * one LMDB write transaction at commit.
 *
 * <p>The {@link Db raw databases} (interning, state) get the same treatment: per database a
 * sorted map from key to value or {@link #TOMBSTONE}, which {@link Tx} reads merge with LMDB.
 */
final class WriteSet {

    /** Marks a deleted key. Only ever compared by identity. */
    static final byte[] TOMBSTONE = new byte[0];

    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, Long> streams = new LinkedHashMap<>();
    private final EnumMap<Db, TreeMap<byte[], byte[]>> raw = new EnumMap<>(Db.class);

    private static final class Table {
        final byte[] name;
        final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);

        Table(byte[] name) {
            this.name = name;
        }
    }

    boolean isEmpty() {
        return tables.isEmpty() && streams.isEmpty() && raw.isEmpty();
    }

    /** The step's writes to a raw database (sorted, {@link #TOMBSTONE} for deletes), or null if none. */
    TreeMap<byte[], byte[]> raw(Db db) {
        return raw.get(db);
    }

    void putRaw(Db db, byte[] key, byte[] value) {
        raw.computeIfAbsent(db, d -> new TreeMap<>(Arrays::compareUnsigned)).put(key, value);
    }

    void put(String table, byte[] tableBytes, byte[] key, byte[] value) {
        tables.computeIfAbsent(table, t -> new Table(tableBytes)).entries.put(key, value);
    }

    void delete(String table, byte[] tableBytes, byte[] key) {
        put(table, tableBytes, key, TOMBSTONE);
    }

    /** The step's value for a key: null if the step did not touch it, {@link #TOMBSTONE} if deleted. */
    byte[] get(String table, byte[] key) {
        Table t = tables.get(table);
        return t == null ? null : t.entries.get(key);
    }

    /** The step's first entry with key {@code >= key} in a table, or null. */
    Map.Entry<byte[], byte[]> ceiling(String table, byte[] key) {
        Table t = tables.get(table);
        return t == null ? null : t.entries.ceilingEntry(key);
    }

    /** The step's first entry with key {@code > key} in a table, or null. */
    Map.Entry<byte[], byte[]> higher(String table, byte[] key) {
        Table t = tables.get(table);
        return t == null ? null : t.entries.higherEntry(key);
    }

    /** The position the step moved a stream to, or null if it did not. */
    Long stream(String stream) {
        return streams.get(stream);
    }

    void advance(String stream, long position) {
        streams.put(stream, position);
    }

    /** The streams this step moved, with their new positions. */
    Map<String, Long> streams() {
        return streams;
    }

    /**
     * Writes everything into {@code txn}. {@code keyBuf} is a direct buffer of at least {@link
     * Keys#MAX_STORED_KEY} bytes. Throws lmdbjava's exceptions; the caller aborts.
     */
    void applyTo(Txn<ByteBuffer> txn, Dbi<ByteBuffer> kv, Dbi<ByteBuffer> streamDb, ByteBuffer keyBuf) {
        applyTo(txn, kv, streamDb, db -> {
            throw new IllegalStateException("no LMDB database for " + db);
        }, keyBuf);
    }

    /** As above, also writing the raw databases through {@code dbs}; {@code keyBuf} holds {@link Tx#MAX_KEY} bytes. */
    void applyTo(Txn<ByteBuffer> txn, Dbi<ByteBuffer> kv, Dbi<ByteBuffer> streamDb,
            Function<Db, Dbi<ByteBuffer>> dbs, ByteBuffer keyBuf) {
        for (Table t : tables.values()) {
            for (Map.Entry<byte[], byte[]> e : t.entries.entrySet()) {
                Keys.stored(keyBuf, t.name, e.getKey());
                byte[] v = e.getValue();
                if (v == TOMBSTONE) {
                    kv.delete(txn, keyBuf);
                } else {
                    kv.reserve(txn, keyBuf, v.length).clear().put(v);
                }
            }
        }
        for (Map.Entry<String, Long> e : streams.entrySet()) {
            Keys.streamKey(keyBuf, Keys.stream(e.getKey()));
            streamDb.reserve(txn, keyBuf, Long.BYTES).clear().put(Keys.encodeLong(e.getValue()));
        }
        for (Map.Entry<Db, TreeMap<byte[], byte[]>> d : raw.entrySet()) {
            Dbi<ByteBuffer> dbi = dbs.apply(d.getKey());
            for (Map.Entry<byte[], byte[]> e : d.getValue().entrySet()) {
                keyBuf.clear();
                keyBuf.put(e.getKey()).flip();
                byte[] v = e.getValue();
                if (v == TOMBSTONE) {
                    dbi.delete(txn, keyBuf);
                } else {
                    dbi.reserve(txn, keyBuf, v.length).clear().put(v);
                }
            }
        }
    }
}
