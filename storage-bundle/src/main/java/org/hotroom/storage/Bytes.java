package org.hotroom.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Small encodings shared by the stores: big-endian fixed-width integers (for keys, so that byte
 * order is numeric order) and LEB128 unsigned varints with zigzag for signed deltas (for values,
 * where small numbers should cost one byte).
 */
public final class Bytes {

    private Bytes() {}

    public static void putIntBE(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    public static void putLongBE(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    public static long getIntBE(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    public static long getLongBE(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    public static byte[] longBE(long v) {
        byte[] b = new byte[8];
        putLongBE(b, 0, v);
        return b;
    }

    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Appends an unsigned LEB128 varint (1..10 bytes). */
    public static void putVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Bytes an unsigned varint takes. */
    public static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    /**
     * Reads an unsigned varint at {@code pos[0]} (an absolute index into {@code b}) and advances
     * {@code pos[0]} past it.
     */
    public static long getVarint(ByteBuffer b, int[] pos) {
        int p = pos[0];
        long v = 0;
        int shift = 0;
        while (true) {
            if (shift > 63) {
                throw new IllegalStateException("corrupt varint at " + pos[0]);
            }
            byte x = b.get(p++);
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                break;
            }
            shift += 7;
        }
        pos[0] = p;
        return v;
    }

    /** Bits needed for an unsigned value (0 for 0). */
    public static int bitWidth(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }
}
