package org.hotroom.storage;

import static org.hotroom.storage.Stores.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.StreamListener;
import org.hotroom.api.storage.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream positions in a step, committed positions, and listeners. */
class LmdbStepScopeStreamsTest {

    @TempDir
    Path dir;

    LmdbStorage storage;
    final List<String> heard = new CopyOnWriteArrayList<>();
    final StreamListener listener = (stream, position) -> heard.add(stream + "@" + position);

    @BeforeEach
    void open() {
        storage = Stores.open(dir);
        storage.addStreamListener(listener);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void advanceIsSeenByTheStepAndCommittedAtCommit() {
        assertEquals(0, storage.position("events"));
        try (StepScope scope = storage.openStep()) {
            Streams st = scope.streams();
            assertEquals(0, st.position("events"));
            assertEquals(1, st.advance("events"));
            assertEquals(2, st.advance("events"));
            assertEquals(1, st.advance("typing"));
            assertEquals(2, st.position("events"));
            assertEquals(0, storage.position("events"), "not committed yet");
            assertEquals(List.of(), heard, "no listener before commit");
            scope.commit();
            assertEquals(List.of("events@2", "typing@1"), heard, "once per stream, final position");
        }
        assertEquals(2, storage.position("events"));
        assertEquals(1, storage.position("typing"));
        try (StepScope scope = storage.openStep()) {
            assertEquals(2, scope.streams().position("events"));
            assertEquals(3, scope.streams().advance("events"));
            scope.commit();
        }
        assertEquals(3, storage.position("events"));
        assertEquals(List.of("events@2", "typing@1", "events@3"), heard);
    }

    @Test
    void abortedStepsMoveNothingAndTellNoOne() {
        try (StepScope scope = storage.openStep()) {
            scope.streams().advance("events");
            scope.keyValue().put("t", b("k"), b("v"));
        }
        assertEquals(0, storage.position("events"));
        assertEquals(List.of(), heard);
        try (StepScope scope = storage.openStep()) {
            assertEquals(0, scope.streams().position("events"));
        }
    }

    @Test
    void stepsWithoutAdvancesTellNoOne() {
        try (StepScope scope = storage.openStep()) {
            scope.keyValue().put("t", b("k"), b("v"));
            scope.commit();
        }
        assertEquals(List.of(), heard);
    }

    @Test
    void aReadScopeSeesItsSnapshotsPosition() {
        try (StepScope first = storage.openStep()) {
            first.streams().advance("s");
            first.commit();
        }
        try (StepScope reader = storage.openStep()) {
            assertEquals(1, reader.streams().position("s"));
            try (StepScope writer = storage.openStep()) {
                writer.streams().advance("s");
                writer.commit();
            }
            assertEquals(1, reader.streams().position("s"), "snapshot");
            assertEquals(2, storage.position("s"), "committed");
            reader.beginWrite();
            assertEquals(2, reader.streams().position("s"), "latest once writing");
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakTheCommitOrOtherListeners() {
        storage.addStreamListener((s, p) -> {
            throw new IllegalStateException("bad listener (expected in this test)");
        });
        List<Long> second = new CopyOnWriteArrayList<>();
        storage.addStreamListener((s, p) -> second.add(p));
        // The failure is logged with its stack trace; keep the build output quiet.
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(StreamPositions.class.getName());
        java.util.logging.Level was = log.getLevel();
        log.setLevel(java.util.logging.Level.OFF);
        try (StepScope scope = storage.openStep()) {
            scope.streams().advance("s");
            scope.commit();
        } finally {
            log.setLevel(was);
        }
        assertEquals(1, storage.position("s"));
        assertEquals(List.of("s@1"), heard);
        assertEquals(List.of(1L), second);
    }

    @Test
    void removedListenersHearNothing() {
        storage.removeStreamListener(listener);
        try (StepScope scope = storage.openStep()) {
            scope.streams().advance("s");
            scope.commit();
        }
        assertEquals(List.of(), heard);
    }

    @Test
    void aListenerMayOpenAStepOfItsOwn() {
        storage.addStreamListener((s, p) -> {
            if (s.equals("outer")) {
                try (StepScope scope = storage.openStep()) {
                    scope.streams().advance("inner");
                    scope.commit();
                }
            }
        });
        try (StepScope scope = storage.openStep()) {
            scope.streams().advance("outer");
            scope.commit();
        }
        assertEquals(1, storage.position("inner"));
        assertEquals(List.of("outer@1", "inner@1"), heard);
    }

    @Test
    void streamNamesAreChecked() {
        try (StepScope scope = storage.openStep()) {
            assertThrows(IllegalArgumentException.class, () -> scope.streams().advance(""));
            assertThrows(IllegalArgumentException.class, () -> scope.streams().position("x".repeat(Keys.MAX_STREAM_NAME + 1)));
            assertEquals(1, scope.streams().advance("room:!abc:example.org/événements"));
            scope.commit();
        }
        assertEquals(1, storage.position("room:!abc:example.org/événements"));
        assertThrows(IllegalArgumentException.class, () -> storage.position(""));
    }
}
