package org.hotroom.host.step;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.Storage;
import org.hotroom.api.storage.StreamListener;
import org.hotroom.api.storage.Streams;

/**
 * A small in-memory Storage for tests of the shell's step loop, where storage is not the point
 * (the storage bundle's own tests run on real LMDB). Writes buffer per scope and apply on commit.
 */
final class MemoryStorage implements Storage {

    private final Map<String, TreeMap<String, byte[]>> tables = new ConcurrentHashMap<>();
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final List<StreamListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public StepScope openStep() {
        return new Scope();
    }

    @Override
    public long position(String stream) {
        return positions.getOrDefault(stream, 0L);
    }

    /** Moves a stream as a committed step would. */
    void advance(String stream) {
        long p = positions.merge(stream, 1L, Long::sum);
        listeners.forEach(l -> l.moved(stream, p));
    }

    @Override
    public void addStreamListener(StreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeStreamListener(StreamListener listener) {
        listeners.remove(listener);
    }

    private final class Scope implements StepScope, KeyValue, Streams {
        final Map<String, Map<String, byte[]>> writes = new HashMap<>();
        final Map<String, Long> advanced = new HashMap<>();

        @Override
        public void beginWrite() {}

        @Override
        public KeyValue keyValue() {
            return this;
        }

        @Override
        public Streams streams() {
            return this;
        }

        @Override
        public byte[] get(String table, byte[] key) {
            String k = Arrays.toString(key);
            Map<String, byte[]> w = writes.get(table);
            if (w != null && w.containsKey(k)) {
                return w.get(k);
            }
            TreeMap<String, byte[]> t = tables.get(table);
            return t == null ? null : t.get(k);
        }

        @Override
        public void put(String table, byte[] key, byte[] value) {
            writes.computeIfAbsent(table, x -> new HashMap<>()).put(Arrays.toString(key), value.clone());
        }

        @Override
        public boolean delete(String table, byte[] key) {
            boolean had = get(table, key) != null;
            writes.computeIfAbsent(table, x -> new HashMap<>()).put(Arrays.toString(key), null);
            return had;
        }

        @Override
        public void scan(String table, byte[] from, Visitor visitor) {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        @Override
        public long position(String stream) {
            return MemoryStorage.this.position(stream) + advanced.getOrDefault(stream, 0L);
        }

        @Override
        public long advance(String stream) {
            advanced.merge(stream, 1L, Long::sum);
            return position(stream);
        }

        @Override
        public void commit() {
            writes.forEach((table, w) -> w.forEach((k, v) -> {
                TreeMap<String, byte[]> t = tables.computeIfAbsent(table, x -> new TreeMap<>());
                if (v == null) {
                    t.remove(k);
                } else {
                    t.put(k, v);
                }
            }));
            advanced.forEach((s, n) -> {
                for (long i = 0; i < n; i++) {
                    MemoryStorage.this.advance(s);
                }
            });
            writes.clear();
            advanced.clear();
        }

        @Override
        public void close() {
            writes.clear();
            advanced.clear();
        }
    }
}
