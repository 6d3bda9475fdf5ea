package org.hotroom.logic.testing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.Streams;

/**
 * A StepStorage for tests: tables are TreeMaps ordered by unsigned bytes, writes apply at once
 * (commit-on-success is the shell's job; the logic's own buffering is what is under test).
 */
public final class InMemoryStorage implements StepStorage {

    private final Map<String, NavigableMap<byte[], byte[]>> tables = new HashMap<>();
    private final Map<String, Long> positions = new HashMap<>();
    private int beginWrites;
    private int writes;

    @Override
    public void beginWrite() {
        beginWrites++;
    }

    /** How often beginWrite was called. */
    public int beginWrites() {
        return beginWrites;
    }

    /** How many puts, deletes and advances reached this storage. */
    public int writes() {
        return writes;
    }

    /** Number of entries in a table. */
    public int size(String table) {
        NavigableMap<byte[], byte[]> t = tables.get(table);
        return t == null ? 0 : t.size();
    }

    private NavigableMap<byte[], byte[]> table(String name) {
        return tables.computeIfAbsent(name, n -> new TreeMap<>(Arrays::compareUnsigned));
    }

    private final KeyValue kv = new KeyValue() {
        @Override
        public byte[] get(String table, byte[] key) {
            byte[] v = table(table).get(key);
            return v == null ? null : v.clone();
        }

        @Override
        public void put(String table, byte[] key, byte[] value) {
            writes++;
            table(table).put(key.clone(), value.clone());
        }

        @Override
        public boolean delete(String table, byte[] key) {
            writes++;
            return table(table).remove(key) != null;
        }

        @Override
        public void scan(String table, byte[] from, Visitor visitor) {
            for (Map.Entry<byte[], byte[]> e : table(table).tailMap(from, true).entrySet()) {
                if (!visitor.visit(e.getKey().clone(), e.getValue().clone())) {
                    return;
                }
            }
        }
    };

    private final Streams streams = new Streams() {
        @Override
        public long position(String stream) {
            return positions.getOrDefault(stream, 0L);
        }

        @Override
        public long advance(String stream) {
            writes++;
            return positions.merge(stream, 1L, Long::sum);
        }
    };

    @Override
    public KeyValue keyValue() {
        return kv;
    }

    @Override
    public Streams streams() {
        return streams;
    }
}
