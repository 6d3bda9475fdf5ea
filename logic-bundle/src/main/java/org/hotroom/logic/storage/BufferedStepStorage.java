package org.hotroom.logic.storage;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.Streams;

/**
 * Holds a step's writes inside the logic until the handler has finished, so that a handler that
 * throws (a {@code MatrixError}, or a crash answered with 500) leaves no partial writes behind:
 * the dispatcher {@link #flush()}es only after a normal return. This keeps the contract's rule
 * "a step that fails writes nothing" even though the logic still answers such steps itself.
 *
 * <p>Reads see the underlying storage plus this step's own buffered writes (scans merge both in
 * key order). The first write takes the underlying writer lock at once ({@link
 * StepStorage#beginWrite()}), exactly as a direct write would, so stream positions handed out
 * during the step stay valid when the writes are flushed.
 */
public final class BufferedStepStorage implements StepStorage {

    /** A buffered value, or a deletion (value null). */
    private record Pending(byte[] value) {}

    private final StepStorage under;
    private final Map<String, NavigableMap<byte[], Pending>> tables = new LinkedHashMap<>();
    private final Map<String, Integer> advances = new LinkedHashMap<>();
    private final BufferedKeyValue keyValue = new BufferedKeyValue();
    private final BufferedStreams streams = new BufferedStreams();
    private boolean locked;

    public BufferedStepStorage(StepStorage under) {
        this.under = under;
    }

    @Override
    public void beginWrite() {
        if (!locked) {
            under.beginWrite();
            locked = true;
        }
    }

    @Override
    public KeyValue keyValue() {
        return keyValue;
    }

    @Override
    public Streams streams() {
        return streams;
    }

    /** True when the step wrote anything. */
    public boolean dirty() {
        return !advances.isEmpty() || tables.values().stream().anyMatch(t -> !t.isEmpty());
    }

    /** Passes every buffered write on to the underlying storage. */
    public void flush() {
        KeyValue kv = under.keyValue();
        for (Map.Entry<String, NavigableMap<byte[], Pending>> t : tables.entrySet()) {
            for (Map.Entry<byte[], Pending> e : t.getValue().entrySet()) {
                if (e.getValue().value() == null) {
                    kv.delete(t.getKey(), e.getKey());
                } else {
                    kv.put(t.getKey(), e.getKey(), e.getValue().value());
                }
            }
        }
        for (Map.Entry<String, Integer> a : advances.entrySet()) {
            for (int i = 0; i < a.getValue(); i++) {
                under.streams().advance(a.getKey());
            }
        }
        tables.clear();
        advances.clear();
    }

    private NavigableMap<byte[], Pending> table(String name) {
        return tables.computeIfAbsent(name, n -> new TreeMap<>(Arrays::compareUnsigned));
    }

    private final class BufferedKeyValue implements KeyValue {

        @Override
        public byte[] get(String table, byte[] key) {
            NavigableMap<byte[], Pending> t = tables.get(table);
            Pending p = t == null ? null : t.get(key);
            if (p != null) {
                return p.value() == null ? null : p.value().clone();
            }
            return under.keyValue().get(table, key);
        }

        @Override
        public void put(String table, byte[] key, byte[] value) {
            if (key == null || value == null) {
                throw new IllegalArgumentException("key and value must not be null");
            }
            beginWrite();
            table(table).put(key.clone(), new Pending(value.clone()));
        }

        @Override
        public boolean delete(String table, byte[] key) {
            beginWrite();
            boolean present = get(table, key) != null;
            table(table).put(key.clone(), new Pending(null));
            return present;
        }

        @Override
        public void scan(String table, byte[] from, Visitor visitor) {
            NavigableMap<byte[], Pending> t = tables.get(table);
            if (t == null || t.isEmpty()) {
                under.keyValue().scan(table, from, visitor);
                return;
            }
            Merge merge = new Merge(t.tailMap(from, true).entrySet().iterator(), visitor);
            under.keyValue().scan(table, from, merge::visitUnderlying);
            if (!merge.stopped) {
                merge.drainBefore(null);
            }
        }
    }

    /** Merges this step's entries into an underlying scan: ours first on ties, deletions hide theirs. */
    private static final class Merge {
        private final Iterator<Map.Entry<byte[], Pending>> mine;
        private final KeyValue.Visitor visitor;
        private Map.Entry<byte[], Pending> next;
        private boolean stopped;

        Merge(Iterator<Map.Entry<byte[], Pending>> mine, KeyValue.Visitor visitor) {
            this.mine = mine;
            this.visitor = visitor;
            this.next = mine.hasNext() ? mine.next() : null;
        }

        boolean visitUnderlying(byte[] key, byte[] value) {
            int last = drainBefore(key);
            if (stopped) {
                return false;
            }
            if (last == 0) {
                return true; // ours replaced (or deleted) theirs
            }
            if (!visitor.visit(key, value)) {
                stopped = true;
            }
            return !stopped;
        }

        /**
         * Visits our entries with keys up to {@code key} (all when null). Returns 0 when one of
         * them had exactly {@code key}, else 1.
         */
        int drainBefore(byte[] key) {
            while (next != null && !stopped) {
                int c = key == null ? -1 : Arrays.compareUnsigned(next.getKey(), key);
                if (c > 0) {
                    break;
                }
                Map.Entry<byte[], Pending> e = next;
                next = mine.hasNext() ? mine.next() : null;
                if (e.getValue().value() != null && !visitor.visit(e.getKey().clone(), e.getValue().value().clone())) {
                    stopped = true;
                }
                if (c == 0) {
                    return 0;
                }
            }
            return 1;
        }
    }

    private final class BufferedStreams implements Streams {
        @Override
        public long position(String stream) {
            return under.streams().position(stream) + advances.getOrDefault(stream, 0);
        }

        @Override
        public long advance(String stream) {
            beginWrite();
            advances.merge(stream, 1, Integer::sum);
            return position(stream);
        }
    }
}
