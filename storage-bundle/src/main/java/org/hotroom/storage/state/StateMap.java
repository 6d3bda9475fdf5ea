package org.hotroom.storage.state;

import java.util.Arrays;
import java.util.List;
import org.hotroom.api.storage.StateVisitor;

/**
 * An immutable map from packed state key ({@link StateKeys}) to event ID, as two parallel arrays
 * sorted by key. Used both for whole states and for deltas; in a delta, event 0 means "remove"
 * (a tombstone), in a whole state it never occurs.
 *
 * <p>Why arrays: a room state of 100k cells is 1.6 MB as two {@code long[]}, and every operation
 * the stores need (lookup, range, merge, difference) is a binary search or one linear pass.
 */
public final class StateMap {

    public static final StateMap EMPTY = new StateMap(new long[0], new long[0], 0);

    private final long[] keys;
    private final long[] events;
    private final int size;

    private StateMap(long[] keys, long[] events, int size) {
        this.keys = keys;
        this.events = events;
        this.size = size;
    }

    /** Wraps arrays already sorted by strictly increasing key (checked); the arrays are taken over. */
    public static StateMap of(long[] keys, long[] events, int size) {
        for (int i = 1; i < size; i++) {
            if (keys[i - 1] >= keys[i]) {
                throw new IllegalArgumentException("keys not strictly increasing at " + i + ": "
                        + StateKeys.toString(keys[i - 1]) + " then " + StateKeys.toString(keys[i]));
            }
        }
        return new StateMap(keys, events, size);
    }

    /** Sorts (key, event) pairs; a key given twice is an error. */
    public static StateMap sorted(long[] keys, long[] events, int size) {
        long[] k = Arrays.copyOf(keys, size);
        long[] e = Arrays.copyOf(events, size);
        sortPairs(k, e, 0, size);
        for (int i = 1; i < size; i++) {
            if (k[i - 1] == k[i]) {
                throw new IllegalArgumentException("state key " + StateKeys.toString(k[i]) + " given twice");
            }
        }
        return new StateMap(k, e, size);
    }

    public static StateMap single(long key, long event) {
        return new StateMap(new long[] {key}, new long[] {event}, 1);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long key(int i) {
        return keys[i];
    }

    public long event(int i) {
        return events[i];
    }

    /** The index of a key, or {@code -(insertion point) - 1}. */
    public int indexOf(long key) {
        return Arrays.binarySearch(keys, 0, size, key);
    }

    /** The event at a key, or 0 when absent (or a tombstone). */
    public long get(long key) {
        int i = indexOf(key);
        return i < 0 ? 0 : events[i];
    }

    public boolean hasTombstones() {
        for (int i = 0; i < size; i++) {
            if (events[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** This map without tombstones (itself if it has none). */
    public StateMap withoutTombstones() {
        if (!hasTombstones()) {
            return this;
        }
        Builder b = new Builder(size);
        for (int i = 0; i < size; i++) {
            if (events[i] != 0) {
                b.add(keys[i], events[i]);
            }
        }
        return b.build();
    }

    /** The entries with {@code from <= key < to}. */
    public StateMap slice(long from, long to) {
        int lo = indexOf(from);
        lo = lo < 0 ? -lo - 1 : lo;
        int hi = indexOf(to);
        hi = hi < 0 ? -hi - 1 : hi;
        if (lo == 0 && hi == size) {
            return this;
        }
        if (hi <= lo) {
            return EMPTY;
        }
        return new StateMap(Arrays.copyOfRange(keys, lo, hi), Arrays.copyOfRange(events, lo, hi), hi - lo);
    }

    /** A whole state: this one with {@code delta} applied (its tombstones remove keys). */
    public StateMap apply(StateMap delta) {
        if (delta.size == 0) {
            return this;
        }
        Builder b = new Builder(size + delta.size);
        int i = 0;
        int j = 0;
        while (i < size || j < delta.size) {
            if (j == delta.size || i < size && keys[i] < delta.keys[j]) {
                b.add(keys[i], events[i]);
                i++;
            } else {
                if (i < size && keys[i] == delta.keys[j]) {
                    i++;
                }
                if (delta.events[j] != 0) {
                    b.add(delta.keys[j], delta.events[j]);
                }
                j++;
            }
        }
        return b.build();
    }

    /**
     * One delta equivalent to applying {@code newer} after this one: keys of {@code newer} win,
     * tombstones are kept.
     */
    public StateMap then(StateMap newer) {
        if (newer.size == 0) {
            return this;
        }
        if (size == 0) {
            return newer;
        }
        Builder b = new Builder(size + newer.size);
        int i = 0;
        int j = 0;
        while (i < size || j < newer.size) {
            if (j == newer.size || i < size && keys[i] < newer.keys[j]) {
                b.add(keys[i], events[i]);
                i++;
            } else {
                if (i < size && keys[i] == newer.keys[j]) {
                    i++;
                }
                b.add(newer.keys[j], newer.events[j]);
                j++;
            }
        }
        return b.build();
    }

    /** Deltas folded into one, oldest first; divide and conquer, so O(total * log count). */
    public static StateMap combine(List<StateMap> oldestFirst) {
        if (oldestFirst.isEmpty()) {
            return EMPTY;
        }
        return combine(oldestFirst, 0, oldestFirst.size());
    }

    private static StateMap combine(List<StateMap> d, int lo, int hi) {
        if (hi - lo == 1) {
            return d.get(lo);
        }
        int mid = (lo + hi) >>> 1;
        return combine(d, lo, mid).then(combine(d, mid, hi));
    }

    /**
     * The delta that turns state {@code from} into state {@code to} (tombstones for keys only in
     * {@code from}). Both must be whole states.
     */
    public static StateMap diff(StateMap from, StateMap to) {
        Builder b = new Builder(16);
        int i = 0;
        int j = 0;
        while (i < from.size || j < to.size) {
            if (j == to.size || i < from.size && from.keys[i] < to.keys[j]) {
                b.add(from.keys[i], 0);
                i++;
            } else if (i == from.size || to.keys[j] < from.keys[i]) {
                b.add(to.keys[j], to.events[j]);
                j++;
            } else {
                if (from.events[i] != to.events[j]) {
                    b.add(to.keys[j], to.events[j]);
                }
                i++;
                j++;
            }
        }
        return b.build();
    }

    /** Visits entries in key order (tombstones included) until the visitor returns false. */
    public boolean forEach(StateVisitor visitor) {
        for (int i = 0; i < size; i++) {
            if (!visitor.visit(StateKeys.type(keys[i]), StateKeys.stateKey(keys[i]), events[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateMap m && m.size == size && Arrays.equals(keys, 0, size, m.keys, 0, size)
                && Arrays.equals(events, 0, size, m.events, 0, size);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(keys[i]) * 17 + Long.hashCode(events[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size && i < 50; i++) {
            sb.append(i == 0 ? "" : ", ").append(StateKeys.toString(keys[i])).append('=').append(events[i]);
        }
        if (size > 50) {
            sb.append(", ... ").append(size).append(" entries");
        }
        return sb.append('}').toString();
    }

    /** Appends entries in strictly increasing key order. */
    public static final class Builder {
        private long[] keys;
        private long[] events;
        private int size;

        public Builder(int capacity) {
            keys = new long[Math.max(capacity, 4)];
            events = new long[keys.length];
        }

        public Builder add(long key, long event) {
            if (size > 0 && keys[size - 1] >= key) {
                throw new IllegalArgumentException("keys must be added in increasing order: "
                        + StateKeys.toString(keys[size - 1]) + " then " + StateKeys.toString(key));
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                events = Arrays.copyOf(events, size * 2);
            }
            keys[size] = key;
            events[size] = event;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public StateMap build() {
            return size == 0 ? EMPTY : new StateMap(keys, events, size);
        }
    }

    /** Sorts pairs by key (insertion sort for small runs, else quicksort on the key array). */
    private static void sortPairs(long[] k, long[] e, int lo, int hi) {
        while (hi - lo > 16) {
            long pivot = k[(lo + hi) >>> 1];
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                while (k[i] < pivot) {
                    i++;
                }
                while (k[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = k[i];
                    k[i] = k[j];
                    k[j] = t;
                    t = e[i];
                    e[i] = e[j];
                    e[j] = t;
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                sortPairs(k, e, lo, j + 1);
                lo = i;
            } else {
                sortPairs(k, e, i, hi);
                hi = j + 1;
            }
        }
        for (int i = lo + 1; i < hi; i++) {
            long kk = k[i];
            long ee = e[i];
            int j = i - 1;
            while (j >= lo && k[j] > kk) {
                k[j + 1] = k[j];
                e[j + 1] = e[j];
                j--;
            }
            k[j + 1] = kk;
            e[j + 1] = ee;
        }
    }
}
