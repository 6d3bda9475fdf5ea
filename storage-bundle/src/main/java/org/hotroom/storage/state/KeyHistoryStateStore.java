package org.hotroom.storage.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hotroom.api.storage.CacheStats;
import org.hotroom.api.storage.StateVisitor;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;
import org.hotroom.storage.intern.InternCaches;

/**
 * hotroom's own state store: every state change is stored once, as an entry in the history of its
 * key; a state is a position in a tree of versions, and reading it picks, per key, the latest entry
 * on that position's ancestry. Aiming at the information floor: a change costs its key (a few bits,
 * shared with the other changes of that key), a version and an event ID, each in as many bits as
 * the neighbouring entries need. On an HQ-like history (100k changes) that is about 8 bytes a
 * change on disk, LMDB pages included.
 *
 * <h2>Versions: a tree cut into branches</h2>
 *
 * A node (a state) is {@code branch << 32 | offset}. A branch is a chain of nodes, each the child of
 * the one before; a node whose parent is the tip of the parent's branch extends that branch (the
 * overwhelmingly common case: a room's history is a long trunk), any other node starts a new branch
 * that forks from its parent. Offsets continue across a fork: the first node of a branch forking at
 * {@code (p, f)} has offset {@code f + 1}; a root branch (parent: the empty state) starts at 1.
 * Branch records ({@code kh.branch}, {@link BranchRecord}: room, parent branch, fork offset, depth,
 * tip, and a rolling log of the last nodes' deltas) are the only per-version metadata; the ancestry
 * of node {@code (b, x)} is the <em>path</em> {@code (b, x), (parent(b), fork(b)), ...}: on each
 * branch of the path, the versions up to an offset.
 *
 * <p><b>Re-basing.</b> A fork in a room is short: two servers sent events at once, and a merge
 * follows that names both sides; which side it names first (and so which state it is recorded
 * against) is arbitrary. If the merge extended the newer side's branch, the trunk would move one
 * branch deeper at every such merge. So a node that would extend a fork branch is stored instead
 * as the next node of the fork's parent branch, with the delta that turns that branch's tip into
 * the same state; both sides' changes since the fork come from the branch logs, so no whole state
 * is read. When the logs do not reach back to the fork (a long-lived split), the node extends the
 * fork branch as usual.
 *
 * <h2>Histories: entries sorted by key, then version</h2>
 *
 * Creating node {@code (b, x)} from a delta writes one entry {@code (type, stateKey, b, x) -> event}
 * per changed key (event 0: removed). All entries of a room, sorted by {@code (type, stateKey,
 * branch, offset)}, are cut into chunks of at most {@value #MAX_CHUNK_BYTES} bytes, each an LMDB
 * record keyed by its first entry: {@code room (8) | type (4) | stateKey (4) | branch (4) | offset
 * (4)}, big-endian so byte order is entry order. A chunk holds one type; its columns are bit-packed
 * with per-chunk widths ({@link HistoryChunk}), and it carries a stamp unique to its content.
 *
 * <h2>Reads</h2>
 *
 * <ul>
 *   <li>One key at {@code (b, x)}: for each level of the path, the greatest entry {@code <= (type,
 *       stateKey, branch, offset)} lives in the last chunk starting at or before it (chunks are
 *       contiguous ranges), found by one LMDB cursor seek; if that entry is of this key and branch,
 *       it is the answer, else try the next level. Cost: one seek and one chunk scan per level, and
 *       the path is short (see the invariants).
 *   <li>The whole state (or one type): one pass over the room's chunks in key order; for each key,
 *       its entries on each path level up to the level's offset, and the answer is the latest
 *       entry of the nearest level. A chunk whose smallest offset is above the node's offset is
 *       skipped (every level of a path ends at or below it); since state key IDs are handed out in
 *       first-seen order, reading an old state skips most of the newer keys.
 *   <li>Decoded chunks are cached by stamp ({@link DecodedChunk}): the whole history of a room is
 *       about the size of one or two of its states, so a small cache holds every version of the
 *       hot rooms, and a committed stamp always names the same bytes, so entries never go stale.
 * </ul>
 *
 * <h2>Invariants</h2>
 *
 * <ol>
 *   <li>Entries are unique per {@code (type, stateKey, branch, offset)}, and every entry's version
 *       exists: it is written only when its node is created, and nodes are never rewritten.
 *   <li>Chunks partition the sorted entries of a room: consecutive, non-overlapping, each keyed by
 *       its first entry, each of one type, none empty. Every chunk write has a new stamp.
 *   <li>A branch's offsets are contiguous from its first node to its tip; a branch's depth (number
 *       of ancestor branches) is at most {@value #MAX_DEPTH}: a fork that would go deeper starts a
 *       new root branch holding the whole state instead (rare, thanks to re-basing). So a path has
 *       at most {@value #MAX_DEPTH} + 1 levels, bounding the cost of every read.
 *   <li>Branch records never change except their tip and log; the immutable part is cached once
 *       committed.
 * </ol>
 *
 * <h2>Writes</h2>
 *
 * Node creation reads the parent's branch record (to extend, fork or re-base), writes it back, and
 * inserts the delta's entries: for each touched chunk one read-modify-write, split in two when it
 * outgrows {@value #MAX_CHUNK_BYTES} bytes. A trunk extension touches one chunk per changed key,
 * usually one.
 */
public final class KeyHistoryStateStore implements StateStore {

    /** Largest encoded chunk kept whole; 1 KiB keeps four or more per 4 KiB LMDB page. */
    public static final int MAX_CHUNK_BYTES = 1024;
    /** Most ancestor branches a branch may have; see invariant 3. */
    public static final int MAX_DEPTH = 8;

    private static final long OFFSET_MASK = 0xFFFF_FFFFL;
    private static final byte[] NEXT_BRANCH = "kh.next_branch".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 24;
    private static final int ROOM_TYPE_PREFIX = 12;

    /** The immutable part of a branch. */
    record Branch(long id, long room, long parent, long fork, int depth) {}

    private static final byte[] NEXT_STAMP = "kh.next_stamp".getBytes(StandardCharsets.US_ASCII);
    /** Default bound of the decoded-chunk cache: a few hundred large rooms' whole histories. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    private final Cache<Long, Branch> branches =
            Caffeine.newBuilder().maximumSize(100_000).recordStats().build();
    /** Room to the size of its last whole-state read: sizes the output (no regrowing, less garbage). */
    private final Cache<Long, Integer> sizeHints = Caffeine.newBuilder().maximumSize(10_000).build();
    /** Room to its decoded chunks in order, as of one room stamp; null when caching is off. */
    private final Cache<Long, RoomDirectory> directories;
    /** Decoded chunks by stamp; see {@link DecodedChunk}. Null when caching is off. */
    private final Cache<Long, DecodedChunk> chunks;

    public KeyHistoryStateStore() {
        this(DEFAULT_CACHE_BYTES);
    }

    /** @param cacheBytes bound of the decoded-chunk cache; 0 turns it off */
    public KeyHistoryStateStore(long cacheBytes) {
        // maintenance on the calling thread: no pool tasks competing with readers on small machines
        chunks = cacheBytes <= 0 ? null : Caffeine.newBuilder().maximumWeight(cacheBytes).executor(Runnable::run)
                .weigher((Long k, DecodedChunk c) -> c.weight()).recordStats().build();
        directories = cacheBytes <= 0 ? null : Caffeine.newBuilder().maximumWeight(cacheBytes).executor(Runnable::run)
                .weigher((Long k, RoomDirectory d) -> d.weight).recordStats().build();
    }

    @Override
    public String name() {
        return "hotroom";
    }

    @Override
    public Map<String, CacheStats> cacheStats() {
        return chunks == null ? Map.of("kh.branches", InternCaches.stats(branches))
                : Map.of("kh.branches", InternCaches.stats(branches), "kh.chunks", InternCaches.stats(chunks),
                        "kh.rooms", InternCaches.stats(directories));
    }

    static long node(long branch, long offset) {
        return branch << 32 | offset;
    }

    // ---- creating nodes

    @Override
    public long create(Tx tx, long room, long parent, StateMap delta) {
        tx.beginWrite();
        if (delta.isEmpty()) {
            return parent;
        }
        if (parent == 0) {
            return createRoot(tx, room, delta.withoutTombstones());
        }
        long pb = parent >>> 32;
        long px = parent & OFFSET_MASK;
        BranchRecord rec = record(tx, pb);
        if (rec.room != room) {
            throw new IllegalArgumentException("state node " + parent + " belongs to room " + rec.room + ", not " + room);
        }
        if (px > rec.tip || px < (rec.parent == 0 ? 1 : rec.fork + 1)) {
            throw new IllegalArgumentException("unknown state node " + parent);
        }
        if (px == rec.tip && rec.parent != 0) {
            long rebased = rebase(tx, room, pb, rec, px, delta);
            if (rebased != 0) {
                return rebased;
            }
        }
        long node;
        if (px == rec.tip) {
            node = node(pb, px + 1);
            rec.append(delta);
            tx.put(Db.KH_BRANCH, branchKey(pb), rec.encode());
        } else if (rec.depth < MAX_DEPTH) {
            long b = newBranch(tx);
            node = node(b, px + 1);
            tx.put(Db.KH_BRANCH, branchKey(b), BranchRecord.start(room, pb, px, rec.depth + 1, px + 1, delta).encode());
        } else {
            return createRoot(tx, room, read(tx, parent).apply(delta));
        }
        insert(tx, room, node, delta);
        return node;
    }

    /**
     * Re-basing: the new node would extend fork branch {@code s} (forked from {@code (t, f)}) at its
     * tip {@code (s, x)}; if both sides since the fork are in the branch logs, store it instead as
     * the next node of {@code t}, with the delta that turns {@code t}'s tip into the same state.
     * Forks in a room are short (two servers sent an event at once, a merge follows), and which
     * side the merge names first is arbitrary; without this, every merge through the newer side
     * would move the trunk one branch deeper. Returns the node, or 0 when the logs do not reach.
     */
    private long rebase(Tx tx, long room, long s, BranchRecord sRec, long x, StateMap delta) {
        long f = sRec.fork;
        long t = sRec.parent;
        if (!sRec.logsAfter(f)) {
            return 0;
        }
        BranchRecord tRec = record(tx, t);
        if (tRec.tip > f && !tRec.logsAfter(f)) {
            return 0;
        }
        StateMap sideS = sRec.changesAfter(f).then(delta); // (t, f) -> the new state
        StateMap sideT = tRec.changesAfter(f); // (t, f) -> t's tip
        long forkNode = node(t, f);
        StateMap.Builder d = new StateMap.Builder(sideS.size() + sideT.size());
        int i = 0;
        int j = 0;
        while (i < sideS.size() || j < sideT.size()) {
            long k;
            long want;
            long have;
            if (j == sideT.size() || i < sideS.size() && sideS.key(i) < sideT.key(j)) {
                k = sideS.key(i);
                want = sideS.event(i++);
                have = get(tx, forkNode, k);
            } else if (i == sideS.size() || sideT.key(j) < sideS.key(i)) {
                k = sideT.key(j);
                have = sideT.event(j++);
                want = get(tx, forkNode, k);
            } else {
                k = sideS.key(i);
                want = sideS.event(i++);
                have = sideT.event(j++);
            }
            if (want != have) {
                d.add(k, want);
            }
        }
        StateMap d2 = d.build();
        if (d2.isEmpty()) {
            return node(t, tRec.tip); // the same state as t's tip
        }
        long node = node(t, tRec.tip + 1);
        tRec.append(d2);
        tx.put(Db.KH_BRANCH, branchKey(t), tRec.encode());
        insert(tx, room, node, d2);
        return node;
    }

    private BranchRecord record(Tx tx, long b) {
        ByteBuffer v = tx.get(Db.KH_BRANCH, branchKey(b));
        if (v == null) {
            throw new IllegalArgumentException("unknown state branch " + b);
        }
        return BranchRecord.decode(v);
    }

    private long createRoot(Tx tx, long room, StateMap state) {
        long b = newBranch(tx);
        tx.put(Db.KH_BRANCH, branchKey(b), BranchRecord.start(room, 0, 0, 0, 1, state).encode());
        long node = node(b, 1);
        insert(tx, room, node, state);
        return node;
    }

    private static long nextStamp(Tx tx) {
        ByteBuffer v = tx.get(Db.META, NEXT_STAMP);
        long next = (v == null ? 0 : v.getLong(v.position())) + 1;
        tx.put(Db.META, NEXT_STAMP, Bytes.longBE(next));
        return next;
    }

    private long newBranch(Tx tx) {
        ByteBuffer v = tx.get(Db.META, NEXT_BRANCH);
        long last = v == null ? 0 : v.getLong(v.position());
        if (last >= Integer.MAX_VALUE) {
            throw new IllegalStateException("no branch IDs left");
        }
        tx.put(Db.META, NEXT_BRANCH, Bytes.longBE(last + 1));
        return last + 1;
    }

    /** Inserts one entry per delta key at version {@code node}, chunk by chunk. */
    private void insert(Tx tx, long room, long node, StateMap delta) {
        long b = node >>> 32;
        long x = node & OFFSET_MASK;
        int i = 0;
        int n = delta.size();
        while (i < n) {
            long type = StateKeys.type(delta.key(i));
            byte[] target = chunkKey(room, type, StateKeys.stateKey(delta.key(i)), b, x);
            Tx.Entry at = tx.floor(Db.KH_CHUNK, target, ROOM_TYPE_PREFIX);
            if (at == null) {
                at = tx.higher(Db.KH_CHUNK, target, ROOM_TYPE_PREFIX); // before the type's first chunk
            }
            byte[] oldKey = at == null ? null : at.key();
            HistoryChunk chunk = at == null ? new HistoryChunk(16) : HistoryChunk.decode(at.value());
            Tx.Entry next = oldKey == null ? null : tx.higher(Db.KH_CHUNK, oldKey, ROOM_TYPE_PREFIX);
            byte[] limit = next == null ? null : next.key();
            while (i < n && StateKeys.type(delta.key(i)) == type) {
                long sk = StateKeys.stateKey(delta.key(i));
                if (limit != null && Arrays.compareUnsigned(chunkKey(room, type, sk, b, x), limit) >= 0) {
                    break;
                }
                chunk.insert(sk, b, x, delta.event(i));
                i++;
            }
            List<HistoryChunk.Piece> pieces = chunk.encode(MAX_CHUNK_BYTES, () -> nextStamp(tx));
            byte[] firstKey = chunkKey(room, type, pieces.get(0).firstKey(), pieces.get(0).firstBranch(),
                    pieces.get(0).firstOffset());
            if (oldKey != null && !Arrays.equals(oldKey, firstKey)) {
                tx.delete(Db.KH_CHUNK, oldKey);
            }
            for (HistoryChunk.Piece p : pieces) {
                tx.put(Db.KH_CHUNK, chunkKey(room, type, p.firstKey(), p.firstBranch(), p.firstOffset()), p.bytes());
            }
        }
        // the room's latest stamp: names the exact set of its chunks (see RoomDirectory)
        ByteBuffer v = tx.get(Db.META, NEXT_STAMP);
        tx.put(Db.KH_BRANCH, roomKey(room), Bytes.longBE(v.getLong(v.position())));
    }

    /** Key of a room's stamp record in {@code kh.branch}: 9 bytes, so never a (4-byte) branch key. */
    private static byte[] roomKey(long room) {
        byte[] k = new byte[9];
        k[0] = (byte) 0xFF;
        Bytes.putLongBE(k, 1, room);
        return k;
    }

    // ---- reading

    @Override
    public long room(Tx tx, long node) {
        return branch(tx, node >>> 32).room();
    }

    /** The levels of a node's ancestry: on branch {@code br[i]}, offsets up to {@code max[i]}. */
    static final class Path {
        final long room;
        final long[] br = new long[MAX_DEPTH + 1];
        final long[] max = new long[MAX_DEPTH + 1];
        int levels;

        Path(long room) {
            this.room = room;
        }

        int levelOf(long branch) {
            for (int i = 0; i < levels; i++) {
                if (br[i] == branch) {
                    return i;
                }
            }
            return -1;
        }
    }

    Path path(Tx tx, long node) {
        long b = node >>> 32;
        Branch r = branch(tx, b);
        Path p = new Path(r.room());
        p.br[0] = b;
        p.max[0] = node & OFFSET_MASK;
        p.levels = 1;
        while (r.parent() != 0) {
            long fork = r.fork();
            r = branch(tx, r.parent());
            p.br[p.levels] = r.id();
            p.max[p.levels] = fork;
            p.levels++;
        }
        return p;
    }

    @Override
    public long get(Tx tx, long node, long key) {
        if (node == 0) {
            return 0;
        }
        Path p = path(tx, node);
        long type = StateKeys.type(key);
        long sk = StateKeys.stateKey(key);
        for (int l = 0; l < p.levels; l++) {
            Tx.Entry at = tx.floor(Db.KH_CHUNK, chunkKey(p.room, type, sk, p.br[l], p.max[l]), ROOM_TYPE_PREFIX);
            if (at == null) {
                continue;
            }
            DecodedChunk d = null;
            if (chunks != null) {
                long[] h = new long[2];
                HistoryChunk.peek(at.value(), h);
                d = h[1] == 0 ? null : chunks.getIfPresent(h[1]);
            }
            long found = d != null ? latest(d, sk, p.br[l], p.max[l])
                    : latest(new HistoryChunk.ChunkView(at.value()), sk, p.br[l], p.max[l]);
            if (found >= 0) {
                return found;
            }
        }
        return 0;
    }

    /** The event of the last entry {@code (sk, br, offset <= max)} in the chunk, or -1 if none. */
    private static long latest(HistoryChunk.ChunkView v, long sk, long br, long max) {
        long k = v.firstKey;
        int j = 0;
        for (int i = 0; i < v.keys; i++) {
            if (i > 0) {
                k += v.keyGap(i - 1) + 1;
            }
            int n = v.count(i);
            if (k == sk) {
                long found = -1;
                for (int e = j; e < j + n; e++) {
                    long b = v.branch(e);
                    if (b > br) {
                        break;
                    }
                    if (b == br) {
                        if (v.offset(e) > max) {
                            break;
                        }
                        found = v.event(e);
                    }
                }
                return found;
            }
            if (k > sk) {
                return -1;
            }
            j += n;
        }
        return -1;
    }

    /** As above, on a decoded chunk. */
    private static long latest(DecodedChunk d, long sk, long br, long max) {
        int lo = 0;
        int hi = d.keys - 1;
        while (lo <= hi) { // state keys are sorted: binary search
            int mid = (lo + hi) >>> 1;
            long k = d.stateKey(mid);
            if (k < sk) {
                lo = mid + 1;
            } else if (k > sk) {
                hi = mid - 1;
            } else {
                long found = -1;
                for (int e = mid == 0 ? 0 : d.end[mid - 1]; e < d.end[mid]; e++) {
                    long b = d.branch(e);
                    if (b > br) {
                        break;
                    }
                    if (b == br) {
                        if (d.offset(e) > max) {
                            break;
                        }
                        found = d.event[e];
                    }
                }
                return found;
            }
        }
        return -1;
    }

    @Override
    public StateMap read(Tx tx, long node) {
        return read(tx, node, 0, Long.MAX_VALUE);
    }

    @Override
    public StateMap read(Tx tx, long node, long fromKey, long toKey) {
        if (node == 0 || fromKey >= toKey) {
            return StateMap.EMPTY;
        }
        Path p = path(tx, node);
        boolean whole = fromKey == 0 && toKey == Long.MAX_VALUE;
        Integer hint = whole ? sizeHints.getIfPresent(p.room) : null;
        int capacity = hint == null ? 1024 : hint + hint / 8 + 16;
        StateMap.Builder out = new StateMap.Builder(capacity);
        walk(tx, p, fromKey, toKey, out, null);
        return finish(p.room, whole, out.build());
    }

    /** Streams the cells straight from the decoded chunks to the visitor: no map is built. */
    @Override
    public boolean forEach(Tx tx, long node, long fromKey, long toKey, StateVisitor visitor) {
        if (node == 0 || fromKey >= toKey) {
            return true;
        }
        return walk(tx, path(tx, node), fromKey, toKey, null, visitor);
    }

    /**
     * The one pass of a whole-state (or key range) read, into {@code out} or else {@code sink};
     * returns false if the sink stopped it.
     */
    private boolean walk(Tx tx, Path p, long fromKey, long toKey, StateMap.Builder out, StateVisitor sink) {
        boolean whole = fromKey == 0 && toKey == Long.MAX_VALUE;
        long roomStamp = 0;
        if (directories != null) {
            byte[] rk = roomKey(p.room);
            ByteBuffer rs = tx.get(Db.KH_BRANCH, rk);
            roomStamp = rs == null || tx.pending(Db.KH_BRANCH, rk) ? 0 : rs.getLong(rs.position());
            RoomDirectory dir = roomStamp == 0 ? null : directories.getIfPresent(p.room);
            if (dir != null && dir.stamp == roomStamp) {
                Resolver r = new Resolver(tx, p, fromKey, toKey, out, sink, null);
                for (int i = 0; i < dir.types.length; i++) {
                    long first = dir.firstKeys[i];
                    long next = i + 1 < dir.types.length ? dir.firstKeys[i + 1] : Long.MAX_VALUE;
                    if (next >= fromKey && first < toKey && dir.chunks[i].minOffset <= p.max[0]) {
                        r.resolve(dir.types[i], dir.chunks[i]);
                        if (r.stopped) {
                            return false;
                        }
                    }
                }
                r.flush();
                return !r.stopped;
            }
        }
        byte[] from = chunkKey(p.room, StateKeys.type(fromKey), StateKeys.stateKey(fromKey), 0, 0);
        Tx.Entry before = tx.floor(Db.KH_CHUNK, from, 8); // the first key's history may start there
        byte[] start = before == null ? from : before.key();
        byte[] to = toKey == Long.MAX_VALUE ? Bytes.longBE(p.room + 1)
                : chunkKey(p.room, StateKeys.type(toKey), StateKeys.stateKey(toKey), 0, 0);
        // collect a directory on whole reads of committed data, for the next reader of this room
        RoomDirectory.Builder collect = whole && roomStamp != 0 ? new RoomDirectory.Builder(roomStamp) : null;
        Resolver r = new Resolver(tx, p, fromKey, toKey, out, sink, collect);
        tx.scan(Db.KH_CHUNK, start, to, r);
        if (!r.stopped) {
            r.flush();
        }
        if (collect != null && collect.complete && !r.stopped) {
            directories.put(p.room, collect.build());
        }
        return !r.stopped;
    }

    private StateMap finish(long room, boolean whole, StateMap m) {
        if (whole) {
            sizeHints.put(room, m.size());
        }
        return m;
    }

    /** The one pass of a whole-state read; see the class comment. */
    private final class Resolver implements Tx.Visitor {
        final Tx tx;
        final Path p;
        final long fromKey;
        final long toKey;
        final long[] cand = new long[MAX_DEPTH + 1];
        int found; // bit l set: cand[l] holds an entry of level l
        long current = -1;
        /** Where cells go: {@code out}, or else {@code sink} until it returns false ({@code stopped}). */
        final StateMap.Builder out;
        final StateVisitor sink;
        boolean stopped;
        final long[] head = new long[2];
        byte[] scratch = new byte[HistoryChunk.ChunkView.scratchSize(MAX_CHUNK_BYTES)];

        /** Collects every chunk for a room directory, or null. */
        final RoomDirectory.Builder collect;

        Resolver(Tx tx, Path p, long fromKey, long toKey, StateMap.Builder out, StateVisitor sink,
                RoomDirectory.Builder collect) {
            this.out = out;
            this.sink = sink;
            this.collect = collect;
            this.tx = tx;
            this.p = p;
            this.fromKey = fromKey;
            this.toKey = toKey;
        }

        @Override
        public boolean visit(byte[] key, ByteBuffer value) {
            HistoryChunk.peek(value, head);
            boolean skip = head[0] > p.max[0];
            // (skip: nothing here is on the path, every level of a path ends at or below max[0]; a
            // key that goes on in a later chunk stays current, its entries here would not count)
            if (skip && collect == null) {
                return true;
            }
            long stamp = head[1];
            DecodedChunk d = chunks == null || stamp == 0 ? null : chunks.getIfPresent(stamp);
            if (d == null) {
                if (scratch.length < HistoryChunk.ChunkView.scratchSize(value.remaining())) {
                    scratch = new byte[HistoryChunk.ChunkView.scratchSize(value.remaining())];
                }
                d = DecodedChunk.of(new HistoryChunk.ChunkView(value, scratch));
                if (chunks != null && stamp != 0 && !tx.pending(Db.KH_CHUNK, key)) {
                    chunks.put(stamp, d);
                }
            }
            long type = Bytes.getIntBE(key, 8);
            if (collect != null) {
                collect.add(type, type << 32 | Bytes.getIntBE(key, 12), d, stamp != 0 && !tx.pending(Db.KH_CHUNK, key));
            }
            if (!skip) {
                resolve(type, d);
            }
            return !stopped;
        }

        void resolve(long type, DecodedChunk d) {
            boolean oneLevel = p.levels == 1;
            long b0 = p.br[0];
            long max0 = p.max[0];
            if (oneLevel && d.branch == null && d.minBranch != b0) {
                return; // a chunk of another branch only
            }
            if (oneLevel && d.branch == null && fromKey == 0 && toKey == Long.MAX_VALUE) {
                resolveOneBranch(type, d, max0);
                return;
            }
            int j = 0;
            for (int i = 0; i < d.keys; i++) {
                int endI = d.end[i];
                long packed = type << 32 | d.stateKey(i);
                if (packed != current) {
                    flush();
                    if (stopped) {
                        return;
                    }
                    current = packed;
                }
                if (packed < fromKey || packed >= toKey) {
                    j = endI;
                    continue;
                }
                if (oneLevel) {
                    // entries j..endI-1 by (branch, offset): the last on b0 with offset <= max0
                    for (int e = endI - 1; e >= j; e--) {
                        long b = d.branch(e);
                        if (b > b0) {
                            continue;
                        }
                        if (b < b0) {
                            break;
                        }
                        if (d.offset(e) <= max0) {
                            cand[0] = d.event[e];
                            found = 1;
                            break;
                        }
                    }
                } else {
                    for (int e = j; e < endI; e++) {
                        int l = p.levelOf(d.branch(e));
                        if (l >= 0 && d.offset(e) <= p.max[l]) {
                            cand[l] = d.event[e];
                            found |= 1 << l;
                        }
                    }
                }
                j = endI;
            }
        }

        /** The hot case: a whole-state read on one branch, over a chunk holding only that branch. */
        private void resolveOneBranch(long type, DecodedChunk d, long max0) {
            int[] end = d.end;
            int[] sks = d.stateKey;
            long[] ev = d.event;
            int keys = d.keys;
            long t = type << 32;
            if (d.maxOffset <= max0) {
                // every entry counts: each key's answer is its last entry. Only the chunk's first
                // key may continue one from an earlier chunk, and only its last may go on in the
                // next, so the keys between are emitted straight away.
                if (keys == 0) {
                    return;
                }
                long packed = t | (sks[0] & 0xFFFF_FFFFL);
                if (packed != current) {
                    flush();
                    if (stopped) {
                        return;
                    }
                    current = packed;
                }
                cand[0] = ev[end[0] - 1];
                found = 1;
                if (keys == 1) {
                    return;
                }
                flush();
                if (stopped) {
                    return;
                }
                int last = keys - 1;
                if (sink != null) {
                    for (int i = 1; i < last; i++) {
                        long e = ev[end[i] - 1];
                        if (e != 0 && !sink.visit(type, sks[i] & 0xFFFF_FFFFL, e)) {
                            stopped = true;
                            return;
                        }
                    }
                } else {
                    for (int i = 1; i < last; i++) {
                        long e = ev[end[i] - 1];
                        if (e != 0) {
                            out.add(t | (sks[i] & 0xFFFF_FFFFL), e);
                        }
                    }
                }
                current = t | (sks[last] & 0xFFFF_FFFFL);
                cand[0] = ev[end[last] - 1];
                found = 1;
                return;
            }
            int[] off = d.offset;
            int j = 0;
            for (int i = 0; i < keys; i++) {
                int endI = end[i];
                long packed = t | (sks[i] & 0xFFFF_FFFFL);
                if (packed != current) {
                    flush();
                    if (stopped) {
                        return;
                    }
                    current = packed;
                }
                int e = endI - 1;
                while (e >= j && (off[e] & 0xFFFF_FFFFL) > max0) {
                    e--;
                }
                if (e >= j) {
                    cand[0] = ev[e];
                    found = 1;
                }
                j = endI;
            }
        }

        void flush() {
            if (found != 0) {
                long ev = cand[Integer.numberOfTrailingZeros(found)];
                found = 0;
                if (ev != 0) {
                    if (sink == null) {
                        out.add(current, ev);
                    } else if (!sink.visit(current >>> 32, current & 0xFFFF_FFFFL, ev)) {
                        stopped = true;
                    }
                }
            }
        }
    }

    // ---- branch records

    Branch branch(Tx tx, long id) {
        Branch cached = branches.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        byte[] k = branchKey(id);
        ByteBuffer rec = tx.get(Db.KH_BRANCH, k);
        if (rec == null) {
            throw new IllegalArgumentException("unknown state branch " + id);
        }
        BranchRecord r = BranchRecord.decode(rec);
        Branch b = new Branch(id, r.room, r.parent, r.fork, r.depth);
        if (!tx.pending(Db.KH_BRANCH, k)) {
            branches.put(id, b);
        }
        return b;
    }

    private static byte[] branchKey(long b) {
        byte[] k = new byte[4];
        Bytes.putIntBE(k, 0, (int) b);
        return k;
    }

    static byte[] chunkKey(long room, long type, long sk, long branch, long offset) {
        byte[] k = new byte[KEY_BYTES];
        Bytes.putLongBE(k, 0, room);
        Bytes.putIntBE(k, 8, (int) type);
        Bytes.putIntBE(k, 12, (int) sk);
        Bytes.putIntBE(k, 16, (int) branch);
        Bytes.putIntBE(k, 20, (int) offset);
        return k;
    }
}
