package org.hotroom.storage.state;

import java.util.Collection;
import java.util.Objects;
import org.hotroom.api.storage.EventStates;
import org.hotroom.api.storage.StateEntry;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.StateVisitor;
import org.hotroom.storage.Tx;

/**
 * {@link EventStates} for one step: snapshots are (room, node, pending delta) triples over the
 * configured {@link StateStore}, and {@link EventIndex} maps events to nodes.
 *
 * <p>A snapshot made by {@link #with} or {@link #fullState} is a node plus an in-memory delta; it
 * is stored only when recorded, and then once: the snapshot remembers the node it became, so
 * recording it for several events (siblings after a merge) shares one node. Before storing, the
 * delta is trimmed of changes that change nothing, so a logic that hands over a whole resolved
 * state, or a delta with redundant entries, costs no more than the true difference.
 *
 * <p>When the step discards its writes, every snapshot handed out before becomes unusable
 * ({@link #discardPending()}).
 */
public final class LmdbEventStates implements EventStates {

    /** Up to this many changes are checked one by one against the basis; more, against its whole state. */
    private static final int CHECK_ONE_BY_ONE = 64;

    private final Tx tx;
    private final StateStore store;
    /** Bumped by {@link #discardPending()}; a snapshot of an older generation is refused. */
    private int generation;

    public LmdbEventStates(Tx tx, StateStore store) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Invalidates every snapshot handed out so far; the scope calls it when the step discards its
     * writes. A snapshot may name a node (or carry a delta against one) that existed only in the
     * discarded writes, and its node number may even be given to another state later in the step,
     * so a stale snapshot must not be read or recorded, and telling which ones are safe is not
     * worth it.
     */
    public void discardPending() {
        generation++;
    }

    @Override
    public StateSnapshot empty(long room) {
        if (room <= 0) {
            throw new IllegalArgumentException("room ID must be positive: " + room);
        }
        return new Snap(room, 0, null);
    }

    @Override
    public StateSnapshot before(long event) {
        EventIndex.At at = EventIndex.get(tx, event);
        return at == null ? null : new Snap(at.room(), at.before(), null);
    }

    @Override
    public StateSnapshot after(long event) {
        EventIndex.At at = EventIndex.get(tx, event);
        return at == null ? null : new Snap(at.room(), at.after(), null);
    }

    @Override
    public StateSnapshot with(StateSnapshot basis, Collection<StateEntry> changes) {
        Snap s = own(basis);
        StateMap d = toMap(changes, true);
        if (d.isEmpty()) {
            return s;
        }
        return new Snap(s.room, s.node, s.delta == null ? d : s.delta.then(d));
    }

    @Override
    public StateSnapshot fullState(long room, Collection<StateEntry> cells, StateSnapshot near) {
        Snap n = own(near);
        if (n.room != room) {
            throw new IllegalArgumentException("the hint is a state of room " + n.room + ", not " + room);
        }
        StateMap target = toMap(cells, false);
        StateMap d = StateMap.diff(store.read(tx, n.node), target);
        return new Snap(room, n.node, d.isEmpty() ? null : d);
    }

    @Override
    public void record(long room, long event, StateSnapshot before, long type, long stateKey) {
        Snap s = own(before);
        if (s.room != room) {
            throw new IllegalArgumentException("the state given is of room " + s.room + ", not " + room);
        }
        if (event <= 0) {
            throw new IllegalArgumentException("event ID must be positive: " + event);
        }
        long key = type == 0 ? 0 : StateKeys.pack(type, stateKey);
        tx.beginWrite();
        long node = materialize(s);
        long after = node;
        if (type != 0 && store.get(tx, node, key) != event) {
            after = store.create(tx, room, node, StateMap.single(key, event));
        }
        EventIndex.put(tx, event, room, node, after);
    }

    /** Stores a snapshot's pending delta (trimmed) and returns its node. */
    private long materialize(Snap s) {
        if (s.delta == null) {
            return s.node;
        }
        StateMap d = trim(s.node, s.delta);
        long node = d.isEmpty() ? s.node : store.create(tx, s.room, s.node, d);
        s.node = node;
        s.delta = null;
        return node;
    }

    /** The changes of {@code delta} that change something in state {@code node}. */
    private StateMap trim(long node, StateMap delta) {
        StateMap.Builder b = new StateMap.Builder(delta.size());
        if (delta.size() <= CHECK_ONE_BY_ONE) {
            for (int i = 0; i < delta.size(); i++) {
                if (store.get(tx, node, delta.key(i)) != delta.event(i)) {
                    b.add(delta.key(i), delta.event(i));
                }
            }
        } else {
            StateMap base = store.read(tx, node);
            for (int i = 0; i < delta.size(); i++) {
                if (base.get(delta.key(i)) != delta.event(i)) {
                    b.add(delta.key(i), delta.event(i));
                }
            }
        }
        return b.size() == delta.size() ? delta : b.build();
    }

    private Snap own(StateSnapshot s) {
        if (s instanceof Snap snap && snap.owner() == this) {
            if (snap.generation != generation) {
                throw new IllegalArgumentException("the state snapshot was obtained before the step discarded its writes");
            }
            return snap;
        }
        throw new IllegalArgumentException(s == null ? "no state snapshot given"
                : "the state snapshot was not made by this step's EventStates");
    }

    private static StateMap toMap(Collection<StateEntry> entries, boolean removalsAllowed) {
        long[] k = new long[entries.size()];
        long[] e = new long[entries.size()];
        int n = 0;
        for (StateEntry x : entries) {
            if (!removalsAllowed && x.event() == 0) {
                throw new IllegalArgumentException("a full state cannot hold event 0 (at " + x + ")");
            }
            k[n] = StateKeys.pack(x.type(), x.stateKey());
            e[n] = x.event();
            n++;
        }
        return StateMap.sorted(k, e, n);
    }

    /** A state: a stored node plus, until recorded, a delta in memory. */
    private final class Snap implements StateSnapshot {
        final long room;
        final int generation = LmdbEventStates.this.generation;
        long node;
        StateMap delta;

        Snap(long room, long node, StateMap delta) {
            this.room = room;
            this.node = node;
            this.delta = delta;
        }

        LmdbEventStates owner() {
            return LmdbEventStates.this;
        }

        void checkCurrent() {
            if (generation != LmdbEventStates.this.generation) {
                throw new IllegalStateException("this state snapshot was obtained before the step discarded its writes");
            }
        }

        @Override
        public long room() {
            return room;
        }

        @Override
        public long get(long type, long stateKey) {
            checkCurrent();
            long key = StateKeys.pack(type, stateKey);
            if (delta != null) {
                int i = delta.indexOf(key);
                if (i >= 0) {
                    return delta.event(i);
                }
            }
            return store.get(tx, node, key);
        }

        @Override
        public void forEach(StateVisitor visitor) {
            checkCurrent();
            if (delta == null) {
                store.forEach(tx, node, 0, Long.MAX_VALUE, visitor);
                return;
            }
            StateMap m = store.read(tx, node);
            m.apply(delta).forEach(visitor);
        }

        @Override
        public void forEach(long type, StateVisitor visitor) {
            checkCurrent();
            long from = StateKeys.pack(type, 1) - 1;
            long to = from + StateKeys.MAX_STATE_KEY + 1;
            if (delta == null) {
                store.forEach(tx, node, from, to, visitor);
                return;
            }
            StateMap m = store.read(tx, node, from, to);
            m.apply(delta.slice(from, to)).forEach(visitor);
        }

        @Override
        public String toString() {
            return "state of room " + room + " at node " + node + (delta == null ? "" : " + " + delta);
        }
    }
}
