package org.hotroom.storage.state;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;

/**
 * Which state node each event has before and after it, whatever the strategy: {@code event ->
 * (room, before, after)}, shared by all strategies so that they are compared on the states alone.
 *
 * <p>Layout ({@code state.events}): events are grouped by {@code event >> 6}, 64 to a record, keyed
 * by the group number (8 bytes big-endian, so new events land at the end of the table and LMDB
 * fills its pages). A record is a 64-bit presence bitmap, then for each present event in order
 * three zigzag varints: room minus the previous entry's room, before minus the previous entry's
 * after, after minus before (the previous entry's values start at 0 in each record). On a linear
 * history an event's before is its predecessor's after and after is before or the next node, so a
 * typical event costs 3 bytes and a record about 200.
 */
public final class EventIndex {

    static final int SHIFT = 6;

    /** The state around one event. */
    public record At(long room, long before, long after) {}

    private EventIndex() {}

    public static At get(Tx tx, long event) {
        ByteBuffer v = tx.get(Db.EVENT_STATE, Bytes.longBE(event >>> SHIFT));
        if (v == null) {
            return null;
        }
        Decoded d = decode(v);
        int slot = (int) (event & 63);
        if ((d.bitmap & (1L << slot)) == 0) {
            return null;
        }
        int i = Long.bitCount(d.bitmap & ((1L << slot) - 1));
        return new At(d.room[i], d.before[i], d.after[i]);
    }

    /**
     * Records an event's states. Recording the same values again is allowed; different ones are not
     * (the state at an event never changes).
     */
    public static void put(Tx tx, long event, long room, long before, long after) {
        if (event <= 0) {
            throw new IllegalArgumentException("event ID must be positive: " + event);
        }
        byte[] key = Bytes.longBE(event >>> SHIFT);
        ByteBuffer v = tx.get(Db.EVENT_STATE, key);
        Decoded d = v == null ? new Decoded(0, new long[0], new long[0], new long[0]) : decode(v);
        int slot = (int) (event & 63);
        int i = Long.bitCount(d.bitmap & ((1L << slot) - 1));
        if ((d.bitmap & (1L << slot)) != 0) {
            if (d.room[i] == room && d.before[i] == before && d.after[i] == after) {
                return;
            }
            throw new IllegalStateException("the state of event " + event + " is already recorded differently");
        }
        int n = d.room.length;
        long[] r = insert(d.room, i, room);
        long[] b = insert(d.before, i, before);
        long[] a = insert(d.after, i, after);
        ByteArrayOutputStream o = new ByteArrayOutputStream(8 + 4 * (n + 1));
        long bitmap = d.bitmap | (1L << slot);
        for (int s = 56; s >= 0; s -= 8) {
            o.write((int) (bitmap >>> s));
        }
        long pr = 0;
        long pa = 0;
        for (int k = 0; k <= n; k++) {
            Bytes.putVarint(o, Bytes.zigzag(r[k] - pr));
            Bytes.putVarint(o, Bytes.zigzag(b[k] - pa));
            Bytes.putVarint(o, Bytes.zigzag(a[k] - b[k]));
            pr = r[k];
            pa = a[k];
        }
        tx.put(Db.EVENT_STATE, key, o.toByteArray());
    }

    private record Decoded(long bitmap, long[] room, long[] before, long[] after) {}

    private static Decoded decode(ByteBuffer v) {
        int at = v.position();
        long bitmap = v.getLong(at);
        int n = Long.bitCount(bitmap);
        long[] r = new long[n];
        long[] b = new long[n];
        long[] a = new long[n];
        int[] p = {at + 8};
        long pr = 0;
        long pa = 0;
        for (int k = 0; k < n; k++) {
            r[k] = pr + Bytes.unzigzag(Bytes.getVarint(v, p));
            b[k] = pa + Bytes.unzigzag(Bytes.getVarint(v, p));
            a[k] = b[k] + Bytes.unzigzag(Bytes.getVarint(v, p));
            pr = r[k];
            pa = a[k];
        }
        return new Decoded(bitmap, r, b, a);
    }

    private static long[] insert(long[] a, int i, long v) {
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }
}
