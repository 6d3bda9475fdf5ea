package org.hotroom.storage.intern;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.Interner;
import org.hotroom.api.storage.StorageException;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;

/**
 * Interning for one step, on LMDB, behind the shared {@link InternCaches}.
 *
 * <p>Layout (databases in {@link Db}):
 * <ul>
 *   <li>{@code intern.ids}: {@code kind + UTF-8} to {@code varint(id)}. A string whose UTF-8 is
 *       longer than {@value #MAX_DIRECT} bytes is keyed by {@code kind + 0xFF + SHA-256(UTF-8)}
 *       instead (0xFF never occurs in UTF-8, so the two key forms cannot meet), and its value
 *       carries the full UTF-8 after the ID, which is compared on every read.
 *   <li>{@code intern.names}: {@code kind + id (8 bytes big-endian)} to UTF-8. IDs are handed out
 *       in increasing order, so this table grows at its end and LMDB packs its pages full.
 *   <li>{@code meta}: {@code intern.next.<kind>} holds the last ID assigned in a kind.
 * </ul>
 * Kind codes are fixed here ({@link #code}), never enum ordinals, since they are on disk.
 *
 * <p>Well-known strings ({@link WellKnown}) are answered from static tables and never stored;
 * dynamic IDs of event types and state keys start at {@link WellKnown#FIRST_DYNAMIC}, other kinds
 * at 1. Event type IDs stay below 2^31 and state key IDs below 2^32, so that a state key {@code
 * (type, stateKey)} packs into one non-negative long.
 *
 * <p>Order of a lookup: well-known table, this step's own new IDs, the shared cache, then LMDB
 * (whose answer, being committed, goes into the cache). {@link #intern} of an unknown string takes
 * the writer lock and looks again in the fresh snapshot before assigning, since another step may
 * have interned it meanwhile.
 */
public final class LmdbInterner implements Interner {

    /** Longest UTF-8 kept directly in a key; longer strings are keyed by their hash. */
    static final int MAX_DIRECT = 400;
    private static final byte HASHED = (byte) 0xFF;

    private final Tx tx;
    private final InternCaches caches;
    /** IDs this step assigned, not yet committed (so not in the caches). */
    private final Map<InternCaches.Name, Long> newIds = new HashMap<>();
    private final Map<InternCaches.Id, String> newNames = new HashMap<>();

    public LmdbInterner(Tx tx, InternCaches caches) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.caches = Objects.requireNonNull(caches, "caches");
    }

    /** The on-disk code of a kind. Never change these. */
    public static byte code(IdKind kind) {
        return switch (kind) {
            case ROOM -> 1;
            case EVENT -> 2;
            case USER -> 3;
            case SERVER -> 4;
            case EVENT_TYPE -> 5;
            case STATE_KEY -> 6;
        };
    }

    /** The largest ID a kind may reach. */
    static long maxId(IdKind kind) {
        return switch (kind) {
            case EVENT_TYPE -> Integer.MAX_VALUE;
            case STATE_KEY -> 0xFFFF_FFFFL;
            default -> Long.MAX_VALUE;
        };
    }

    static long firstId(IdKind kind) {
        return kind == IdKind.EVENT_TYPE || kind == IdKind.STATE_KEY ? WellKnown.FIRST_DYNAMIC : 1;
    }

    /**
     * Forgets the IDs this step assigned; the scope calls it when the step discards its writes
     * (the counter and the records go with the write set, so the next new string gets the first of
     * those IDs again, and nothing here may still name the old one).
     */
    public void discardPending() {
        newIds.clear();
        newNames.clear();
    }

    @Override
    public long find(IdKind kind, String value) {
        Objects.requireNonNull(kind, "kind");
        checkString(value);
        long wk = WellKnown.id(kind, value);
        if (wk != 0) {
            return wk;
        }
        InternCaches.Name name = new InternCaches.Name(code(kind), value);
        Long mine = newIds.get(name);
        if (mine != null) {
            return mine;
        }
        Long cached = caches.ids.getIfPresent(name);
        if (cached != null) {
            return cached;
        }
        return stored(name);
    }

    @Override
    public long intern(IdKind kind, String value) {
        long id = find(kind, value);
        if (id != 0) {
            return id;
        }
        tx.beginWrite();
        InternCaches.Name name = new InternCaches.Name(code(kind), value);
        id = stored(name); // the snapshot is fresh now: someone may have interned it since
        if (id != 0) {
            return id;
        }
        byte[] counterKey = ("intern.next." + name.kind()).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer c = tx.get(Db.META, counterKey);
        long last = c == null ? firstId(kind) - 1 : c.getLong(c.position());
        if (last >= maxId(kind)) {
            throw new StorageException("no numeric IDs left for kind " + kind + " (last " + last + ")");
        }
        id = last + 1;
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream v = new ByteArrayOutputStream(12);
        Bytes.putVarint(v, id);
        if (utf8.length > MAX_DIRECT) {
            v.writeBytes(utf8);
        }
        tx.put(Db.INTERN_IDS, idsKey(name.kind(), utf8), v.toByteArray());
        tx.put(Db.INTERN_NAMES, namesKey(name.kind(), id), utf8);
        tx.put(Db.META, counterKey, Bytes.longBE(id));
        if (newIds.isEmpty()) {
            tx.afterCommit(this::publish);
        }
        newIds.put(name, id);
        newNames.put(new InternCaches.Id(name.kind(), id), value);
        return id;
    }

    @Override
    public String lookup(IdKind kind, long id) {
        Objects.requireNonNull(kind, "kind");
        if (id <= 0) {
            return null;
        }
        String wk = WellKnown.name(kind, id);
        if (wk != null) {
            return wk;
        }
        InternCaches.Id key = new InternCaches.Id(code(kind), id);
        String mine = newNames.get(key);
        if (mine != null) {
            return mine;
        }
        String cached = caches.names.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        byte[] k = namesKey(key.kind(), id);
        ByteBuffer v = tx.get(Db.INTERN_NAMES, k);
        if (v == null) {
            return null;
        }
        byte[] utf8 = new byte[v.remaining()];
        v.get(v.position(), utf8);
        String s = new String(utf8, StandardCharsets.UTF_8);
        if (!tx.pending(Db.INTERN_NAMES, k)) {
            caches.names.put(key, s);
        }
        return s;
    }

    /** The committed (or this step's) ID of a string, 0 if none; committed answers go to the cache. */
    private long stored(InternCaches.Name name) {
        byte[] utf8 = name.value().getBytes(StandardCharsets.UTF_8);
        byte[] k = idsKey(name.kind(), utf8);
        ByteBuffer v = tx.get(Db.INTERN_IDS, k);
        if (v == null) {
            return 0;
        }
        int[] pos = {v.position()};
        long id = Bytes.getVarint(v, pos);
        if (utf8.length > MAX_DIRECT) {
            byte[] stored = new byte[v.limit() - pos[0]];
            v.get(pos[0], stored);
            if (!java.util.Arrays.equals(stored, utf8)) {
                throw new StorageException("SHA-256 collision between two interned strings of kind code " + name.kind());
            }
        }
        if (!tx.pending(Db.INTERN_IDS, k)) {
            caches.ids.put(name, id);
        }
        return id;
    }

    /** After commit: the step's IDs are durable, so every step may now see them in the caches. */
    private void publish() {
        newIds.forEach(caches.ids::put);
        newNames.forEach(caches.names::put);
    }

    static byte[] idsKey(byte kind, byte[] utf8) {
        if (utf8.length <= MAX_DIRECT) {
            byte[] k = new byte[1 + utf8.length];
            k[0] = kind;
            System.arraycopy(utf8, 0, k, 1, utf8.length);
            return k;
        }
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(utf8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] k = new byte[2 + h.length];
        k[0] = kind;
        k[1] = HASHED;
        System.arraycopy(h, 0, k, 2, h.length);
        return k;
    }

    public static byte[] namesKey(byte kind, long id) {
        byte[] k = new byte[9];
        k[0] = kind;
        Bytes.putLongBE(k, 1, id);
        return k;
    }

    /** Strings must survive UTF-8 and back unchanged: no unpaired surrogates. */
    private static void checkString(String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0, n = value.length(); i < n; i++) {
            char ch = value.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException("string has an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(ch)) {
                throw new IllegalArgumentException("string has an unpaired surrogate at index " + i);
            }
        }
    }
}
