package org.hotroom.storage.state;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.hotroom.storage.Bytes;

/**
 * A run of history entries {@code (stateKey, branch, offset) -> event} of one room and one event
 * type, sorted by {@code (stateKey, branch, offset)}: the unit {@link KeyHistoryStateStore} keeps
 * in one LMDB record. This class is the decoded, mutable form used when writing, and the codec.
 *
 * <p>Encoded form (at most {@link KeyHistoryStateStore#MAX_CHUNK_BYTES} bytes, so that a record
 * stays inside an LMDB leaf page instead of taking overflow pages):
 * <pre>
 *   varint nKeys, varint nEntries
 *   u8 wKey, wCount, wBranch, wOffset, wEvent      (bit widths of the columns)
 *   varint firstKey, minBranch, minOffset, minEvent, stamp
 *   bit columns, each field fixed-width (frame of reference per chunk):
 *     keyGap[nKeys-1]   stateKey[i] - stateKey[i-1] - 1
 *     count[nKeys]      entries of the key - 1
 *     branch[nEntries]  branch - minBranch          (0 bits when the chunk has one branch)
 *     offset[nEntries]  offset - minOffset
 *     event[nEntries]   0 for a tombstone, else event - minEvent + 1
 * </pre>
 * Each column's width is what its largest value needs, so a chunk pays per entry only the bits
 * that its own spread of offsets and event IDs requires (around 17 + 17 bits on a room with 100k
 * state changes), and per key a few bits. Being fixed-width, a field is read without decoding its
 * neighbours ({@link ChunkView}). The stamp is unique per chunk write in the whole store (a
 * counter), so {@code stamp} names this exact content: the key of the decoded-chunk cache.
 */
final class HistoryChunk {

    long[] stateKey;
    long[] branch;
    long[] offset;
    long[] event;
    int size;

    HistoryChunk(int capacity) {
        int c = Math.max(capacity, 8);
        stateKey = new long[c];
        branch = new long[c];
        offset = new long[c];
        event = new long[c];
    }

    static HistoryChunk decode(ByteBuffer value) {
        ChunkView v = new ChunkView(value);
        HistoryChunk c = new HistoryChunk(v.entries + 8);
        long sk = v.firstKey;
        int j = 0;
        for (int k = 0; k < v.keys; k++) {
            if (k > 0) {
                sk += v.keyGap(k - 1) + 1;
            }
            int n = v.count(k);
            for (int i = 0; i < n; i++, j++) {
                c.stateKey[j] = sk;
                c.branch[j] = v.branch(j);
                c.offset[j] = v.offset(j);
                c.event[j] = v.event(j);
            }
        }
        c.size = j;
        return c;
    }

    static int compare(long sk1, long b1, long o1, long sk2, long b2, long o2) {
        int c = Long.compare(sk1, sk2);
        if (c != 0) {
            return c;
        }
        c = Long.compare(b1, b2);
        return c != 0 ? c : Long.compare(o1, o2);
    }

    /** Inserts an entry in order; an entry at the same position must not exist. */
    void insert(long sk, long br, long off, long ev) {
        int lo = 0;
        int hi = size;
        if (size > 0 && compare(stateKey[size - 1], branch[size - 1], offset[size - 1], sk, br, off) < 0) {
            lo = size; // appending, the common case for a growing branch
        } else {
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                int c = compare(stateKey[mid], branch[mid], offset[mid], sk, br, off);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid;
                } else {
                    throw new IllegalStateException("history entry (" + sk + ", " + br + ", " + off + ") exists");
                }
            }
        }
        if (size == stateKey.length) {
            int c = size * 2;
            stateKey = Arrays.copyOf(stateKey, c);
            branch = Arrays.copyOf(branch, c);
            offset = Arrays.copyOf(offset, c);
            event = Arrays.copyOf(event, c);
        }
        int move = size - lo;
        if (move > 0) {
            System.arraycopy(stateKey, lo, stateKey, lo + 1, move);
            System.arraycopy(branch, lo, branch, lo + 1, move);
            System.arraycopy(offset, lo, offset, lo + 1, move);
            System.arraycopy(event, lo, event, lo + 1, move);
        }
        stateKey[lo] = sk;
        branch[lo] = br;
        offset[lo] = off;
        event[lo] = ev;
        size++;
    }

    /** One encoded record and its first entry (which names it in LMDB). */
    record Piece(long firstKey, long firstBranch, long firstOffset, byte[] bytes) {}

    /**
     * Encodes all entries, split into pieces of at most {@code maxBytes} where possible, each with
     * a fresh stamp from {@code stamps}.
     */
    List<Piece> encode(int maxBytes, LongSupplier stamps) {
        List<Piece> out = new ArrayList<>(2);
        if (size > 0) {
            split(0, size, maxBytes, stamps, out);
        }
        return out;
    }

    /** As above with stamp 0 (tests). */
    List<Piece> encode(int maxBytes) {
        return encode(maxBytes, () -> 0);
    }

    private void split(int lo, int hi, int maxBytes, LongSupplier stamps, List<Piece> out) {
        byte[] b = encode(lo, hi, 0);
        if (b.length + 9 <= maxBytes || hi - lo < 2) { // 9: room for the real stamp's varint
            out.add(new Piece(stateKey[lo], branch[lo], offset[lo], encode(lo, hi, stamps.getAsLong())));
            return;
        }
        int mid = splitPoint(lo, hi);
        split(lo, mid, maxBytes, stamps, out);
        split(mid, hi, maxBytes, stamps, out);
    }

    /** The middle, moved to the nearest key boundary within the middle half when there is one. */
    private int splitPoint(int lo, int hi) {
        int mid = (lo + hi) >>> 1;
        int quarter = (hi - lo) / 4;
        for (int d = 0; d <= quarter; d++) {
            if (mid - d > lo && stateKey[mid - d] != stateKey[mid - d - 1]) {
                return mid - d;
            }
            if (mid + d < hi && mid + d > lo && stateKey[mid + d] != stateKey[mid + d - 1]) {
                return mid + d;
            }
        }
        return mid;
    }

    byte[] encode(int lo, int hi) {
        return encode(lo, hi, 0);
    }

    byte[] encode(int lo, int hi, long stamp) {
        int n = hi - lo;
        int keys = 0;
        long maxGap = 0;
        long maxCount = 0;
        long minB = Long.MAX_VALUE;
        long maxB = 0;
        long minO = Long.MAX_VALUE;
        long maxO = 0;
        long minE = Long.MAX_VALUE;
        long maxE = 0;
        int run = 0;
        for (int i = lo; i < hi; i++) {
            if (i == lo || stateKey[i] != stateKey[i - 1]) {
                if (i > lo) {
                    maxGap = Math.max(maxGap, stateKey[i] - stateKey[i - 1] - 1);
                    maxCount = Math.max(maxCount, run - 1);
                }
                keys++;
                run = 0;
            }
            run++;
            minB = Math.min(minB, branch[i]);
            maxB = Math.max(maxB, branch[i]);
            minO = Math.min(minO, offset[i]);
            maxO = Math.max(maxO, offset[i]);
            if (event[i] != 0) {
                minE = Math.min(minE, event[i]);
                maxE = Math.max(maxE, event[i]);
            }
        }
        maxCount = Math.max(maxCount, run - 1);
        if (minE == Long.MAX_VALUE) {
            minE = 0;
            maxE = 0;
        }
        int wKey = Bytes.bitWidth(maxGap);
        int wCount = Bytes.bitWidth(maxCount);
        int wBranch = Bytes.bitWidth(maxB - minB);
        int wOffset = Bytes.bitWidth(maxO - minO);
        int wEvent = Bytes.bitWidth(maxE == 0 ? 0 : maxE - minE + 1);

        Bits.Writer w = new Bits.Writer();
        for (int i = lo + 1; i < hi; i++) {
            if (stateKey[i] != stateKey[i - 1]) {
                w.write(stateKey[i] - stateKey[i - 1] - 1, wKey);
            }
        }
        run = 0;
        for (int i = lo; i < hi; i++) {
            if (i > lo && stateKey[i] != stateKey[i - 1]) {
                w.write(run - 1, wCount);
                run = 0;
            }
            run++;
        }
        w.write(run - 1, wCount);
        for (int i = lo; i < hi; i++) {
            w.write(branch[i] - minB, wBranch);
        }
        for (int i = lo; i < hi; i++) {
            w.write(offset[i] - minO, wOffset);
        }
        for (int i = lo; i < hi; i++) {
            w.write(event[i] == 0 ? 0 : event[i] - minE + 1, wEvent);
        }

        ByteArrayOutputStream head = new ByteArrayOutputStream(32);
        Bytes.putVarint(head, keys);
        Bytes.putVarint(head, n);
        head.write(wKey);
        head.write(wCount);
        head.write(wBranch);
        head.write(wOffset);
        head.write(wEvent);
        Bytes.putVarint(head, stateKey[lo]);
        Bytes.putVarint(head, minB);
        Bytes.putVarint(head, minO);
        Bytes.putVarint(head, minE);
        Bytes.putVarint(head, stamp);
        byte[] out = new byte[head.size() + w.byteLength()];
        System.arraycopy(head.toByteArray(), 0, out, 0, head.size());
        w.copyTo(out, head.size());
        return out;
    }

    /**
     * Reads just the header fields a reader needs to decide whether to look further: {@code
     * out[0] = minOffset, out[1] = stamp}. Reads absolutely; leaves the buffer as is.
     */
    static void peek(ByteBuffer b, long[] out) {
        int p = b.position();
        int k = 0;
        long x = 0;
        int shift = 0;
        while (k < 7) {
            byte c = b.get(p++);
            x |= (long) (c & 0x7F) << shift;
            if (c >= 0) {
                if (k == 4) {
                    out[0] = x;
                } else if (k == 6) {
                    out[1] = x;
                }
                k++;
                x = 0;
                shift = 0;
                if (k == 2) {
                    p += 5;
                }
            } else {
                shift += 7;
            }
        }
    }

    /**
     * A read-only view of an encoded chunk: the header parsed, columns located, fields read on
     * demand. The chunk's bytes are first copied (one bulk copy out of LMDB's map) into a padded
     * array, so that every field is one unaligned little-endian 8-byte load, a shift and a mask.
     */
    static final class ChunkView {
        private static final VarHandle LONG_LE =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        /** Bytes a field read may touch past the data. */
        static final int PAD = 16;

        final byte[] bytes;
        final int keys;
        final int entries;
        int wKey;
        int wCount;
        int wBranch;
        int wOffset;
        int wEvent;
        final long firstKey;
        final long minBranch;
        final long minOffset;
        final long minEvent;
        final long stamp;
        /** Bit positions of the columns, counted from bit 0 of {@link #bytes}. */
        final long kdBase;
        final long cntBase;
        final long brBase;
        final long offBase;
        final long evBase;
        private final long kMask;
        private final long cMask;
        private final long bMask;
        private final long oMask;
        private final long eMask;

        ChunkView(ByteBuffer value) {
            this(value, null);
        }

        /** {@code scratch} may be reused across views when it is big enough; may be null. */
        ChunkView(ByteBuffer value, byte[] scratch) {
            int len = value.remaining();
            bytes = scratch != null && scratch.length >= len + PAD ? scratch : new byte[len + PAD];
            value.get(value.position(), bytes, 0, len);
            for (int i = len; i < len + PAD; i++) {
                bytes[i] = 0;
            }
            int p = 0;
            long x = 0;
            int shift = 0;
            // header: two varints, five widths, four varints (inlined varint reads, no allocation)
            long[] h = new long[7];
            int k = 0;
            while (k < 7) {
                byte c = bytes[p++];
                x |= (long) (c & 0x7F) << shift;
                if (c >= 0) {
                    h[k++] = x;
                    x = 0;
                    shift = 0;
                    if (k == 2) {
                        wKey = bytes[p];
                        wCount = bytes[p + 1];
                        wBranch = bytes[p + 2];
                        wOffset = bytes[p + 3];
                        wEvent = bytes[p + 4];
                        p += 5;
                    }
                } else {
                    shift += 7;
                    if (shift > 63) {
                        throw new IllegalStateException("corrupt history chunk header");
                    }
                }
            }
            keys = (int) h[0];
            entries = (int) h[1];
            firstKey = h[2];
            minBranch = h[3];
            minOffset = h[4];
            minEvent = h[5];
            stamp = h[6];
            kdBase = p * 8L;
            cntBase = kdBase + (long) Math.max(keys - 1, 0) * wKey;
            brBase = cntBase + (long) keys * wCount;
            offBase = brBase + (long) entries * wBranch;
            evBase = offBase + (long) entries * wOffset;
            if (wKey > 57 || wCount > 57 || wBranch > 57 || wOffset > 57) {
                throw new IllegalStateException("corrupt history chunk: column widths " + wKey + "/" + wCount + "/"
                        + wBranch + "/" + wOffset);
            }
            kMask = mask(wKey);
            cMask = mask(wCount);
            bMask = mask(wBranch);
            oMask = mask(wOffset);
            eMask = mask(wEvent);
        }

        /** Space a scratch array needs for a chunk of {@code length} bytes. */
        static int scratchSize(int length) {
            return length + PAD;
        }

        /** A field of at most 57 bits (every column but events): one load, a shift and a mask. */
        private long small(long bitPos, long mask) {
            return ((long) LONG_LE.get(bytes, (int) (bitPos >>> 3)) >>> (bitPos & 7)) & mask;
        }

        /** A field of any width up to 64 bits. */
        private long wide(long bitPos, int w) {
            if (w == 0) {
                return 0;
            }
            int i = (int) (bitPos >>> 3);
            int s = (int) (bitPos & 7);
            long v = (long) LONG_LE.get(bytes, i) >>> s;
            if (s + w > 64) {
                v |= (bytes[i + 8] & 0xFFL) << (64 - s);
            }
            return w == 64 ? v : v & ((1L << w) - 1);
        }

        private static long mask(int w) {
            return w >= 64 ? -1L : (1L << w) - 1;
        }

        long keyGap(int i) {
            return small(kdBase + (long) i * wKey, kMask);
        }

        int count(int i) {
            return (int) small(cntBase + (long) i * wCount, cMask) + 1;
        }

        /** Whether every entry of the chunk is on one branch. */
        boolean oneBranch() {
            return wBranch == 0;
        }

        long branch(int j) {
            return minBranch + small(brBase + (long) j * wBranch, bMask);
        }

        long offset(int j) {
            return minOffset + small(offBase + (long) j * wOffset, oMask);
        }

        long event(int j) {
            long v = wEvent <= 57 ? small(evBase + (long) j * wEvent, eMask) : wide(evBase + (long) j * wEvent, wEvent);
            return v == 0 ? 0 : v + minEvent - 1;
        }
    }
}
