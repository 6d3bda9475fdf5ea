package org.hotroom.storage.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;

/**
 * Dendrite's state storage: a state is a <em>snapshot</em>, a list of at most {@value #MAX_BLOCKS}
 * <em>blocks</em>; a block is a sorted list of {@code (type, stateKey, event)} entries; later blocks
 * of a snapshot override earlier ones. Blocks and snapshots are shared through content hashes.
 *
 * <p>Algorithm (after Dendrite's roomserver: {@code StateResolution.CalculateAndStoreStateBeforeEvent}
 * and {@code Database.AddState}): a child of a snapshot with fewer than {@value #MAX_BLOCKS} blocks
 * is the parent's block list plus one new block holding the delta; otherwise the whole state is
 * computed and stored as a single block. Dendrite stores a merge's resolved state whole; here a
 * merge arrives as a delta against one parent and is treated like any child, which only flatters
 * this strategy.
 *
 * <p>Layout: {@code bk.snapshot}: id (8) to room (8) and block ids (8 each); {@code bk.block}: id
 * (8) to entries ({@link FixedEntries}, tombstones allowed in delta blocks); {@code bk.blockhash},
 * {@code bk.snaphash}: content hash (8) to id, as Dendrite's unique hash columns. Dendrite's
 * pre-check that drops delta entries already present in the parent's blocks (it reads all of
 * them on every change) is left out: it saves no space on a well-formed history.
 *
 * <p>Reads: the whole state is the first block (in steady state, a full state) with the later
 * (small) blocks applied; one key is a binary search per block, newest first.
 */
public final class BlockStateStore implements StateStore {

    public static final int MAX_BLOCKS = 64;
    private static final byte[] NEXT_SNAPSHOT = "bk.next_snapshot".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_BLOCK = "bk.next_block".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "blocks";
    }

    @Override
    public long create(Tx tx, long room, long parent, StateMap delta) {
        tx.beginWrite();
        if (delta.isEmpty()) {
            return parent;
        }
        long[] blocks = parent == 0 ? new long[0] : blocks(tx, parent, room);
        long[] next;
        if (parent != 0 && blocks.length < MAX_BLOCKS) {
            next = Arrays.copyOf(blocks, blocks.length + 1);
            next[blocks.length] = storeBlock(tx, delta);
        } else {
            StateMap full = parent == 0 ? delta.withoutTombstones() : read(tx, parent).apply(delta);
            next = new long[] {storeBlock(tx, full)};
        }
        return storeSnapshot(tx, room, next);
    }

    private long storeBlock(Tx tx, StateMap entries) {
        byte[] bytes = new byte[entries.size() * FixedEntries.ENTRY];
        FixedEntries.write(entries, bytes, 0);
        byte[] h = Bytes.longBE(FixedEntries.hash(bytes));
        ByteBuffer existing = tx.get(Db.BK_BLOCK_HASH, h);
        if (existing != null) {
            long id = existing.getLong(existing.position());
            ByteBuffer stored = tx.get(Db.BK_BLOCK, Bytes.longBE(id));
            if (stored != null && stored.equals(ByteBuffer.wrap(bytes))) {
                return id;
            }
        }
        long id = next(tx, NEXT_BLOCK);
        tx.put(Db.BK_BLOCK, Bytes.longBE(id), bytes.length == 0 ? new byte[0] : bytes);
        tx.put(Db.BK_BLOCK_HASH, h, Bytes.longBE(id)); // a colliding hash points at the newest block
        return id;
    }

    private long storeSnapshot(Tx tx, long room, long[] blocks) {
        byte[] bytes = new byte[8 + 8 * blocks.length];
        Bytes.putLongBE(bytes, 0, room);
        for (int i = 0; i < blocks.length; i++) {
            Bytes.putLongBE(bytes, 8 + 8 * i, blocks[i]);
        }
        byte[] h = Bytes.longBE(FixedEntries.hash(bytes));
        ByteBuffer existing = tx.get(Db.BK_SNAPSHOT_HASH, h);
        if (existing != null) {
            long id = existing.getLong(existing.position());
            ByteBuffer stored = tx.get(Db.BK_SNAPSHOT, Bytes.longBE(id));
            if (stored != null && stored.equals(ByteBuffer.wrap(bytes))) {
                return id;
            }
        }
        long id = next(tx, NEXT_SNAPSHOT);
        tx.put(Db.BK_SNAPSHOT, Bytes.longBE(id), bytes);
        tx.put(Db.BK_SNAPSHOT_HASH, h, Bytes.longBE(id));
        return id;
    }

    static long next(Tx tx, byte[] counter) {
        ByteBuffer v = tx.get(Db.META, counter);
        long id = (v == null ? 0 : v.getLong(v.position())) + 1;
        tx.put(Db.META, counter, Bytes.longBE(id));
        return id;
    }

    private long[] blocks(Tx tx, long snapshot, long room) {
        ByteBuffer v = snapshot(tx, snapshot);
        int base = v.position();
        if (room >= 0 && v.getLong(base) != room) {
            throw new IllegalArgumentException("state snapshot " + snapshot + " belongs to room " + v.getLong(base)
                    + ", not " + room);
        }
        int n = (v.remaining() - 8) / 8;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = v.getLong(base + 8 + 8 * i);
        }
        return out;
    }

    private static ByteBuffer snapshot(Tx tx, long snapshot) {
        ByteBuffer v = tx.get(Db.BK_SNAPSHOT, Bytes.longBE(snapshot));
        if (v == null) {
            throw new IllegalArgumentException("unknown state snapshot " + snapshot);
        }
        return v;
    }

    private static ByteBuffer block(Tx tx, long id) {
        ByteBuffer v = tx.get(Db.BK_BLOCK, Bytes.longBE(id));
        if (v == null) {
            throw new IllegalStateException("state block " + id + " is missing");
        }
        return v;
    }

    @Override
    public long room(Tx tx, long node) {
        ByteBuffer v = snapshot(tx, node);
        return v.getLong(v.position());
    }

    @Override
    public long get(Tx tx, long node, long key) {
        if (node == 0) {
            return 0;
        }
        long[] blocks = blocks(tx, node, -1);
        for (int i = blocks.length - 1; i >= 0; i--) {
            ByteBuffer b = block(tx, blocks[i]);
            int at = b.position();
            int hit = FixedEntries.find(b, at, b.remaining() / FixedEntries.ENTRY, key);
            if (hit >= 0) {
                return FixedEntries.event(b, at, hit);
            }
        }
        return 0;
    }

    @Override
    public StateMap read(Tx tx, long node) {
        if (node == 0) {
            return StateMap.EMPTY;
        }
        long[] blocks = blocks(tx, node, -1);
        List<StateMap> later = new ArrayList<>(blocks.length);
        StateMap base = null;
        for (long id : blocks) {
            ByteBuffer b = block(tx, id);
            StateMap m = FixedEntries.read(b, b.position(), b.remaining() / FixedEntries.ENTRY);
            if (base == null) {
                base = m.withoutTombstones();
            } else {
                later.add(m);
            }
        }
        return base.apply(StateMap.combine(later));
    }
}
