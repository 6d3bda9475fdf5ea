package org.hotroom.logic.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.testing.InMemoryStorage;
import org.junit.jupiter.api.Test;

class BufferedStepStorageTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> scan(KeyValue kv, String table, String from, int limit) {
        List<String> out = new ArrayList<>();
        kv.scan(table, b(from), (k, v) -> {
            out.add(new String(k, StandardCharsets.UTF_8) + "=" + new String(v, StandardCharsets.UTF_8));
            return out.size() < limit;
        });
        return out;
    }

    @Test
    void writesStayInsideUntilFlushed() {
        InMemoryStorage under = new InMemoryStorage();
        under.keyValue().put("t", b("a"), b("1"));
        BufferedStepStorage buf = new BufferedStepStorage(under);
        buf.keyValue().put("t", b("b"), b("2"));
        assertTrue(buf.keyValue().delete("t", b("a")));
        assertFalse(buf.keyValue().delete("t", b("zz")));
        assertNull(buf.keyValue().get("t", b("a")));
        assertArrayEquals(b("2"), buf.keyValue().get("t", b("b")));
        assertEquals(1, under.writes(), "nothing reached the storage yet");
        assertEquals(1, under.beginWrites(), "the first write takes the writer lock at once");
        assertTrue(buf.dirty());
        buf.flush();
        assertNull(under.keyValue().get("t", b("a")));
        assertArrayEquals(b("2"), under.keyValue().get("t", b("b")));
    }

    @Test
    void streamsAdvanceOnFlush() {
        InMemoryStorage under = new InMemoryStorage();
        under.streams().advance("events");
        BufferedStepStorage buf = new BufferedStepStorage(under);
        assertEquals(2, buf.streams().advance("events"));
        assertEquals(3, buf.streams().advance("events"));
        assertEquals(3, buf.streams().position("events"));
        assertEquals(1, under.streams().position("events"));
        buf.flush();
        assertEquals(3, under.streams().position("events"));
    }

    @Test
    void scansMergeBufferedWritesInKeyOrder() {
        InMemoryStorage under = new InMemoryStorage();
        for (String k : new String[] {"b", "d", "f", "h"}) {
            under.keyValue().put("t", b(k), b("old"));
        }
        BufferedStepStorage buf = new BufferedStepStorage(under);
        buf.keyValue().put("t", b("a"), b("new"));
        buf.keyValue().put("t", b("d"), b("new"));
        buf.keyValue().delete("t", b("f"));
        buf.keyValue().put("t", b("g"), b("new"));
        buf.keyValue().put("t", b("z"), b("new"));
        assertEquals(List.of("a=new", "b=old", "d=new", "g=new", "h=old", "z=new"), scan(buf.keyValue(), "t", "", 100));
        assertEquals(List.of("d=new", "g=new"), scan(buf.keyValue(), "t", "c", 2));
        assertEquals(List.of("g=new", "h=old", "z=new"), scan(buf.keyValue(), "t", "f", 100));
        assertEquals(List.of("a=new"), scan(buf.keyValue(), "t", "", 1));
    }

    @Test
    void scansAgreeWithAReferenceModelOnRandomOperations() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            InMemoryStorage under = new InMemoryStorage();
            TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            for (int i = 0; i < 10; i++) {
                byte[] k = {(byte) random.nextInt(256)};
                under.keyValue().put("t", k, b("u" + i));
                model.put(k, b("u" + i));
            }
            BufferedStepStorage buf = new BufferedStepStorage(under);
            for (int i = 0; i < 10; i++) {
                byte[] k = {(byte) random.nextInt(256)};
                if (random.nextBoolean()) {
                    buf.keyValue().put("t", k, b("m" + i));
                    model.put(k, b("m" + i));
                } else {
                    assertEquals(model.remove(k) != null, buf.keyValue().delete("t", k));
                }
            }
            byte[] from = {(byte) random.nextInt(256)};
            int limit = 1 + random.nextInt(12);
            List<String> expected = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : model.tailMap(from, true).entrySet()) {
                if (expected.size() == limit) {
                    break;
                }
                expected.add((e.getKey()[0] & 0xFF) + "=" + new String(e.getValue(), StandardCharsets.UTF_8));
            }
            List<String> actual = new ArrayList<>();
            buf.keyValue().scan("t", from, (k, v) -> {
                actual.add((k[0] & 0xFF) + "=" + new String(v, StandardCharsets.UTF_8));
                return actual.size() < limit;
            });
            assertEquals(expected, actual, "round " + round);
            buf.flush();
            List<String> flushed = new ArrayList<>();
            under.keyValue().scan("t", new byte[0], (k, v) -> flushed.add((k[0] & 0xFF) + "=" + new String(v, StandardCharsets.UTF_8)));
            List<String> all = new ArrayList<>();
            model.forEach((k, v) -> all.add((k[0] & 0xFF) + "=" + new String(v, StandardCharsets.UTF_8)));
            assertEquals(all, flushed);
        }
    }
}
