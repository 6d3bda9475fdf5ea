package org.hotroom.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static byte[] stored(String table, byte[] key) {
        ByteBuffer buf = Keys.stored(ByteBuffer.allocate(Keys.MAX_STORED_KEY), Keys.table(table), key);
        return Keys.copy(buf);
    }

    @Test
    void storedKeysAreTableNulKey() {
        assertArrayEquals(new byte[] {'a', 'b', 0, 1, 2}, stored("ab", new byte[] {1, 2}));
        assertArrayEquals(new byte[] {'a', 0}, stored("a", new byte[0]));
    }

    @Test
    void everyKeyOfATableSortsBeforeEveryKeyOfALongerTableName() {
        byte[] maxOfA = stored("a", max(Keys.MAX_KEY));
        byte[] minOfAb = stored("ab", new byte[0]);
        byte[] minOfBang = stored("a!", new byte[0]);
        assertTrue(Arrays.compareUnsigned(maxOfA, minOfAb) < 0);
        assertTrue(Arrays.compareUnsigned(maxOfA, minOfBang) < 0);
    }

    private static byte[] max(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    @Test
    void inTableAndUserKey() {
        byte[] t = Keys.table("ab");
        ByteBuffer k = ByteBuffer.wrap(stored("ab", new byte[] {9, 8}));
        assertTrue(Keys.inTable(k, t));
        assertFalse(Keys.inTable(k, Keys.table("a")));
        assertFalse(Keys.inTable(ByteBuffer.wrap(stored("abc", new byte[0])), t));
        assertFalse(Keys.inTable(ByteBuffer.wrap(new byte[] {'a', 'b'}), t));
        assertArrayEquals(new byte[] {9, 8}, Keys.userKey(k, t.length));
        assertEquals(0, k.position(), "reads are absolute");
    }

    @Test
    void namesAreChecked() {
        assertArrayEquals("events_2".getBytes(StandardCharsets.US_ASCII), Keys.table("events_2"));
        assertThrows(IllegalArgumentException.class, () -> Keys.table(""));
        assertThrows(IllegalArgumentException.class, () -> Keys.table("with space"));
        assertThrows(IllegalArgumentException.class, () -> Keys.table("tab\t"));
        assertThrows(IllegalArgumentException.class, () -> Keys.table("\u007F"));
        assertThrows(NullPointerException.class, () -> Keys.table(null));
        assertThrows(IllegalArgumentException.class, () -> Keys.key(new byte[Keys.MAX_KEY + 1]));
        assertThrows(IllegalArgumentException.class, () -> Keys.stream(""));
        assertTrue(Keys.MAX_STORED_KEY <= 511, "LMDB's key limit");
    }

    @Test
    void longsAreBigEndian() {
        for (long v : new long[] {0, 1, 255, 256, Long.MAX_VALUE, -1}) {
            assertEquals(v, Keys.decodeLong(Keys.encodeLong(v)));
        }
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2}, Keys.encodeLong(258));
    }
}
