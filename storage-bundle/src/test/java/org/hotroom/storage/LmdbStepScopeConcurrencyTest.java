package org.hotroom.storage;

import static org.hotroom.storage.Stores.b;
import static org.hotroom.storage.Stores.get;
import static org.hotroom.storage.Stores.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hotroom.api.storage.StepScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many readers and one writer at a time, across threads. */
@Timeout(30)
class LmdbStepScopeConcurrencyTest {

    @TempDir
    Path dir;

    LmdbStorage storage;
    ExecutorService pool;

    @BeforeEach
    void open() {
        storage = Stores.open(dir);
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        storage.close();
    }

    @Test
    void readersSeeConsistentSnapshotsWhileOneWriterCommits() throws Exception {
        int commits = 300;
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(pool.submit(() -> {
                long lastSeen = 0;
                while (!done.get()) {
                    try (StepScope scope = storage.openStep()) {
                        String x = s(scope.keyValue().get("t", b("x")));
                        long pos = scope.streams().position("s");
                        String y = s(scope.keyValue().get("t", b("y")));
                        long n = x == null ? 0 : Long.parseLong(x);
                        assertEquals(x, y, "x and y are always committed together");
                        assertEquals(n, pos, "the stream moves with them");
                        assertTrue(n >= lastSeen, "snapshots never go back");
                        lastSeen = n;
                        reads.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Future<?> writer = pool.submit(() -> {
            for (int i = 1; i <= commits; i++) {
                try (StepScope scope = storage.openStep()) {
                    scope.keyValue().put("t", b("x"), b(Long.toString(i)));
                    assertEquals(i, scope.streams().advance("s"));
                    scope.keyValue().put("t", b("y"), b(Long.toString(i)));
                    scope.commit();
                }
            }
            return null;
        });
        try {
            writer.get(20, TimeUnit.SECONDS);
        } finally {
            done.set(true);
        }
        for (Future<?> r : readers) {
            r.get(10, TimeUnit.SECONDS);
        }
        assertEquals(commits, storage.position("s"));
        assertTrue(reads.get() > 0);
        assertEquals(0, storage.openScopes());
    }

    @Test
    void aSecondWriterWaitsUntilTheFirstIsDone() throws Exception {
        StepScope first = storage.openStep();
        first.keyValue().put("t", b("k"), b("first"));

        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gotLock = new CountDownLatch(1);
        Future<String> second = pool.submit(() -> {
            try (StepScope scope = storage.openStep()) {
                started.countDown();
                scope.beginWrite();
                gotLock.countDown();
                String seen = s(scope.keyValue().get("t", b("k")));
                scope.keyValue().put("t", b("k"), b("second"));
                scope.commit();
                return seen;
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertFalse(gotLock.await(300, TimeUnit.MILLISECONDS), "the second writer must block");
        first.commit();
        assertTrue(gotLock.await(5, TimeUnit.SECONDS), "and proceed once the first commits");
        assertEquals("first", second.get(5, TimeUnit.SECONDS), "it sees the first writer's commit");
        first.close();
        assertEquals("second", get(storage, "t", "k"));
    }

    @Test
    void closingWithoutCommitAlsoLetsTheNextWriterIn() throws Exception {
        StepScope first = storage.openStep();
        first.beginWrite();
        Future<?> second = pool.submit(() -> {
            try (StepScope scope = storage.openStep()) {
                scope.keyValue().put("t", b("k"), b("second"));
                scope.commit();
            }
            return null;
        });
        Thread.sleep(100);
        assertFalse(second.isDone());
        first.close();
        second.get(5, TimeUnit.SECONDS);
        assertEquals("second", get(storage, "t", "k"));
    }

    @Test
    void manyReadScopesAtOnce() throws Exception {
        Stores.put(storage, "t", "k", "v");
        int n = 300; // more than LMDB's default of 126 reader slots
        List<StepScope> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                StepScope scope = storage.openStep();
                open.add(scope);
                assertEquals("v", s(scope.keyValue().get("t", b("k"))));
            }
            // and from other threads, at the same time
            CountDownLatch all = new CountDownLatch(8);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> {
                    try (StepScope scope = storage.openStep()) {
                        assertEquals("v", s(scope.keyValue().get("t", b("k"))));
                        all.countDown();
                        assertTrue(all.await(10, TimeUnit.SECONDS));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            open.forEach(StepScope::close);
        }
        assertEquals(0, storage.openScopes());
    }
}
