package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.hotroom.host.bench.LogicJars;
import org.junit.jupiter.api.Test;

/** What an operator does: rollback, the deploy directory, the command line, restarts. */
class OperationsTest extends ServerTestBase {

    @Test
    void rollbackReturnsToThePreviousGeneration() throws Exception {
        String original = serverVersion();
        assertEquals(200, admin("POST", "logic", LogicJars.withVariant(builtInLogic(), "next")).statusCode());
        assertTrue(serverVersion().contains("next"));

        HttpResponse<String> r = admin("POST", "logic/rollback", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("rollback", json(r).path("action").asText());
        assertEquals(original, serverVersion());

        // nothing before the first generation
        HttpResponse<String> none = admin("POST", "logic/rollback", null);
        assertEquals(409, none.statusCode(), none.body());
        assertEquals("ORG.HOTROOM_NO_PREVIOUS_GENERATION", json(none).path("errcode").asText());
        assertEquals(original, serverVersion());
    }

    @Test
    void aJarDroppedIntoTheDeployDirIsLoaded() throws Exception {
        Path deploy = server.config().deployDir();
        Path tmp = deploy.resolve("incoming.part");
        Files.write(tmp, LogicJars.withVariant(builtInLogic(), "dropped"));
        Files.move(tmp, deploy.resolve("logic-dropped.jar"), StandardCopyOption.ATOMIC_MOVE);
        waitFor(() -> serverVersion().contains("dropped"));
        waitFor(() -> Files.exists(deploy.resolve("loaded/logic-dropped.jar")));

        Files.write(deploy.resolve("broken.jar"), "nope".getBytes());
        waitFor(() -> Files.exists(deploy.resolve("failed/broken.jar.error.txt")));
        assertTrue(Files.readString(deploy.resolve("failed/broken.jar.error.txt")).contains("BAD_JAR"));
        assertTrue(serverVersion().contains("dropped"));
    }

    @Test
    void theReloadCommandFindsTheServerThroughItsConfigFile() throws Exception {
        Path config = data.resolve("hotroom.yaml");
        Files.writeString(config, "data_dir: \"" + server.config().dataDir() + "\"\n"
                + "listeners:\n  client: {bind: \"127.0.0.1\", port: " + server.clientPort() + "}\n");
        Path jar = data.resolve("variant.jar");
        Files.write(jar, LogicJars.withVariant(builtInLogic(), "from-cli"));

        Cli result = cli("reload", "--config", config.toString(), jar.toString());
        assertEquals(0, result.code, result.err);
        assertTrue(result.out.contains("from-cli"), result.out);
        assertTrue(serverVersion().contains("from-cli"));

        Cli status = cli("status", "--config", config.toString());
        assertEquals(0, status.code, status.err);
        assertTrue(status.out.contains("\"generations\""), status.out);

        Path bad = data.resolve("bad.jar");
        Files.writeString(bad, "bad");
        Cli refused = cli("reload", "--config", config.toString(), bad.toString());
        assertEquals(1, refused.code);
        assertTrue(refused.err.contains("ORG.HOTROOM_RELOAD_FAILED"), refused.err);
        assertTrue(serverVersion().contains("from-cli"));
    }

    @Test
    void aRestartKeepsTheAdminTokenAndTheLastReloadedLogic() throws Exception {
        String token = server.adminToken();
        assertEquals(200, admin("POST", "logic", LogicJars.withVariant(builtInLogic(), "persisted")).statusCode());
        int generation = server.generations().active().number();
        server.close();

        server = HotroomServer.start(testConfig(data, config()), HotroomServer.defaultBundlesDir());
        assertEquals(token, server.adminToken());
        assertTrue(serverVersion().contains("persisted"), serverVersion());
        assertEquals(generation, server.generations().active().number());
        JsonNode status = json(admin("GET", "logic", null));
        assertTrue(status.path("active").path("source").asText().contains("restart"), status.toString());
    }

    @Test
    void theFrameworkCacheIsScratchOutsideTheDataDirAndLeavesWithTheServer() throws Exception {
        java.nio.file.Path cache = server.frameworkCacheDir();
        assertTrue(java.nio.file.Files.isDirectory(cache), cache.toString());
        if (java.nio.file.Files.isWritable(java.nio.file.Path.of("/dev/shm"))) {
            // in memory: a reload's bundle install never waits behind the data disk's journal
            assertFalse(cache.startsWith(data), cache + " is in the data dir");
            assertEquals(200, admin("POST", "logic", LogicJars.withVariant(builtInLogic(), "cached")).statusCode());
            server.close();
            assertFalse(java.nio.file.Files.exists(cache), "the cache outlived its server");
            server = HotroomServer.start(testConfig(data, config()), HotroomServer.defaultBundlesDir());
            assertEquals(cache, server.frameworkCacheDir());
            assertTrue(serverVersion().contains("cached"), "the reloaded logic came back from the data dir");
        } else {
            assertEquals(data.resolve("felix-cache"), cache);
        }
    }

    @Test
    void aReloadThatCannotBeStoredServesAndSaysSoButARestartDoesNotComeBackToIt() throws Exception {
        java.nio.file.Path logicDir = data.resolve("logic");
        int next;
        try (var files = java.nio.file.Files.list(logicDir)) {
            next = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("gen-\\d+\\.jar"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4, n.length() - 4))).max().orElse(0) + 1;
        }
        // the jar is written through gen-N.jar.tmp; a directory in its place makes the write fail
        java.nio.file.Files.createDirectory(logicDir.resolve("gen-" + next + ".jar.tmp"));
        String before = serverVersion();
        HttpResponse<String> r = admin("POST", "logic", LogicJars.withVariant(builtInLogic(), "unstored"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = json(r);
        assertTrue(answer.path("warning").asText().contains("could not be stored"), r.body());
        assertTrue(serverVersion().contains("unstored"), "the new generation serves all the same");
        assertFalse(json(admin("GET", "logic", null)).path("lineage").toString().contains(Integer.toString(next)),
                "a generation that was not stored is not in the lineage");
        server.close();
        server = HotroomServer.start(testConfig(data, config()), HotroomServer.defaultBundlesDir());
        assertEquals(before, serverVersion(), "a restart comes back to the last stored generation");
    }

    @Test
    void configErrorsNameTheKeyAndStopTheStart() throws Exception {
        Path config = data.resolve("bad.yaml");
        Files.writeString(config, "listeners:\n  client: {bind: \"127.0.0.1\", prot: 8008}\n");
        Cli r = cli("run", "--config", config.toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("listeners.client.prot"), r.err);

        Files.writeString(config, "limits:\n  max_body_bytes: \"ten\"\n");
        r = cli("run", "--config", config.toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("limits.max_body_bytes"), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!check.ok()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(50);
        }
    }

    record Cli(int code, String out, String err) {}

    static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
