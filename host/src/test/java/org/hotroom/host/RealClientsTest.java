package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end flow with real Matrix clients against a real hotroom on loopback:
 * matrix-js-sdk 37.5.0 under Node.js ({@code src/test/e2e/js/flow.mjs}) and Debian's matrix-nio
 * under {@code /usr/bin/python3} ({@code src/test/e2e/python/flow.py}). Two users register and
 * log in; one creates a room and sets its topic; the other is invited and joins; they exchange
 * messages, each seen through {@code /sync}; the history is paginated back to
 * {@code m.room.create}; a kick and a ban are enforced.
 *
 * <p>The build installs both clients before the tests ({@code src/test/e2e/install.sh}, run by
 * the host pom). A client that could not be installed fails its test with the reason; it is never
 * skipped.
 */
class RealClientsTest extends ServerTestBase {

    static final Path E2E = Path.of(System.getProperty("e2e.dir", "src/test/e2e"));
    static final long FLOW_TIMEOUT_S = 240;

    @Test
    void matrixJsSdk() throws Exception {
        requireInstalled("matrix-js-sdk", E2E.resolve("js/node_modules/matrix-js-sdk/package.json"));
        JsonNode r = runFlow(List.of("node", "flow.mjs", baseUrl()), E2E.resolve("js"), "matrix-js-sdk");
        assertEquals("37.5.0", r.path("version").asText(), r.toString());
        assertCommon(r);
    }

    @Test
    void matrixNio() throws Exception {
        requireInstalled("matrix-nio", null);
        JsonNode r = runFlow(List.of("/usr/bin/python3", "flow.py", baseUrl()), E2E.resolve("python"), "matrix-nio");
        assertCommon(r);
        // a long-poll woke for a new message (one sample, timed from the send: loosely, on a shared 2-core machine)
        double wake = r.path("longpoll_wake_ms").asDouble(-1);
        assertTrue(wake >= 0 && wake < 2000, "long-poll wake " + wake + " ms: " + r);
    }

    private static void assertCommon(JsonNode r) {
        assertEquals(2, r.path("users").size(), r.toString());
        assertTrue(r.path("room_id").asText().startsWith("!"), r.toString());
        assertTrue(r.path("topic_seen").asBoolean(), r.toString());
        assertTrue(r.path("messages_seen").asInt() >= 4, r.toString());
        assertTrue(r.path("create_reached").asBoolean(), r.toString());
        assertTrue(r.path("history_pages").asInt() >= 2, r.toString());
        for (String f : List.of("send", "join")) {
            assertEquals("403 M_FORBIDDEN", r.path("kick_enforced").path(f).asText(), r.toString());
            assertEquals("403 M_FORBIDDEN", r.path("ban_enforced").path(f).asText(), r.toString());
        }
        assertEquals("403 M_FORBIDDEN", r.path("ban_enforced").path("invite").asText(), r.toString());
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.clientPort();
    }

    /** Fails with the install script's reason when the client is missing. */
    static void requireInstalled(String client, Path marker) throws IOException {
        Path status = Path.of(System.getProperty("e2e.install_status", "target/e2e-install.txt"));
        List<String> problems = new ArrayList<>();
        if (Files.exists(status)) {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith(client + ":")) {
                    problems.add(line);
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(client + " is not installed, so the end-to-end flow cannot run: " + String.join("; ", problems));
        }
        if (marker != null && !Files.exists(marker)) {
            fail(client + " is not installed (" + marker + " is missing); the build installs it with"
                    + " src/test/e2e/install.sh before the tests (see README.md, 'Test it')");
        }
    }

    /** Runs one client program and returns its JSON line; fails with its stderr otherwise. */
    static JsonNode runFlow(List<String> command, Path dir, String client) throws Exception {
        Path out = Files.createTempFile("e2e-" + client, ".out");
        Path err = Files.createTempFile("e2e-" + client, ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                fail(client + ": cannot run " + command.get(0) + " (" + e.getMessage() + "); "
                        + (client.equals("matrix-nio") ? "Debian's python3-matrix-nio needs /usr/bin/python3"
                        : "Node.js 20 or newer is needed on PATH"));
                return null;
            }
            if (!p.waitFor(FLOW_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(client + " flow did not finish in " + FLOW_TIMEOUT_S + " s: " + tail(err));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                fail(client + " flow exited " + p.exitValue() + ": " + tail(err));
            }
            String[] lines = stdout.split("\n");
            String last = lines[lines.length - 1];
            JsonNode r = JSON.readTree(last);
            if (r == null || !r.isObject()) {
                fail(client + " flow printed no JSON line; stdout: " + stdout);
            }
            System.out.println(client + " flow: " + last);
            return r;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The program's own failure line first (the SDK may log after it), then the end of its stderr. */
    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String verdict = lines.stream().filter(l -> l.contains(" flow failed at step ")).findFirst().orElse("");
        return verdict + "\n--- stderr ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
