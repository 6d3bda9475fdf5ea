package org.hotroom.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bit-packed chunk codec. */
class HistoryChunkTest {

    static HistoryChunk random(Random r, int n, long eventSpread) {
        HistoryChunk c = new HistoryChunk(4);
        long sk = 1 + r.nextInt(1000);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(3) == 0) {
                sk += 1 + r.nextInt(r.nextBoolean() ? 3 : 100_000);
            }
            long br = 1 + r.nextInt(r.nextInt(5) == 0 ? 1000 : 2);
            long off = 1 + (long) r.nextInt(Integer.MAX_VALUE) * 2;
            long ev = r.nextInt(10) == 0 ? 0 : 1 + (Math.abs(r.nextLong()) % eventSpread);
            try {
                c.insert(sk, br, off, ev);
            } catch (IllegalStateException duplicate) {
                // the same (sk, br, off) drawn twice: skip
            }
        }
        return c;
    }

    static void assertSame(HistoryChunk a, int from, HistoryChunk b) {
        for (int i = 0; i < b.size; i++) {
            String at = "entry " + i;
            assertEquals(a.stateKey[from + i], b.stateKey[i], at);
            assertEquals(a.branch[from + i], b.branch[i], at);
            assertEquals(a.offset[from + i], b.offset[i], at);
            assertEquals(a.event[from + i], b.event[i], at);
        }
    }

    @Test
    void roundTripsWithAnyWidths() {
        Random r = new Random(5);
        for (long spread : new long[] {1, 100, 1L << 40, Long.MAX_VALUE}) {
            for (int n : new int[] {1, 2, 7, 64, 300}) {
                HistoryChunk c = random(r, n, spread);
                byte[] enc = c.encode(0, c.size);
                HistoryChunk d = HistoryChunk.decode(ByteBuffer.wrap(enc));
                assertEquals(c.size, d.size);
                assertSame(c, 0, d);
            }
        }
    }

    @Test
    void decodesFromAViewInsideABiggerBuffer() {
        HistoryChunk c = random(new Random(6), 50, 1 << 20);
        byte[] enc = c.encode(0, c.size);
        byte[] padded = new byte[enc.length + 20];
        System.arraycopy(enc, 0, padded, 7, enc.length);
        ByteBuffer view = ByteBuffer.wrap(padded, 7, enc.length).slice().asReadOnlyBuffer();
        assertSame(c, 0, HistoryChunk.decode(view));
    }

    @Test
    void splitsIntoPiecesThatFitAndCoverEverything() {
        HistoryChunk c = random(new Random(7), 5000, 1 << 20);
        List<HistoryChunk.Piece> pieces = c.encode(KeyHistoryStateStore.MAX_CHUNK_BYTES);
        assertTrue(pieces.size() > 10);
        int at = 0;
        for (HistoryChunk.Piece p : pieces) {
            assertTrue(p.bytes().length <= KeyHistoryStateStore.MAX_CHUNK_BYTES, p.bytes().length + " bytes");
            HistoryChunk d = HistoryChunk.decode(ByteBuffer.wrap(p.bytes()));
            assertEquals(c.stateKey[at], p.firstKey());
            assertEquals(c.branch[at], p.firstBranch());
            assertEquals(c.offset[at], p.firstOffset());
            assertSame(c, at, d);
            at += d.size;
        }
        assertEquals(c.size, at);
    }

    @Test
    void aMemberHistoryCostsAFewBytesAChange() {
        // 100 keys, 3 changes each, offsets over a 100k trunk, events over 200k: the HQ shape
        Random r = new Random(8);
        HistoryChunk c = new HistoryChunk(300);
        long sk = 5000;
        for (int k = 0; k < 100; k++) {
            sk += 1 + r.nextInt(4);
            for (int j = 0; j < 3; j++) {
                long off = 1 + r.nextInt(100_000);
                try {
                    c.insert(sk, 1, off, 2 * off + r.nextInt(5));
                } catch (IllegalStateException dup) {
                    j--;
                }
            }
        }
        int bytes = c.encode(0, c.size).length;
        assertTrue(bytes < 300 * 5, bytes + " bytes for 300 changes");
    }

    @Test
    void duplicatesAreRefused() {
        HistoryChunk c = new HistoryChunk(1);
        c.insert(5, 1, 1, 9);
        assertThrows(IllegalStateException.class, () -> c.insert(5, 1, 1, 10));
    }

    @Test
    void bitsAcrossWordAndBufferEnds() {
        Random r = new Random(9);
        for (int trial = 0; trial < 200; trial++) {
            int w = r.nextInt(65);
            int n = 1 + r.nextInt(20);
            long[] v = new long[n];
            Bits.Writer bw = new Bits.Writer();
            int lead = r.nextInt(13);
            bw.write(0, lead);
            for (int i = 0; i < n; i++) {
                v[i] = w == 64 ? r.nextLong() : w == 0 ? 0 : r.nextLong() & ((1L << w) - 1);
                bw.write(v[i], w);
            }
            byte[] out = new byte[bw.byteLength()];
            bw.copyTo(out, 0);
            ByteBuffer b = ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                assertEquals(v[i], Bits.read(b, 0, lead + (long) i * w, w), "w=" + w + " i=" + i);
            }
        }
    }
}
