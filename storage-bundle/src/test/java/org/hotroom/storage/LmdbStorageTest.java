package org.hotroom.storage;

import static org.hotroom.storage.Stores.b;
import static org.hotroom.storage.Stores.get;
import static org.hotroom.storage.Stores.put;
import static org.hotroom.storage.Stores.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.StorageException;
import org.hotroom.api.storage.StorageFullException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as a whole: persistence across reopen, a full map, and its own lifecycle. */
class LmdbStorageTest {

    @TempDir
    Path dir;

    @Test
    void dataAndStreamPositionsSurviveReopen() {
        try (LmdbStorage storage = LmdbStorage.open(dir, Stores.MAP_64_MB, true)) {
            put(storage, "t", "k", "v");
            try (StepScope scope = storage.openStep()) {
                scope.streams().advance("events");
                scope.streams().advance("events");
                scope.streams().advance("receipts");
                scope.commit();
            }
        }
        try (LmdbStorage storage = Stores.open(dir)) {
            assertEquals("v", get(storage, "t", "k"));
            assertEquals(2, storage.position("events"), "committed positions are loaded at open");
            assertEquals(1, storage.position("receipts"));
            try (StepScope scope = storage.openStep()) {
                assertEquals(3, scope.streams().advance("events"));
                scope.commit();
            }
        }
        try (LmdbStorage storage = Stores.open(dir)) {
            assertEquals(3, storage.position("events"));
        }
    }

    @Test
    void openCreatesTheDirectory() {
        Path nested = dir.resolve("a/b/c");
        try (LmdbStorage storage = Stores.open(nested)) {
            put(storage, "t", "k", "v");
        }
        assertTrue(Files.isRegularFile(nested.resolve("data.mdb")));
    }

    @Test
    void aFullMapFailsTheStepAloneAndTheStoreStaysUsable() {
        byte[] chunk = new byte[4096];
        List<Integer> committed = new ArrayList<>();
        try (LmdbStorage storage = LmdbStorage.open(dir, 1L << 20, false)) {
            StorageFullException full = null;
            int step = 0;
            for (; step < 1000 && full == null; step++) {
                try (StepScope scope = storage.openStep()) {
                    for (int i = 0; i < 16; i++) {
                        chunk[0] = (byte) i;
                        scope.keyValue().put("big", b(step + "/" + i), chunk);
                    }
                    scope.streams().advance("s");
                    scope.commit();
                    committed.add(step);
                } catch (StorageFullException e) {
                    full = e;
                }
            }
            if (full == null) {
                fail("a 1 MiB map never filled up");
            }
            int failed = step - 1;
            assertTrue(full.getMessage().contains("map is full"), full.getMessage());
            assertTrue(committed.size() > 5, "several 64 KiB steps fit before the map is full");
            assertFalse(storage.writeLock().isHeld(), "the failed step let go of the lock");
            assertEquals(0, storage.openScopes());

            // nothing of the failed step, everything of the others
            assertEquals(committed.size(), storage.position("s"));
            try (StepScope scope = storage.openStep()) {
                for (int i = 0; i < 16; i++) {
                    assertNull(scope.keyValue().get("big", b(failed + "/" + i)));
                }
                for (int c : committed) {
                    for (int i = 0; i < 16; i++) {
                        byte[] v = scope.keyValue().get("big", b(c + "/" + i));
                        assertEquals(4096, v.length);
                        assertEquals(i, v[0]);
                    }
                }
                assertEquals(committed.size(), scope.streams().position("s"));
            }

            // freeing space makes room for new writes
            try (StepScope scope = storage.openStep()) {
                for (int c : committed.subList(0, committed.size() / 2)) {
                    for (int i = 0; i < 16; i++) {
                        assertTrue(scope.keyValue().delete("big", b(c + "/" + i)));
                    }
                }
                scope.commit();
            }
            put(storage, "small", "k", "fits again");
            assertEquals("fits again", get(storage, "small", "k"));
        }
    }

    @Test
    void openStepFailsOnceClosedAndCloseIsIdempotent() {
        LmdbStorage storage = Stores.open(dir);
        storage.close();
        storage.close();
        StorageException e = assertThrows(StorageException.class, storage::openStep);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        new LmdbStorage().close(); // never activated
        assertThrows(StorageException.class, new LmdbStorage()::openStep);
    }

    @Test
    void closeWaitsForOpenScopes() throws Exception {
        LmdbStorage storage = Stores.open(dir);
        StepScope scope = storage.openStep();
        scope.keyValue().put("t", b("k"), b("v"));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(storage::close);
        Thread.sleep(200);
        assertFalse(closing.isDone(), "close waits while a scope is open");
        assertThrows(StorageException.class, storage::openStep, "no new scopes while closing");
        assertEquals(null, s(scope.keyValue().get("t", b("absent"))), "the open scope still works");
        scope.commit();
        scope.close();
        closing.get(5, TimeUnit.SECONDS);
        try (LmdbStorage again = Stores.open(dir)) {
            assertEquals("v", get(again, "t", "k"));
        }
    }

    @Test
    void aBadDirectoryIsAStorageException() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThrows(StorageException.class, () -> Stores.open(file));
    }
}
