package org.hotroom.storage.events;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.Interner;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;

/**
 * {@link Events} for one step, on LMDB through the step's {@link Tx} (writes buffered, reads
 * merged with them, all applied in the step's one commit).
 *
 * <p>Layout ({@link Db}; numbers 8 bytes big-endian unless said otherwise):
 * <ul>
 *   <li>{@code ev.json}: event to its JSON as received. Kept apart from the metadata so that the
 *       metadata, read far more often, packs densely into its own pages (JSON of a few KiB would
 *       spread it out, and anything over about 2 KiB goes to overflow pages of its own anyway).
 *   <li>{@code ev.meta}: event to its metadata, all varints: {@code flags, room, type, stateKey,
 *       sender, zigzag(depth), zigzag(originServerTs), zigzag(ordering), #auth, zigzag(event -
 *       auth)..., #prev, zigzag(event - prev)...}. Parents are written relative to the event: IDs
 *       are numbered in first-seen order, so parents are close below it and cost a byte or two. A
 *       typical event's metadata is about 25 bytes. The encoding is canonical (one byte string per
 *       {@link EventMeta}), so "same metadata" is a byte comparison.
 *   <li>{@code ev.timeline}: {@code room + (ordering ^ Long.MIN_VALUE)} to {@code varint(event)},
 *       for every event whose ordering is not 0. Flipping the sign bit makes unsigned byte order
 *       the signed order, so backfilled (negative) history sorts before live events.
 *   <li>{@code ev.depth}: {@code room + (depth ^ Long.MAX_VALUE) + (event ^ Long.MAX_VALUE)} to
 *       nothing, for every event that is not an outlier: both fields inverted, so a forward scan
 *       walks depth downwards and, within a depth, IDs downwards, which is the order {@link
 *       #byDepth} promises.
 *   <li>{@code ev.extremities}: room to its forward extremities, {@code varint(count)} then the
 *       IDs in increasing order as varint deltas. Absent when the set is empty.
 * </ul>
 *
 * <p>Invariants: an event is stored iff it has a {@code ev.meta} record; its JSON is written once,
 * with its first metadata, and never changes; its index entries are exactly the ones its current
 * metadata implies (a re-put with other metadata deletes the old ones before writing the new);
 * an ordering names at most one event per room (a put that would take another event's place is
 * refused before anything is written). Whether an ID is stored is also known to the store-wide
 * {@link EventFilter}, which this class feeds from the step's commit.
 */
public final class LmdbEvents implements Events {

    private static final byte[] NOTHING = new byte[0];

    private final Tx tx;
    private final Interner interner;
    private final EventFilter filter;
    /** ID strings of events this step stored for the first time; handed to the filter at commit. */
    private final Set<String> newIds = new LinkedHashSet<>();

    public LmdbEvents(Tx tx, Interner interner, EventFilter filter) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.interner = Objects.requireNonNull(interner, "interner");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** Forgets what this step stored; the scope calls it when the step discards its writes. */
    public void discardPending() {
        newIds.clear();
    }

    @Override
    public boolean mightContain(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return newIds.contains(eventId) || filter.mightContain(eventId);
    }

    @Override
    public long find(String eventId) {
        if (!mightContain(eventId)) {
            return 0;
        }
        long id = interner.find(IdKind.EVENT, eventId);
        return id != 0 && tx.get(Db.EVENT_META, Bytes.longBE(id)) != null ? id : 0;
    }

    @Override
    public void put(EventMeta meta, byte[] json) {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(json, "json");
        if (json.length == 0) {
            throw new IllegalArgumentException("the JSON of event " + meta.event() + " is empty");
        }
        if (meta.event() < 0) {
            throw new IllegalArgumentException("event ID must be positive: " + meta.event());
        }
        tx.beginWrite(); // read the old metadata in the latest snapshot; views stay valid from here
        byte[] key = Bytes.longBE(meta.event());
        byte[] encoded = encode(meta);
        ByteBuffer stored = tx.get(Db.EVENT_META, key);
        EventMeta old = null;
        String eventId = null;
        if (stored != null) {
            if (stored.equals(ByteBuffer.wrap(encoded))) {
                return; // the same again: nothing to do
            }
            old = decode(meta.event(), stored);
        } else {
            eventId = interner.lookup(IdKind.EVENT, meta.event());
            if (eventId == null) {
                throw new IllegalArgumentException("event " + meta.event() + " is not an interned event ID");
            }
        }
        byte[] newTimeline = meta.ordering() == 0 ? null : timelineKey(meta.room(), meta.ordering());
        if (newTimeline != null) {
            ByteBuffer holder = tx.get(Db.EVENT_TIMELINE, newTimeline);
            if (holder != null) {
                long other = Bytes.getVarint(holder, new int[] {holder.position()});
                if (other != meta.event()) {
                    throw new IllegalArgumentException("ordering " + meta.ordering() + " of room " + meta.room()
                            + " already holds event " + other + ", not " + meta.event());
                }
            }
        }
        // checks done: from here on, only writes
        if (old != null) {
            if (old.ordering() != 0) {
                tx.delete(Db.EVENT_TIMELINE, timelineKey(old.room(), old.ordering()));
            }
            if (!old.has(EventMeta.OUTLIER)) {
                tx.delete(Db.EVENT_DEPTH, depthKey(old.room(), old.depth(), old.event()));
            }
        } else {
            tx.put(Db.EVENT_JSON, key, json.clone());
        }
        tx.put(Db.EVENT_META, key, encoded);
        if (newTimeline != null) {
            tx.put(Db.EVENT_TIMELINE, newTimeline, varint(meta.event()));
        }
        if (!meta.has(EventMeta.OUTLIER)) {
            tx.put(Db.EVENT_DEPTH, depthKey(meta.room(), meta.depth(), meta.event()), NOTHING);
        }
        if (eventId != null) {
            if (newIds.isEmpty()) {
                tx.beforeCommit(this::publish);
            }
            newIds.add(eventId);
        }
    }

    /** Inside the commit, before LMDB sees it: the filter must know every event readers can find. */
    private void publish() {
        filter.addAll(newIds);
    }

    @Override
    public byte[] json(long event) {
        if (event <= 0) {
            return null;
        }
        ByteBuffer v = tx.get(Db.EVENT_JSON, Bytes.longBE(event));
        if (v == null) {
            return null;
        }
        byte[] out = new byte[v.remaining()];
        v.get(v.position(), out);
        return out;
    }

    @Override
    public EventMeta meta(long event) {
        if (event <= 0) {
            return null;
        }
        ByteBuffer v = tx.get(Db.EVENT_META, Bytes.longBE(event));
        return v == null ? null : decode(event, v);
    }

    @Override
    public long[] forwardExtremities(long room) {
        ByteBuffer v = tx.get(Db.EVENT_EXTREMITIES, Bytes.longBE(room));
        if (v == null) {
            return new long[0];
        }
        int[] p = {v.position()};
        long[] out = new long[(int) Bytes.getVarint(v, p)];
        long prev = 0;
        for (int i = 0; i < out.length; i++) {
            prev += Bytes.getVarint(v, p);
            out[i] = prev;
        }
        return out;
    }

    @Override
    public void setForwardExtremities(long room, long[] events) {
        Objects.requireNonNull(events, "events");
        long[] sorted = Arrays.stream(events).sorted().distinct().toArray();
        if (sorted.length > 0 && sorted[0] <= 0) {
            throw new IllegalArgumentException("event IDs must be positive: " + sorted[0]);
        }
        byte[] key = Bytes.longBE(room);
        if (sorted.length == 0) {
            tx.delete(Db.EVENT_EXTREMITIES, key);
            return;
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream(1 + 3 * sorted.length);
        Bytes.putVarint(o, sorted.length);
        long prev = 0;
        for (long e : sorted) {
            Bytes.putVarint(o, e - prev);
            prev = e;
        }
        tx.put(Db.EVENT_EXTREMITIES, key, o.toByteArray());
    }

    @Override
    public long lastOrdering(long room) {
        Tx.Entry e = tx.floor(Db.EVENT_TIMELINE, timelineKey(room, Long.MAX_VALUE), 8);
        return e == null ? 0 : ordering(e.key());
    }

    @Override
    public long firstOrdering(long room) {
        Tx.Entry e = tx.higher(Db.EVENT_TIMELINE, Bytes.longBE(room), 8);
        return e == null ? 0 : ordering(e.key());
    }

    @Override
    public void timeline(long room, long from, boolean forwards, Visitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        Tx.Visitor v = (k, val) -> visitor.visit(ordering(k), Bytes.getVarint(val, new int[] {val.position()}));
        byte[] roomStart = Bytes.longBE(room);
        if (forwards) {
            if (from == Long.MAX_VALUE) {
                return;
            }
            // the least key after (room, from): the 16-byte key plus one zero byte
            byte[] start = from == Long.MIN_VALUE ? roomStart : Arrays.copyOf(timelineKey(room, from), 17);
            tx.scan(Db.EVENT_TIMELINE, start, Bytes.longBE(room + 1), v);
        } else {
            if (from == Long.MIN_VALUE) {
                return;
            }
            byte[] below = from == Long.MAX_VALUE ? Bytes.longBE(room + 1) : timelineKey(room, from);
            tx.scanDown(Db.EVENT_TIMELINE, below, roomStart, v);
        }
    }

    @Override
    public void byDepth(long room, long maxDepth, Visitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        byte[] start = new byte[16];
        Bytes.putLongBE(start, 0, room);
        Bytes.putLongBE(start, 8, maxDepth ^ Long.MAX_VALUE);
        tx.scan(Db.EVENT_DEPTH, start, Bytes.longBE(room + 1),
                (k, val) -> visitor.visit(Bytes.getLongBE(k, 8) ^ Long.MAX_VALUE, Bytes.getLongBE(k, 16) ^ Long.MAX_VALUE));
    }

    // ---- keys and encodings

    static byte[] timelineKey(long room, long ordering) {
        byte[] k = new byte[16];
        Bytes.putLongBE(k, 0, room);
        Bytes.putLongBE(k, 8, ordering ^ Long.MIN_VALUE);
        return k;
    }

    private static long ordering(byte[] timelineKey) {
        return Bytes.getLongBE(timelineKey, 8) ^ Long.MIN_VALUE;
    }

    static byte[] depthKey(long room, long depth, long event) {
        byte[] k = new byte[24];
        Bytes.putLongBE(k, 0, room);
        Bytes.putLongBE(k, 8, depth ^ Long.MAX_VALUE);
        Bytes.putLongBE(k, 16, event ^ Long.MAX_VALUE);
        return k;
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(10);
        Bytes.putVarint(o, v);
        return o.toByteArray();
    }

    static byte[] encode(EventMeta m) {
        long[] auth = m.authEvents();
        long[] prev = m.prevEvents();
        ByteArrayOutputStream o = new ByteArrayOutputStream(32 + 3 * (auth.length + prev.length));
        Bytes.putVarint(o, m.flags() & 0xFFFF_FFFFL);
        Bytes.putVarint(o, m.room());
        Bytes.putVarint(o, m.type());
        Bytes.putVarint(o, m.stateKey());
        Bytes.putVarint(o, m.sender());
        Bytes.putVarint(o, Bytes.zigzag(m.depth()));
        Bytes.putVarint(o, Bytes.zigzag(m.originServerTs()));
        Bytes.putVarint(o, Bytes.zigzag(m.ordering()));
        for (long[] parents : new long[][] {auth, prev}) {
            Bytes.putVarint(o, parents.length);
            for (long p : parents) {
                Bytes.putVarint(o, Bytes.zigzag(m.event() - p));
            }
        }
        return o.toByteArray();
    }

    static EventMeta decode(long event, ByteBuffer v) {
        int[] p = {v.position()};
        int flags = (int) Bytes.getVarint(v, p);
        long room = Bytes.getVarint(v, p);
        long type = Bytes.getVarint(v, p);
        long stateKey = Bytes.getVarint(v, p);
        long sender = Bytes.getVarint(v, p);
        long depth = Bytes.unzigzag(Bytes.getVarint(v, p));
        long ts = Bytes.unzigzag(Bytes.getVarint(v, p));
        long ordering = Bytes.unzigzag(Bytes.getVarint(v, p));
        long[] auth = parents(event, v, p);
        long[] prev = parents(event, v, p);
        return new EventMeta(event, room, type, stateKey, sender, depth, ts, ordering, auth, prev, flags);
    }

    private static long[] parents(long event, ByteBuffer v, int[] p) {
        long[] out = new long[(int) Bytes.getVarint(v, p)];
        for (int i = 0; i < out.length; i++) {
            out[i] = event - Bytes.unzigzag(Bytes.getVarint(v, p));
        }
        return out;
    }
}
