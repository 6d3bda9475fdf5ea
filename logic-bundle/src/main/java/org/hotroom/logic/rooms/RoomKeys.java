package org.hotroom.logic.rooms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keys of the room tables: numbers as 8 bytes big-endian, strings as UTF-8 (see docs/ROOMS.md). */
final class RoomKeys {

    private RoomKeys() {}

    static byte[] of(long... numbers) {
        ByteBuffer b = ByteBuffer.allocate(numbers.length * 8);
        for (long n : numbers) {
            b.putLong(n);
        }
        return b.array();
    }

    static byte[] of(long number, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + t.length).putLong(number).put(t).array();
    }

    static long longAt(byte[] key, int index) {
        return ByteBuffer.wrap(key, index * 8, 8).getLong();
    }

    static String textFrom(byte[] key, int offset) {
        return new String(key, offset, key.length - offset, StandardCharsets.UTF_8);
    }

    static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }
}
