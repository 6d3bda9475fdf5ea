package org.hotroom.storage;

import static org.hotroom.storage.Stores.b;
import static org.hotroom.storage.Stores.put;
import static org.hotroom.storage.Stores.s;
import static org.hotroom.storage.Stores.scan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code KeyValue.scan}: order, table isolation, {@code from}, early stop, own writes, reentrancy. */
class LmdbStepScopeScanTest {

    @TempDir
    Path dir;

    LmdbStorage storage;

    @BeforeEach
    void open() {
        storage = Stores.open(dir);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static List<byte[]> keysOf(StepScope scope, String table, byte[] from) {
        List<byte[]> out = new ArrayList<>();
        scope.keyValue().scan(table, from, (k, v) -> out.add(k));
        return out;
    }

    @Test
    void visitsInUnsignedLexicographicOrder() {
        byte[][] sorted = {
            {}, {0}, {0, 0}, {1}, {0x7F}, {0x7F, 0}, {(byte) 0x80}, {(byte) 0x80, 1}, {(byte) 0xFE}, {(byte) 0xFF},
            {(byte) 0xFF, 0}, {(byte) 0xFF, (byte) 0xFF},
        };
        List<byte[]> shuffled = new ArrayList<>(List.of(sorted));
        Collections.shuffle(shuffled, new Random(42));
        try (StepScope scope = storage.openStep()) {
            for (byte[] k : shuffled) {
                scope.keyValue().put("t", k, k);
            }
            // own writes scan in order too, before commit
            assertArrayEquals(sorted, keysOf(scope, "t", new byte[0]).toArray(new byte[0][]));
            scope.commit();
        }
        try (StepScope scope = storage.openStep()) {
            assertArrayEquals(sorted, keysOf(scope, "t", new byte[0]).toArray(new byte[0][]));
            List<byte[]> values = new ArrayList<>();
            scope.keyValue().scan("t", new byte[0], (k, v) -> values.add(v));
            assertArrayEquals(sorted, values.toArray(new byte[0][]));
        }
    }

    @Test
    void aScanNeverLeavesItsTable() {
        put(storage, "a", "1", "a1");
        put(storage, "a", "2", "a2");
        put(storage, "ab", "0", "ab0");
        put(storage, "a!", "0", "a!0"); // '!' (0x21) sorts between "a\0" and "ab"
        put(storage, "`", "9", "`9"); // '`' (0x60) sorts just before 'a'
        put(storage, "b", "0", "b0");
        try (StepScope scope = storage.openStep()) {
            // a key of table "a" that looks like the start of table "ab"'s prefix
            scope.keyValue().put("a", new byte[] {'b', 0, 'x'}, b("tricky"));
            scope.commit();
        }
        assertEquals(List.of("1=a1", "2=a2", "b\0x=tricky"), scan(storage, "a", ""));
        assertEquals(List.of("0=ab0"), scan(storage, "ab", ""));
        assertEquals(List.of("0=a!0"), scan(storage, "a!", ""));
        assertEquals(List.of("9=`9"), scan(storage, "`", ""));
        assertEquals(List.of("0=b0"), scan(storage, "b", ""));
        assertEquals(List.of(), scan(storage, "none", ""));
        assertEquals(List.of(), scan(storage, "aa", ""));
    }

    @Test
    void fromIsAnInclusiveLowerBound() {
        for (String k : List.of("b", "d", "f")) {
            put(storage, "t", k, k.toUpperCase());
        }
        assertEquals(List.of("b=B", "d=D", "f=F"), scan(storage, "t", ""));
        assertEquals(List.of("b=B", "d=D", "f=F"), scan(storage, "t", "a"));
        assertEquals(List.of("d=D", "f=F"), scan(storage, "t", "d"), "an existing key is included");
        assertEquals(List.of("f=F"), scan(storage, "t", "d\0"), "just after d");
        assertEquals(List.of("f=F"), scan(storage, "t", "e"));
        assertEquals(List.of(), scan(storage, "t", "g"));
        try (StepScope scope = storage.openStep()) {
            assertThrows(IllegalArgumentException.class,
                    () -> scope.keyValue().scan("t", new byte[Keys.MAX_KEY + 1], (k, v) -> true));
        }
    }

    @Test
    void stopsWhenTheVisitorSaysSo() {
        for (int i = 0; i < 10; i++) {
            put(storage, "t", "k" + i, "v" + i);
        }
        try (StepScope scope = storage.openStep()) {
            List<String> seen = new ArrayList<>();
            scope.keyValue().scan("t", b("k3"), (k, v) -> {
                seen.add(s(k));
                return seen.size() < 2;
            });
            assertEquals(List.of("k3", "k4"), seen);
            seen.clear();
            scope.keyValue().scan("t", new byte[0], (k, v) -> {
                seen.add(s(k));
                return false;
            });
            assertEquals(List.of("k0"), seen);
        }
    }

    @Test
    void mergesTheStepsOwnWritesAndDeletes() {
        for (String k : List.of("1", "3", "5", "7")) {
            put(storage, "t", k, "old" + k);
        }
        try (StepScope scope = storage.openStep()) {
            KeyValue kv = scope.keyValue();
            kv.put("t", b("0"), b("new0"));
            kv.put("t", b("2"), b("new2"));
            kv.put("t", b("3"), b("new3"));
            kv.delete("t", b("5"));
            kv.put("t", b("9"), b("new9"));
            kv.put("u", b("4"), b("other table"));
            assertEquals(List.of("0=new0", "1=old1", "2=new2", "3=new3", "7=old7", "9=new9"), scan(scope, "t", ""));
            assertEquals(List.of("3=new3", "7=old7", "9=new9"), scan(scope, "t", "3"));
            assertEquals(List.of("7=old7", "9=new9"), scan(scope, "t", "4"));
            scope.commit();
        }
        assertEquals(List.of("0=new0", "1=old1", "2=new2", "3=new3", "7=old7", "9=new9"), scan(storage, "t", ""));
        assertEquals(List.of("4=other table"), scan(storage, "u", ""));
    }

    @Test
    void theVisitorGetsCopies() {
        put(storage, "t", "k", "v");
        try (StepScope scope = storage.openStep()) {
            scope.keyValue().put("t", b("mine"), b("m"));
            scope.keyValue().scan("t", new byte[0], (k, v) -> {
                k[0] = 'X';
                v[0] = 'X';
                return true;
            });
            assertEquals(List.of("k=v", "mine=m"), scan(scope, "t", ""));
        }
    }

    @Test
    void theVisitorMayWriteReadAndNestScans() {
        for (String k : List.of("a", "c", "e")) {
            put(storage, "t", k, k);
        }
        try (StepScope scope = storage.openStep()) {
            KeyValue kv = scope.keyValue();
            List<String> seen = new ArrayList<>();
            // Read-only until the visitor writes: the snapshot under the cursor is retired, not closed.
            kv.scan("t", new byte[0], (k, v) -> {
                seen.add(s(k));
                if (s(k).equals("a")) {
                    kv.put("t", b("d"), b("written during scan"));
                    kv.delete("t", b("e"));
                    assertEquals(List.of("a=a", "c=c", "d=written during scan"), scan(scope, "t", ""));
                    assertEquals("c", s(kv.get("t", b("c"))));
                }
                return true;
            });
            assertEquals(List.of("a", "c", "d"), seen, "writes ahead of the scan are seen, deletes too");
            scope.commit();
        }
        assertEquals(List.of("a=a", "c=c", "d=written during scan"), scan(storage, "t", ""));
    }

    @Test
    void closingFromInsideAVisitorEndsTheScanSafely() {
        for (String k : List.of("a", "b", "c")) {
            put(storage, "t", k, k);
        }
        StepScope scope = storage.openStep();
        List<String> seen = new ArrayList<>();
        scope.keyValue().scan("t", new byte[0], (k, v) -> {
            seen.add(s(k));
            scope.close();
            return true;
        });
        assertEquals(List.of("a"), seen);
        assertEquals(0, storage.openScopes());
        StepScope other = storage.openStep();
        assertThrows(IllegalStateException.class, () -> other.keyValue().scan("t", new byte[0], (k, v) -> {
            other.commit();
            return true;
        }));
        other.close();
        assertEquals(0, storage.openScopes());
    }
}
