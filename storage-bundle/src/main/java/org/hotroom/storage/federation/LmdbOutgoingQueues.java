package org.hotroom.storage.federation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hotroom.api.storage.OutgoingQueues;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;

/**
 * {@link OutgoingQueues} for one step, through its {@link Tx}.
 *
 * <p>Layout: {@code out.queue} maps {@code destination + 0x00 + sequence (8, big-endian)} to the
 * item, so a destination's queue is one contiguous run in sequence order, and {@code out.seq}
 * maps the destination to the last sequence number it was given. The counter is kept apart so
 * that it survives an emptied queue: numbers are never given twice, even after everything was
 * acknowledged.
 *
 * <p>Invariants: every item of a destination has a sequence number at most its counter; a
 * destination's items are exactly those appended and not yet acknowledged. Appending takes the
 * writer lock before reading the counter, so two steps never hand out the same number.
 */
public final class LmdbOutgoingQueues implements OutgoingQueues {

    private static final byte[] LAST_SEQUENCE = new byte[8];

    static {
        Arrays.fill(LAST_SEQUENCE, (byte) 0xFF);
    }

    private final Tx tx;

    public LmdbOutgoingQueues(Tx tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public long append(String destination, byte[] item) {
        byte[] d = Names.utf8(destination, "destination", Names.MAX_NAME);
        Objects.requireNonNull(item, "item");
        tx.beginWrite();
        ByteBuffer last = tx.get(Db.OUTGOING_SEQ, d);
        long seq = (last == null ? 0 : last.getLong(last.position())) + 1;
        tx.put(Db.OUTGOING_SEQ, d, Bytes.longBE(seq));
        tx.put(Db.OUTGOING, key(d, seq), item.clone());
        return seq;
    }

    @Override
    public void read(String destination, long after, Visitor visitor) {
        byte[] d = Names.utf8(destination, "destination", Names.MAX_NAME);
        Objects.requireNonNull(visitor, "visitor");
        if (after == Long.MAX_VALUE) {
            return;
        }
        tx.scan(Db.OUTGOING, key(d, Math.max(0, after + 1)), Names.with(d, 1), (k, v) -> {
            byte[] item = new byte[v.remaining()];
            v.get(v.position(), item);
            return visitor.visit(Bytes.getLongBE(k, d.length + 1), item);
        });
    }

    @Override
    public void acknowledge(String destination, long upTo) {
        byte[] d = Names.utf8(destination, "destination", Names.MAX_NAME);
        if (upTo <= 0) {
            return;
        }
        tx.beginWrite();
        List<byte[]> done = new ArrayList<>();
        byte[] to = upTo == Long.MAX_VALUE ? Names.with(d, 1) : key(d, upTo + 1);
        tx.scan(Db.OUTGOING, key(d, 0), to, (k, v) -> done.add(k));
        for (byte[] k : done) {
            tx.delete(Db.OUTGOING, k);
        }
    }

    @Override
    public List<String> destinations() {
        List<String> out = new ArrayList<>();
        Tx.Entry e = tx.higher(Db.OUTGOING, new byte[] {0}, 0);
        while (e != null) {
            byte[] k = e.key();
            int end = k.length - 9; // destination, 0x00, sequence
            out.add(Names.string(k, 0, end));
            // past the destination's last possible key: the first key of the next destination
            e = tx.higher(Db.OUTGOING, Names.join(Arrays.copyOf(k, end), 0, LAST_SEQUENCE), 0);
        }
        return out;
    }

    private static byte[] key(byte[] destination, long seq) {
        return Names.join(destination, 0, Bytes.longBE(seq));
    }
}
