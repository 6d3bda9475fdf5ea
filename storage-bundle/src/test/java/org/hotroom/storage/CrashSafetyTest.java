package org.hotroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotroom.api.storage.StepScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process with SIGKILL in the middle of a stream of steps, restarts it, and checks
 * that every acknowledged step is complete and that nothing of a step that did not commit is
 * visible. Several rounds, each killed at a different moment, so some kills land mid-commit.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedStepsSurviveSigkillAndNoHalfStepIsVisible() throws Exception {
        long lastAck = 0;
        for (int round = 0; round < 4; round++) {
            Process writer = start();
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.US_ASCII));
            int acksThisRound = 0;
            int killAfter = 15 + round * 7;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ack ")) {
                    lastAck = Long.parseLong(line.substring(4));
                    if (++acksThisRound >= killAfter) {
                        break;
                    }
                }
            }
            assertTrue(acksThisRound >= killAfter, "writer stopped early in round " + round);
            // the writer is busy with its next step now: kill it without warning (SIGKILL)
            writer.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it keeps our pipes open
            assertTrue(writer.waitFor(20, TimeUnit.SECONDS));
            assertEquals(137, writer.exitValue(), "killed by SIGKILL");
            // acknowledgements the writer printed before it died are still in the pipe
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ack ")) {
                    lastAck = Long.parseLong(line.substring(4));
                }
            }
            verify(lastAck);
        }
    }

    private void verify(long lastAck) {
        try (LmdbStorage storage = LmdbStorage.open(dir, 512L << 20, true)) {
            long committed = storage.position("steps");
            // every acknowledged step committed; at most the one being acknowledged also did
            assertTrue(committed >= lastAck && committed <= lastAck + 1,
                    "stream at " + committed + " after ack " + lastAck);
            List<Long> stepsSeen = new ArrayList<>();
            try (StepScope scope = storage.openStep()) {
                scope.keyValue().scan("crash", new byte[0], (key, value) -> {
                    String k = new String(key, StandardCharsets.US_ASCII);
                    long step = Long.parseLong(k.substring(0, 10));
                    assertEquals(step, ByteBuffer.wrap(value).getLong(), "value of " + k);
                    assertEquals(CrashWriter.VALUE_BYTES, value.length);
                    if (stepsSeen.isEmpty() || stepsSeen.get(stepsSeen.size() - 1) != step) {
                        stepsSeen.add(step);
                    }
                    return true;
                });
                // steps 1..committed, each with all of its keys; nothing of any later step
                assertEquals(committed, stepsSeen.size(), "steps present");
                for (long s = 1; s <= committed; s++) {
                    assertEquals(s, stepsSeen.get((int) s - 1));
                    for (int k = 0; k < CrashWriter.KEYS; k++) {
                        assertTrue(scope.keyValue().get("crash", CrashWriter.key(s, k)) != null,
                                "step " + s + " key " + k + " missing");
                    }
                }
            }
        }
    }

    private Process start() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
