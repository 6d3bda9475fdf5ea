package org.hotroom.storage;

import static org.hotroom.storage.Stores.b;
import static org.hotroom.storage.Stores.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WriteSetTest {

    @Test
    void tracksPutsDeletesAndStreams() {
        WriteSet w = new WriteSet();
        assertTrue(w.isEmpty());
        w.put("t", b("t"), b("b"), b("B"));
        w.put("t", b("t"), b("a"), b("A"));
        w.delete("t", b("t"), b("c"));
        w.put("u", b("u"), b("a"), b("other"));
        assertEquals("A", s(w.get("t", b("a"))));
        assertSame(WriteSet.TOMBSTONE, w.get("t", b("c")));
        assertNull(w.get("t", b("zz")));
        assertNull(w.get("none", b("a")));
        assertEquals("a", s(w.ceiling("t", new byte[0]).getKey()));
        assertEquals("b", s(w.higher("t", b("a")).getKey()));
        assertEquals("c", s(w.higher("t", b("b")).getKey()));
        assertNull(w.higher("t", b("c")));
        assertNull(w.ceiling("none", new byte[0]));
        w.advance("s", 7);
        assertEquals(7L, w.stream("s"));
        assertNull(w.stream("other"));
    }

    @Test
    void anEmptyValueIsNotATombstone() {
        WriteSet w = new WriteSet();
        w.put("t", b("t"), b("k"), new byte[0]);
        assertTrue(w.get("t", b("k")) != WriteSet.TOMBSTONE);
    }

    @Test
    void ordersKeysAsUnsignedBytes() {
        WriteSet w = new WriteSet();
        w.put("t", b("t"), new byte[] {(byte) 0x80}, b("high"));
        w.put("t", b("t"), new byte[] {0x7F}, b("low"));
        assertEquals("low", s(w.ceiling("t", new byte[0]).getValue()));
    }
}
