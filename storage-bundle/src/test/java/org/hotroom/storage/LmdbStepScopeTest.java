package org.hotroom.storage;

import static org.hotroom.storage.Stores.b;
import static org.hotroom.storage.Stores.get;
import static org.hotroom.storage.Stores.put;
import static org.hotroom.storage.Stores.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotroom.api.storage.StreamListener;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.StepStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's transaction semantics: visibility, atomicity, snapshots, own writes, lifecycle. */
class LmdbStepScopeTest {

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

    /** What the shell does: run the step, commit if it returned, always close. */
    private void runStep(java.util.function.Consumer<StepStorage> step) {
        try (StepScope scope = storage.openStep()) {
            step.accept(scope);
            scope.commit();
        }
    }

    @Test
    void committedWritesAreVisibleToLaterScopes() {
        runStep(st -> {
            st.keyValue().put("t", b("k1"), b("v1"));
            st.keyValue().put("t", b("k2"), b("v2"));
        });
        assertEquals("v1", get(storage, "t", "k1"));
        assertEquals("v2", get(storage, "t", "k2"));
        assertNull(get(storage, "t", "k3"));
        assertNull(get(storage, "other", "k1"));
    }

    @Test
    void writesOfAScopeClosedWithoutCommitAreDiscarded() {
        try (StepScope scope = storage.openStep()) {
            scope.keyValue().put("t", b("k"), b("v"));
            scope.streams().advance("s");
        }
        assertNull(get(storage, "t", "k"));
        assertEquals(0, storage.position("s"));
        assertFalse(storage.writeLock().isHeld());
        assertEquals(0, storage.openScopes());
    }

    @Test
    void aStepThatThrowsLeavesNothing() {
        put(storage, "t", "before", "old");
        RuntimeException boom = new RuntimeException("step failed");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> runStep(st -> {
            st.keyValue().put("t", b("k"), b("v"));
            st.keyValue().put("t", b("before"), b("new"));
            assertTrue(st.keyValue().delete("t", b("before")));
            st.streams().advance("s");
            throw boom;
        }));
        assertTrue(thrown == boom);
        assertNull(get(storage, "t", "k"));
        assertEquals("old", get(storage, "t", "before"));
        assertEquals(0, storage.position("s"));
        assertFalse(storage.writeLock().isHeld());
    }

    @Test
    void aReadScopeKeepsItsSnapshot() {
        put(storage, "t", "k", "v1");
        try (StepScope reader = storage.openStep()) {
            assertEquals("v1", s(reader.keyValue().get("t", b("k"))));
            put(storage, "t", "k", "v2");
            put(storage, "t", "new", "x");
            assertEquals("v1", s(reader.keyValue().get("t", b("k"))));
            assertNull(reader.keyValue().get("t", b("new")), "the snapshot predates the key");
            assertEquals(java.util.List.of("k=v1"), Stores.scan(reader, "t", ""));
        }
        assertEquals("v2", get(storage, "t", "k"));
    }

    @Test
    void afterBeginWriteReadsSeeTheLatestCommitAndOwnWrites() {
        put(storage, "t", "k", "v1");
        try (StepScope scope = storage.openStep()) {
            KeyValue kv = scope.keyValue();
            assertEquals("v1", s(kv.get("t", b("k"))));
            put(storage, "t", "k", "v2"); // another step commits meanwhile
            assertEquals("v1", s(kv.get("t", b("k"))), "still on the snapshot");
            scope.beginWrite();
            assertEquals("v2", s(kv.get("t", b("k"))), "the write lock brings the latest commit");
            kv.put("t", b("k"), b("v3"));
            assertEquals("v3", s(kv.get("t", b("k"))));
            assertEquals("v2", get(storage, "t", "k"), "others do not see uncommitted writes");
            assertTrue(kv.delete("t", b("k")));
            assertNull(kv.get("t", b("k")));
            assertFalse(kv.delete("t", b("k")));
            kv.put("t", b("k"), b("v4"));
            scope.commit();
        }
        assertEquals("v4", get(storage, "t", "k"));
    }

    @Test
    void aFirstWriteAlsoMovesReadsToTheLatestCommit() {
        put(storage, "t", "k", "v1");
        try (StepScope scope = storage.openStep()) {
            assertEquals("v1", s(scope.keyValue().get("t", b("k"))));
            put(storage, "t", "k", "v2");
            scope.keyValue().put("t", b("other"), b("x"));
            assertEquals("v2", s(scope.keyValue().get("t", b("k"))));
        }
    }

    @Test
    void deleteReportsPresenceAsTheStepSeesIt() {
        put(storage, "t", "k", "v");
        try (StepScope scope = storage.openStep()) {
            KeyValue kv = scope.keyValue();
            assertFalse(kv.delete("t", b("absent")));
            assertTrue(kv.delete("t", b("k")));
            assertFalse(kv.delete("t", b("k")));
            kv.put("t", b("mine"), b("m"));
            assertTrue(kv.delete("t", b("mine")));
            scope.commit();
        }
        assertNull(get(storage, "t", "k"));
        assertNull(get(storage, "t", "mine"));
    }

    @Test
    void arraysAreCopiedBothWays() {
        byte[] key = b("k");
        byte[] value = b("value");
        try (StepScope scope = storage.openStep()) {
            scope.keyValue().put("t", key, value);
            key[0] = 'X';
            value[0] = 'X';
            byte[] read = scope.keyValue().get("t", b("k"));
            assertEquals("value", s(read));
            read[0] = 'Y';
            assertEquals("value", s(scope.keyValue().get("t", b("k"))));
            scope.commit();
        }
        try (StepScope scope = storage.openStep()) {
            byte[] read = scope.keyValue().get("t", b("k"));
            read[0] = 'Y';
            assertEquals("value", s(scope.keyValue().get("t", b("k"))));
        }
    }

    @Test
    void emptyAndLargeValuesRoundTrip() {
        byte[] large = new byte[3 << 20];
        Arrays.fill(large, (byte) 7);
        large[large.length - 1] = 9;
        try (StepScope scope = storage.openStep()) {
            scope.keyValue().put("t", b("empty"), new byte[0]);
            scope.keyValue().put("t", b("large"), large);
            scope.keyValue().put("t", new byte[0], b("empty key"));
            scope.commit();
        }
        try (StepScope scope = storage.openStep()) {
            assertArrayEquals(new byte[0], scope.keyValue().get("t", b("empty")));
            assertArrayEquals(large, scope.keyValue().get("t", b("large")));
            assertEquals("empty key", s(scope.keyValue().get("t", new byte[0])));
        }
    }

    @Test
    void limitsAreEnforced() {
        try (StepScope scope = storage.openStep()) {
            KeyValue kv = scope.keyValue();
            kv.put("t", new byte[Keys.MAX_KEY], b("ok"));
            assertThrows(IllegalArgumentException.class, () -> kv.put("t", new byte[Keys.MAX_KEY + 1], b("v")));
            assertThrows(IllegalArgumentException.class, () -> kv.get("t", new byte[Keys.MAX_KEY + 1]));
            assertThrows(IllegalArgumentException.class, () -> kv.put("", b("k"), b("v")));
            assertThrows(IllegalArgumentException.class, () -> kv.put("a b", b("k"), b("v")));
            assertThrows(IllegalArgumentException.class, () -> kv.put("a\0", b("k"), b("v")));
            assertThrows(IllegalArgumentException.class, () -> kv.put("é", b("k"), b("v")));
            assertThrows(IllegalArgumentException.class, () -> kv.put("x".repeat(Keys.MAX_TABLE_NAME + 1), b("k"), b("v")));
            assertThrows(NullPointerException.class, () -> kv.put("t", b("k"), null));
            kv.put("x".repeat(Keys.MAX_TABLE_NAME), new byte[Keys.MAX_KEY], b("longest"));
            scope.commit();
        }
        try (StepScope scope = storage.openStep()) {
            assertEquals("longest", s(scope.keyValue().get("x".repeat(Keys.MAX_TABLE_NAME), new byte[Keys.MAX_KEY])));
        }
    }

    @Test
    void aCommitWithoutWritesIsANoOpAndReleasesTheLock() {
        try (StepScope scope = storage.openStep()) {
            scope.keyValue().get("t", b("k"));
            scope.commit();
        }
        try (StepScope scope = storage.openStep()) {
            scope.beginWrite();
            scope.beginWrite(); // idempotent
            assertTrue(storage.writeLock().isHeld());
            scope.commit();
            assertFalse(storage.writeLock().isHeld(), "commit releases the lock, not only close");
        }
    }

    @Test
    void lifecycleIsStrictAndCloseIsIdempotent() {
        StepScope scope = storage.openStep();
        scope.keyValue().put("t", b("k"), b("v"));
        scope.commit();
        assertThrows(IllegalStateException.class, scope::commit);
        assertThrows(IllegalStateException.class, () -> scope.keyValue().get("t", b("k")));
        assertThrows(IllegalStateException.class, () -> scope.keyValue().put("t", b("k"), b("v")));
        assertThrows(IllegalStateException.class, () -> scope.streams().advance("s"));
        scope.close();
        scope.close();
        assertEquals(0, storage.openScopes());
        assertEquals("v", get(storage, "t", "k"));

        StepScope unused = storage.openStep();
        unused.close();
        unused.close();
        assertThrows(IllegalStateException.class, unused::beginWrite);
        assertEquals(0, storage.openScopes());
    }

    @Test
    void discardDropsTheStepsWritesKeepsTheLockAndTheStepGoesOn() {
        put(storage, "t", "kept", "old");
        put(storage, "t", "gone", "old");
        runStep(st -> st.streams().advance("s"));
        List<String> heard = new ArrayList<>();
        StreamListener listener = (stream, position) -> heard.add(stream + "@" + position);
        storage.addStreamListener(listener);
        AtomicInteger actions = new AtomicInteger();
        try (LmdbStepScope scope = storage.openStep()) {
            assertEquals("old", s(scope.keyValue().get("t", b("kept")))); // a snapshot from before the lock
            put(storage, "t", "other", "committed meanwhile");
            scope.keyValue().put("t", b("kept"), b("new"));
            assertTrue(scope.keyValue().delete("t", b("gone")));
            scope.keyValue().put("t", b("fresh"), b("x"));
            assertEquals(2, scope.streams().advance("s"));
            assertEquals(3, scope.streams().advance("s2") + 2);
            scope.tx().put(Db.KH_CHUNK, b("raw"), b("r"));
            scope.tx().afterCommit(actions::incrementAndGet);
            scope.tx().beforeCommit(actions::incrementAndGet);

            scope.discard();
            assertTrue(storage.writeLock().isHeld(), "the writer lock stays with the step");
            assertEquals("old", s(scope.keyValue().get("t", b("kept"))));
            assertEquals("old", s(scope.keyValue().get("t", b("gone"))));
            assertNull(scope.keyValue().get("t", b("fresh")));
            assertEquals("committed meanwhile", s(scope.keyValue().get("t", b("other"))), "reads see the latest commit");
            assertEquals(List.of("gone=old", "kept=old", "other=committed meanwhile"), Stores.scan(scope, "t", ""));
            assertEquals(1, scope.streams().position("s"));
            assertEquals(0, scope.streams().position("s2"));
            assertNull(scope.tx().get(Db.KH_CHUNK, b("raw")));

            scope.keyValue().put("t", b("later"), b("y"));
            assertEquals(2, scope.streams().advance("s"));
            scope.discard();
            scope.discard(); // twice is fine
            scope.keyValue().put("t", b("last"), b("z"));
            assertEquals(2, scope.streams().advance("s"));
            scope.commit();
        }
        storage.removeStreamListener(listener);
        assertEquals(0, actions.get(), "discarded actions never run");
        assertEquals(List.of("gone=old", "kept=old", "last=z", "other=committed meanwhile"), Stores.scan(storage, "t", ""));
        assertEquals(2, storage.position("s"));
        assertEquals(0, storage.position("s2"));
        assertEquals(List.of("s@2"), heard);
        assertFalse(storage.writeLock().isHeld());
    }

    @Test
    void discardWithoutWritesKeepsTheSnapshotAndDiscardAfterTheEndIsRefused() {
        put(storage, "t", "k", "v1");
        try (LmdbStepScope scope = storage.openStep()) {
            assertEquals("v1", s(scope.keyValue().get("t", b("k"))));
            put(storage, "t", "k", "v2");
            scope.discard();
            assertFalse(storage.writeLock().isHeld(), "a reading step does not take the lock by discarding");
            assertEquals("v1", s(scope.keyValue().get("t", b("k"))), "nothing was written: the snapshot stays");
            scope.keyValue().scan("t", b(""), (k, v) -> {
                assertThrows(IllegalStateException.class, scope::discard, "not from inside a scan");
                return true;
            });
            scope.commit();
            assertThrows(IllegalStateException.class, scope::discard);
        }
    }

    @Test
    void aScopeMayMoveBetweenThreads() throws Exception {
        put(storage, "t", "k", "v1");
        StepScope scope = storage.openStep();
        assertEquals("v1", s(scope.keyValue().get("t", b("k")))); // read txn begun here
        Thread writer = new Thread(() -> scope.keyValue().put("t", b("k"), b("v2"))); // lock taken there
        writer.start();
        writer.join();
        Thread committer = new Thread(scope::commit);
        committer.start();
        committer.join();
        Thread closer = new Thread(scope::close);
        closer.start();
        closer.join();
        assertFalse(storage.writeLock().isHeld());
        assertEquals("v2", get(storage, "t", "k"));
        put(storage, "t", "k", "v3"); // the writer lock really is free again
        assertEquals("v3", get(storage, "t", "k"));
    }
}
