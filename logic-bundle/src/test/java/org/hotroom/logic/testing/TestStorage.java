package org.hotroom.logic.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hotroom.api.Exchange;
import org.hotroom.api.Logic;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.storage.LmdbStorage;

/**
 * A real store ({@link LmdbStorage}) in a temporary directory, driven the way the shell drives
 * it: one step scope per call, committed when the step returns normally, closed either way.
 *
 * <p>Stores are opened on first use. Tests make many servers (one per test method), so only the
 * {@value #KEEP_OPEN} most recent stores stay open; older ones are closed and deleted, and the
 * rest when the JVM exits.
 */
public final class TestStorage {

    /** Map size of a test store: small, since every test method may open one. */
    private static final long MAP_SIZE = 256L << 20;
    private static final int KEEP_OPEN = 8;
    private static final Deque<TestStorage> OPEN = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (OPEN) {
                while (!OPEN.isEmpty()) {
                    OPEN.removeFirst().shut();
                }
            }
        }, "test storage cleanup"));
    }

    private Path dir;
    private LmdbStorage lmdb;
    private int writes;

    /** Runs one step of {@code logic} on a fresh scope; commits it if the step returned. */
    public Outcome step(Logic logic, Exchange exchange) {
        TestStepStorage step = new TestStepStorage(store());
        try {
            Outcome out = logic.step(exchange, step);
            step.commit();
            writes += step.writes();
            return out;
        } finally {
            step.close();
        }
    }

    /** Committed writes (key-value puts and deletes, stream advances) so far. */
    public int writes() {
        return writes;
    }

    /** Entries in a key-value table. */
    public int size(String table) {
        return read(s -> {
            int[] n = {0};
            s.keyValue().scan(table, new byte[0], (k, v) -> {
                n[0]++;
                return true;
            });
            return n[0];
        });
    }

    /** The committed position of a stream. */
    public long position(String stream) {
        return store().position(stream);
    }

    /** Reads in a scope of its own (never committed). */
    public <T> T read(Function<StepStorage, T> reader) {
        TestStepStorage step = new TestStepStorage(store());
        try {
            return reader.apply(step);
        } finally {
            step.close();
        }
    }

    /** Writes in a scope of its own, committed at the end. */
    public void write(Consumer<StepStorage> writer) {
        TestStepStorage step = new TestStepStorage(store());
        try {
            writer.accept(step);
            step.commit();
            writes += step.writes();
        } finally {
            step.close();
        }
    }

    private LmdbStorage store() {
        if (lmdb == null) {
            try {
                dir = Files.createTempDirectory("hotroom-logic-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lmdb = LmdbStorage.open(dir, MAP_SIZE, false);
            synchronized (OPEN) {
                OPEN.addLast(this);
                while (OPEN.size() > KEEP_OPEN) {
                    OPEN.removeFirst().shut();
                }
            }
        }
        return lmdb;
    }

    private void shut() {
        if (lmdb != null) {
            lmdb.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
