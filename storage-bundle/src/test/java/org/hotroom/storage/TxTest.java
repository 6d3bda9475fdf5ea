package org.hotroom.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw databases as a step sees them: committed data merged with the step's own writes. */
class TxTest {

    @TempDir
    Path dir;

    LmdbStorage storage;

    @BeforeEach
    void open() {
        storage = Stores.open(dir);
        try (LmdbStepScope s = storage.openStep()) {
            for (String k : new String[] {"a1", "a3", "a5", "b1", "b3"}) {
                s.tx().put(Db.KH_CHUNK, b(k), b("c" + k));
            }
            s.commit();
        }
    }

    @AfterEach
    void close() {
        storage.close();
    }

    static byte[] b(String s) {
        return Stores.b(s);
    }

    static String s(ByteBuffer v) {
        byte[] out = new byte[v.remaining()];
        v.get(v.position(), out);
        return Stores.s(out);
    }

    static String s(Tx.Entry e) {
        return e == null ? null : Stores.s(e.key()) + "=" + s(e.value());
    }

    static List<String> scan(Tx tx, String from, String to) {
        List<String> out = new ArrayList<>();
        tx.scan(Db.KH_CHUNK, b(from), to == null ? null : b(to), (k, v) -> out.add(Stores.s(k) + "=" + s(v)));
        return out;
    }

    @Test
    void readsOfCommittedData() {
        try (LmdbStepScope s = storage.openStep()) {
            Tx tx = s.tx();
            assertEquals("ca3", s(tx.get(Db.KH_CHUNK, b("a3"))));
            assertNull(tx.get(Db.KH_CHUNK, b("a2")));
            assertNull(tx.get(Db.KH_BRANCH, b("a3")), "databases are separate");
            assertEquals("a3=ca3", s(tx.floor(Db.KH_CHUNK, b("a3"), 1)));
            assertEquals("a3=ca3", s(tx.floor(Db.KH_CHUNK, b("a4"), 1)));
            assertEquals("a5=ca5", s(tx.floor(Db.KH_CHUNK, b("a9"), 1)));
            assertNull(tx.floor(Db.KH_CHUNK, b("a0"), 1));
            assertNull(tx.floor(Db.KH_CHUNK, b("b0"), 1), "the prefix stops the search");
            assertEquals("a5=ca5", s(tx.floor(Db.KH_CHUNK, b("b0"), 0)));
            assertEquals("b3=cb3", s(tx.floor(Db.KH_CHUNK, b("z"), 0)));
            assertEquals("a5=ca5", s(tx.higher(Db.KH_CHUNK, b("a3"), 1)));
            assertNull(tx.higher(Db.KH_CHUNK, b("a5"), 1));
            assertEquals("b1=cb1", s(tx.higher(Db.KH_CHUNK, b("a5"), 0)));
            assertEquals("a1=ca1", s(tx.higher(Db.KH_CHUNK, b("a"), 1)));
            assertEquals(List.of("a3=ca3", "a5=ca5", "b1=cb1"), scan(tx, "a2", "b2"));
            assertEquals(List.of("b1=cb1", "b3=cb3"), scan(tx, "b", null));
            assertFalse(tx.pending(Db.KH_CHUNK, b("a3")));
        }
    }

    @Test
    void readsMergeTheStepsOwnWritesAndDeletes() {
        try (LmdbStepScope s = storage.openStep()) {
            Tx tx = s.tx();
            tx.put(Db.KH_CHUNK, b("a4"), b("new4"));
            tx.put(Db.KH_CHUNK, b("a3"), b("new3"));
            tx.delete(Db.KH_CHUNK, b("a5"));
            tx.delete(Db.KH_CHUNK, b("b1"));
            tx.put(Db.KH_CHUNK, b("a0"), b("new0"));
            assertTrue(tx.pending(Db.KH_CHUNK, b("a5")));
            assertNull(tx.get(Db.KH_CHUNK, b("a5")));
            assertEquals("new3", s(tx.get(Db.KH_CHUNK, b("a3"))));
            assertEquals("a4=new4", s(tx.floor(Db.KH_CHUNK, b("a9"), 1)), "a5 is deleted");
            assertEquals("a3=new3", s(tx.floor(Db.KH_CHUNK, b("a3"), 1)));
            assertEquals("a0=new0", s(tx.floor(Db.KH_CHUNK, b("a05"), 1)));
            assertNull(tx.higher(Db.KH_CHUNK, b("a4"), 1), "a5 is deleted");
            assertEquals("b3=cb3", s(tx.higher(Db.KH_CHUNK, b("a4"), 0)), "b1 is deleted");
            assertEquals("a3=new3", s(tx.higher(Db.KH_CHUNK, b("a1"), 1)));
            assertEquals(List.of("a0=new0", "a1=ca1", "a3=new3", "a4=new4", "b3=cb3"), scan(tx, "a", null));
            s.commit();
        }
        try (LmdbStepScope s = storage.openStep()) {
            assertEquals(List.of("a0=new0", "a1=ca1", "a3=new3", "a4=new4", "b3=cb3"), scan(s.tx(), "a", null));
        }
    }

    static List<String> scanDown(Tx tx, String below, String lowest) {
        List<String> out = new ArrayList<>();
        tx.scanDown(Db.KH_CHUNK, b(below), lowest == null ? null : b(lowest), (k, v) -> out.add(Stores.s(k) + "=" + s(v)));
        return out;
    }

    @Test
    void scansDownwardsMergeTheStepsWritesToo() {
        try (LmdbStepScope s = storage.openStep()) {
            Tx tx = s.tx();
            assertEquals(List.of("b3=cb3", "b1=cb1", "a5=ca5", "a3=ca3", "a1=ca1"), scanDown(tx, "z", null));
            assertEquals(List.of("a3=ca3", "a1=ca1"), scanDown(tx, "a5", "a"), "below is exclusive");
            assertEquals(List.of("a5=ca5", "a3=ca3"), scanDown(tx, "a6", "a3"), "lowest is inclusive");
            assertEquals(List.of(), scanDown(tx, "a1", null));
            assertEquals(List.of(), scanDown(tx, "a", null));
            assertEquals(List.of("a5=ca5", "a3=ca3", "a1=ca1"), scanDown(tx, "b", "a"));
            tx.put(Db.KH_CHUNK, b("a4"), b("new4"));
            tx.put(Db.KH_CHUNK, b("a3"), b("new3"));
            tx.delete(Db.KH_CHUNK, b("a5"));
            tx.put(Db.KH_CHUNK, b("c"), b("newc"));
            tx.put(Db.KH_CHUNK, b("0"), b("new0"));
            assertEquals(List.of("c=newc", "b3=cb3", "b1=cb1", "a4=new4", "a3=new3", "a1=ca1", "0=new0"),
                    scanDown(tx, "z", null));
            assertEquals(List.of("a4=new4", "a3=new3", "a1=ca1"), scanDown(tx, "b", "a"));
            List<String> seen = new ArrayList<>();
            tx.scanDown(Db.KH_CHUNK, b("b"), null, (k, v) -> {
                seen.add(Stores.s(k));
                if (Stores.s(k).equals("a4")) {
                    tx.put(Db.KH_CHUNK, b("a2"), b("x")); // ahead: seen
                    tx.delete(Db.KH_CHUNK, b("a1"));
                    tx.put(Db.KH_CHUNK, b("a45"), b("y")); // behind: not seen
                }
                return !Stores.s(k).equals("a2");
            });
            assertEquals(List.of("a4", "a3", "a2"), seen);
        }
    }

    @Test
    void viewsOfCommittedDataStayValidWhileTheStepReads() {
        try (LmdbStepScope s = storage.openStep()) {
            Tx tx = s.tx();
            ByteBuffer a1 = tx.get(Db.KH_CHUNK, b("a1"));
            ByteBuffer a3 = tx.get(Db.KH_CHUNK, b("a3"));
            Tx.Entry f = tx.floor(Db.KH_CHUNK, b("b2"), 0);
            List<ByteBuffer> seen = new ArrayList<>();
            tx.scan(Db.KH_CHUNK, b("a"), null, (k, v) -> seen.add(v));
            assertEquals("ca1", s(a1));
            assertEquals("ca3", s(a3));
            assertEquals("cb1", s(f.value()));
            assertEquals(5, seen.size());
            assertEquals("ca1", s(seen.get(0)));
            assertEquals("cb3", s(seen.get(4)));
            assertTrue(a1.isReadOnly());
        }
    }

    @Test
    void aVisitorMayWriteAndSeesItsWritesAhead() {
        try (LmdbStepScope s = storage.openStep()) {
            Tx tx = s.tx();
            tx.beginWrite();
            List<String> seen = new ArrayList<>();
            tx.scan(Db.KH_CHUNK, b("a"), b("b"), (k, v) -> {
                seen.add(Stores.s(k));
                if (Stores.s(k).equals("a1")) {
                    tx.put(Db.KH_CHUNK, b("a2"), b("x"));
                    tx.delete(Db.KH_CHUNK, b("a3"));
                }
                return true;
            });
            assertEquals(List.of("a1", "a2", "a5"), seen);
        }
    }

    @Test
    void afterCommitActionsRunOnlyAfterASuccessfulCommit() {
        AtomicInteger ran = new AtomicInteger();
        try (LmdbStepScope s = storage.openStep()) {
            s.tx().put(Db.KH_CHUNK, b("x"), b("y"));
            s.tx().afterCommit(ran::incrementAndGet);
        }
        assertEquals(0, ran.get(), "discarded");
        try (LmdbStepScope s = storage.openStep()) {
            s.tx().afterCommit(ran::incrementAndGet);
            s.commit(); // nothing written: still a successful commit
        }
        assertEquals(1, ran.get());
        try (LmdbStepScope s = storage.openStep()) {
            s.tx().put(Db.KH_CHUNK, b("x"), b("y"));
            s.tx().afterCommit(ran::incrementAndGet);
            s.tx().afterCommit(() -> {
                throw new RuntimeException("a failing action is logged, not thrown");
            });
            s.tx().afterCommit(ran::incrementAndGet);
            s.commit();
        }
        assertEquals(3, ran.get());
    }

    @Test
    void beforeCommitActionsRunInsideTheCommitAndAFailingOneFailsIt() {
        List<String> log = new ArrayList<>();
        try (LmdbStepScope s = storage.openStep()) {
            s.tx().put(Db.KH_CHUNK, b("x"), b("y"));
            s.tx().beforeCommit(() -> log.add("before"));
        }
        assertEquals(List.of(), log, "a step closed without commit runs none");
        try (LmdbStepScope s = storage.openStep()) {
            s.tx().beforeCommit(() -> log.add("before, nothing to commit"));
            s.commit();
        }
        assertEquals(List.of(), log, "nor one with nothing to commit");
        try (LmdbStepScope s = storage.openStep()) {
            s.tx().put(Db.KH_CHUNK, b("x"), b("y"));
            s.tx().beforeCommit(() -> {
                try (LmdbStepScope other = storage.openStep()) {
                    log.add("before: x is " + (other.tx().get(Db.KH_CHUNK, b("x")) == null ? "not yet stored" : "stored"));
                }
            });
            s.tx().afterCommit(() -> log.add("after"));
            s.commit();
        }
        assertEquals(List.of("before: x is not yet stored", "after"), log);
        log.clear();
        try (LmdbStepScope s = storage.openStep()) {
            s.tx().put(Db.KH_CHUNK, b("z"), b("y"));
            s.tx().beforeCommit(() -> {
                throw new IllegalStateException("no");
            });
            s.tx().afterCommit(() -> log.add("after"));
            assertThrows(IllegalStateException.class, s::commit);
            assertThrows(IllegalStateException.class, () -> s.tx().get(Db.KH_CHUNK, b("z")), "the scope has failed");
        }
        assertEquals(List.of(), log);
        assertFalse(storage.writeLock().isHeld());
        try (LmdbStepScope s = storage.openStep()) {
            assertNull(s.tx().get(Db.KH_CHUNK, b("z")), "nothing of the failed commit was written");
        }
    }

    @Test
    void keysAreChecked() {
        try (LmdbStepScope s = storage.openStep()) {
            Tx tx = s.tx();
            assertThrows(IllegalArgumentException.class, () -> tx.get(Db.KH_CHUNK, new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> tx.put(Db.KH_CHUNK, new byte[Tx.MAX_KEY + 1], b("v")));
            tx.put(Db.KH_CHUNK, new byte[Tx.MAX_KEY], b("v"));
            s.commit();
        }
        try (LmdbStepScope s = storage.openStep()) {
            assertEquals("v", s(s.tx().get(Db.KH_CHUNK, new byte[Tx.MAX_KEY])));
            s.close();
            assertThrows(IllegalStateException.class, () -> s.tx().get(Db.KH_CHUNK, b("a1")));
        }
    }

    @Test
    void pageAccountingCountsADatabasesPages() {
        long before = storage.bytes(Db.KH_CHUNK);
        try (LmdbStepScope s = storage.openStep()) {
            for (int i = 0; i < 2000; i++) {
                s.tx().put(Db.KH_CHUNK, Bytes.longBE(i), new byte[100]);
            }
            s.commit();
        }
        long after = storage.bytes(Db.KH_CHUNK);
        assertTrue(after >= before + 2000 * 100, before + " -> " + after);
        assertEquals(2005, storage.entries(Db.KH_CHUNK));
        assertArrayEquals(new byte[0], new byte[0]);
    }
}
