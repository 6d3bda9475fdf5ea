package org.hotroom.storage.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;

/**
 * Synapse's state groups: a state is a <em>group</em>, stored as a predecessor group plus a delta,
 * or as a whole snapshot (no predecessor). Reading walks the predecessors back to a snapshot and
 * applies the deltas, newest winning.
 *
 * <p>Two ways of choosing the predecessor:
 * <ul>
 *   <li><b>synapse</b> (Synapse's default, {@code MAX_STATE_DELTA_HOPS = 100}): the predecessor is
 *       the logical parent, unless the parent is already 100 hops from its snapshot (or the delta
 *       removes keys, which Synapse's deltas cannot say); then the whole state is stored.
 *   <li><b>levels</b> (the rust-synapse-compress-state algorithm, applied online): levels with
 *       maximum lengths, e.g. 100, 50, 25. Each new group joins the lowest level that is not full
 *       and its predecessor is that level's head; every full level it passes starts a new chain with
 *       the group as head. When all levels are full, or a level is new, the group is a snapshot. So
 *       a read walks at most the sum of the lengths, and snapshots are rare; upper-level deltas
 *       span many changes. When the predecessor is not the logical parent the delta is computed
 *       from the two whole states (with tombstones if keys vanish, which happens only across forks).
 * </ul>
 *
 * <p>Layout: {@code dc.group}: id (8) to {@code room (8) | predecessor (8) | hops (4) | entries}
 * ({@link FixedEntries}); Synapse keeps the hop count implicit and counts it with a recursive query,
 * stored here it costs 4 bytes a group. {@code dc.levels}: room (8) to each level's head (8) and
 * length (4).
 */
public final class DeltaChainStateStore implements StateStore {

    /** Synapse's {@code MAX_STATE_DELTA_HOPS}. */
    public static final int SYNAPSE_MAX_HOPS = 100;
    private static final byte[] NEXT_GROUP = "dc.next_group".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 20;

    /** Null for synapse mode. */
    private final int[] levels;
    private final int maxHops;

    private DeltaChainStateStore(int[] levels, int maxHops) {
        this.levels = levels;
        this.maxHops = maxHops;
    }

    /** Synapse's default: a snapshot every {@code maxHops} + 1 groups along a chain. */
    public static DeltaChainStateStore synapse(int maxHops) {
        if (maxHops < 1) {
            throw new IllegalArgumentException("hops must be positive: " + maxHops);
        }
        return new DeltaChainStateStore(null, maxHops);
    }

    /** The compressor's levels, lowest first, e.g. {@code 100, 50, 25}. */
    public static DeltaChainStateStore levels(int... sizes) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("at least one level");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("level sizes must be positive: " + Arrays.toString(sizes));
            }
        }
        return new DeltaChainStateStore(sizes.clone(), Arrays.stream(sizes).sum());
    }

    @Override
    public String name() {
        return levels == null ? (maxHops == SYNAPSE_MAX_HOPS ? "synapse" : "synapse:" + maxHops)
                : "levels:" + Arrays.stream(levels).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    @Override
    public long create(Tx tx, long room, long parent, StateMap delta) {
        tx.beginWrite();
        if (delta.isEmpty()) {
            return parent;
        }
        if (parent != 0 && room(tx, parent) != room) {
            throw new IllegalArgumentException("state group " + parent + " belongs to room " + room(tx, parent)
                    + ", not " + room);
        }
        long id = BlockStateStore.next(tx, NEXT_GROUP);
        if (levels == null) {
            int hops = parent == 0 ? -1 : hops(tx, parent);
            if (parent != 0 && hops < maxHops && !delta.hasTombstones()) {
                put(tx, id, room, parent, hops + 1, delta);
            } else {
                put(tx, id, room, 0, 0, whole(tx, parent, delta));
            }
            return id;
        }
        // levels: choose the predecessor as the compressor does
        byte[] lk = Bytes.longBE(room);
        long[] head = new long[levels.length];
        int[] len = new int[levels.length];
        ByteBuffer lv = tx.get(Db.DC_LEVELS, lk);
        if (lv != null) {
            int base = lv.position();
            int stored = lv.remaining() / 12;
            for (int i = 0; i < Math.min(stored, levels.length); i++) {
                head[i] = lv.getLong(base + 12 * i);
                len[i] = lv.getInt(base + 12 * i + 8);
            }
        }
        long pred = 0;
        for (int i = 0; i < levels.length; i++) {
            if (len[i] < levels[i]) {
                pred = head[i];
                head[i] = id;
                len[i]++;
                break;
            }
            head[i] = id;
            len[i] = 1;
        }
        byte[] nl = new byte[12 * levels.length];
        for (int i = 0; i < levels.length; i++) {
            Bytes.putLongBE(nl, 12 * i, head[i]);
            Bytes.putIntBE(nl, 12 * i + 8, len[i]);
        }
        tx.put(Db.DC_LEVELS, lk, nl);
        if (pred == 0) {
            put(tx, id, room, 0, 0, whole(tx, parent, delta));
        } else if (pred == parent) {
            put(tx, id, room, parent, hops(tx, parent) + 1, delta);
        } else {
            put(tx, id, room, pred, hops(tx, pred) + 1, StateMap.diff(read(tx, pred), whole(tx, parent, delta)));
        }
        return id;
    }

    private StateMap whole(Tx tx, long parent, StateMap delta) {
        return parent == 0 ? delta.withoutTombstones() : read(tx, parent).apply(delta);
    }

    private static void put(Tx tx, long id, long room, long prev, int hops, StateMap entries) {
        byte[] v = new byte[HEADER + entries.size() * FixedEntries.ENTRY];
        Bytes.putLongBE(v, 0, room);
        Bytes.putLongBE(v, 8, prev);
        Bytes.putIntBE(v, 16, hops);
        FixedEntries.write(entries, v, HEADER);
        tx.put(Db.DC_GROUP, Bytes.longBE(id), v);
    }

    private static ByteBuffer group(Tx tx, long id) {
        ByteBuffer v = tx.get(Db.DC_GROUP, Bytes.longBE(id));
        if (v == null) {
            throw new IllegalArgumentException("unknown state group " + id);
        }
        return v;
    }

    private static int hops(Tx tx, long id) {
        ByteBuffer v = group(tx, id);
        return v.getInt(v.position() + 16);
    }

    @Override
    public long room(Tx tx, long node) {
        ByteBuffer v = group(tx, node);
        return v.getLong(v.position());
    }

    @Override
    public long get(Tx tx, long node, long key) {
        for (long g = node; g != 0; ) {
            ByteBuffer v = group(tx, g);
            int at = v.position() + HEADER;
            int hit = FixedEntries.find(v, at, (v.limit() - at) / FixedEntries.ENTRY, key);
            if (hit >= 0) {
                return FixedEntries.event(v, at, hit);
            }
            g = v.getLong(v.position() + 8);
        }
        return 0;
    }

    @Override
    public StateMap read(Tx tx, long node) {
        if (node == 0) {
            return StateMap.EMPTY;
        }
        List<StateMap> newestFirst = new ArrayList<>();
        for (long g = node; g != 0; ) {
            ByteBuffer v = group(tx, g);
            int at = v.position() + HEADER;
            newestFirst.add(FixedEntries.read(v, at, (v.limit() - at) / FixedEntries.ENTRY));
            g = v.getLong(v.position() + 8);
        }
        StateMap base = newestFirst.remove(newestFirst.size() - 1).withoutTombstones();
        Collections.reverse(newestFirst);
        return base.apply(StateMap.combine(newestFirst));
    }
}
