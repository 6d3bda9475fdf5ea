package org.hotroom.logic.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.room.RoomVersions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real command: {@code java -cp <logic classes>:<jackson jars> org.hotroom.logic.tool.ToolMain NAME}
 * as a separate process, as {@code ./hotroom tool NAME} runs it. The class path holds the logic's
 * classes and Jackson only (no OSGi, no api jar, no test classes), which also proves the tools
 * never load OSGi classes.
 */
class ToolProcessTest {

    private static String classPath;

    @BeforeAll
    static void classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            entries.addAll(manifestClassPath(entry)); // surefire may pass a manifest-only jar
        }
        List<String> keep = new ArrayList<>();
        for (String entry : entries) {
            Path p = Paths.get(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            boolean mainClasses = Files.isDirectory(p) && p.endsWith(Paths.get("target", "classes"))
                    && Files.exists(p.resolve("org/hotroom/logic/tool/ToolMain.class"));
            boolean jackson = name.startsWith("jackson-") && name.endsWith(".jar");
            if ((mainClasses || jackson) && !keep.contains(entry)) {
                keep.add(entry);
            }
        }
        assertTrue(keep.stream().anyMatch(e -> e.endsWith("classes")), "logic classes on the test class path: " + entries);
        assertTrue(keep.stream().anyMatch(e -> e.contains("jackson-databind")), "jackson on the test class path: " + entries);
        classPath = String.join(File.pathSeparator, keep);
    }

    private static List<String> manifestClassPath(String entry) throws IOException {
        List<String> out = new ArrayList<>();
        if (!entry.endsWith(".jar") || !new File(entry).isFile()) {
            return out;
        }
        try (JarFile jar = new JarFile(entry)) {
            Manifest m = jar.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp != null) {
                for (String url : cp.trim().split("\\s+")) {
                    try {
                        out.add(Paths.get(new java.net.URI(url)).toString());
                    } catch (Exception e) {
                        out.add(url);
                    }
                }
            }
        }
        return out;
    }

    /** Runs the tool over {@code input}; returns stdout, checks stderr is empty and the exit status. */
    static byte[] run(String tool, byte[] input, int expectedStatus) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                "org.hotroom.logic.tool.ToolMain", tool).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // the process died; the assertions below will say so
            }
        });
        feeder.start();
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tool did not finish");
        feeder.join();
        assertEquals(expectedStatus, p.exitValue(), new String(err, StandardCharsets.UTF_8));
        if (expectedStatus == 0) {
            assertEquals("", new String(err, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void canonicalJson() throws Exception {
        String in = "{\"value\": {\"b\": 2, \"a\": \"\u65e5\", \"c\": [1e10, -0]}}\n"
                + "garbage\n"
                + "\n"
                + "{\"value\": 1.5}\n"
                + "{\"value\": 9007199254740992}\n"
                + "{\"value\": null}";
        List<JsonNode> out = ToolMainTest.parseLines(run("canonical-json", utf8(in), 0));
        assertEquals(6, out.size());
        assertEquals("{\"a\":\"\u65e5\",\"b\":2,\"c\":[10000000000,0]}", out.get(0).get("canonical").textValue());
        assertTrue(ToolMainTest.error(out.get(1)).contains("invalid JSON"));
        assertTrue(ToolMainTest.error(out.get(2)).startsWith("empty line"));
        assertTrue(ToolMainTest.error(out.get(3)).contains("fraction"));
        assertTrue(ToolMainTest.error(out.get(4)).contains("outside"));
        assertEquals("null", out.get(5).get("canonical").textValue());
    }

    @Test
    void hashEvent() throws Exception {
        String in = "{\"room_version\": \"4\", \"event\": " + org.hotroom.logic.event.EventHashesTest.jkiCreate() + "}\n"
                + "{\"room_version\": \"3\", \"event\": " + org.hotroom.logic.event.EventHashesTest.jkiCreate() + "}\n"
                + "{\"room_version\": \"4\", \"event\": {\"type\": 1}}\n"
                + "{]\n"
                + "{\"room_version\": \"4\"}\n";
        List<JsonNode> out = ToolMainTest.parseLines(run("hash-event", utf8(in), 0));
        assertEquals(5, out.size());
        assertEquals("$RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438", out.get(0).get("event_id").textValue());
        assertEquals("IX6zuNiJpJPNf70BLleL3HSCpjKeq9Uhu7uUpyDjBmc", out.get(0).get("event").get("hashes").get("sha256").textValue());
        assertEquals("$RrGxF28UrHLmoASHndYb9Jb/1SFww2ptmtur9INS438", out.get(1).get("event_id").textValue());
        assertTrue(ToolMainTest.error(out.get(2)).contains("'type' must be a string"));
        assertTrue(ToolMainTest.error(out.get(3)).contains("invalid JSON"));
        assertEquals("missing field 'event'", ToolMainTest.error(out.get(4)));
    }

    @Test
    void redact() throws Exception {
        String in = "{\"room_version\": \"5\", \"event\": " + org.hotroom.logic.event.EventHashesTest.jkiCreate() + "}\n"
                + "{\"room_version\": \"11\", \"event\": " + org.hotroom.logic.event.EventHashesTest.jkiCreate() + "}\n"
                + "[]\n"
                + "{\"room_version\": \"zzz\", \"event\": {}}\n";
        List<JsonNode> out = ToolMainTest.parseLines(run("redact", utf8(in), 0));
        assertEquals(4, out.size());
        JsonNode v5 = out.get(0).get("event");
        assertEquals("{\"creator\":\"@erikj:jki.re\"}", v5.get("content").toString());
        assertTrue(v5.has("origin"));
        assertFalse(v5.has("unsigned"));
        // the redacted event keeps its ID
        assertEquals("$RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438",
                Pdu.fromJson(RoomVersions.V5, (com.fasterxml.jackson.databind.node.ObjectNode) v5.deepCopy()).eventId());
        JsonNode v11 = out.get(1).get("event");
        assertEquals(3, v11.get("content").size());
        assertFalse(v11.has("origin"));
        assertTrue(ToolMainTest.error(out.get(2)).contains("expected a JSON object"));
        assertTrue(ToolMainTest.error(out.get(3)).contains("unsupported room version \"zzz\""));
    }

    static final String CREATE = "{\"event_id\":\"$c\",\"type\":\"m.room.create\",\"state_key\":\"\",\"sender\":\"@a:x\","
            + "\"content\":{\"creator\":\"@a:x\",\"room_version\":\"10\"},\"room_id\":\"!r:x\",\"auth_events\":[],"
            + "\"prev_events\":[],\"depth\":1,\"origin_server_ts\":1}";
    static final String JOIN = "{\"event_id\":\"$m\",\"type\":\"m.room.member\",\"state_key\":\"@a:x\",\"sender\":\"@a:x\","
            + "\"content\":{\"membership\":\"join\"},\"room_id\":\"!r:x\",\"auth_events\":[\"$c\"],"
            + "\"prev_events\":[\"$c\"],\"depth\":2,\"origin_server_ts\":2}";
    static final String TOPIC_BY_STRANGER = "{\"event_id\":\"$t\",\"type\":\"m.room.topic\",\"state_key\":\"\","
            + "\"sender\":\"@b:x\",\"content\":{\"topic\":\"hi\"},\"room_id\":\"!r:x\",\"auth_events\":[\"$c\"],"
            + "\"prev_events\":[\"$m\"],\"depth\":3,\"origin_server_ts\":3}";

    @Test
    void signAndVerify() throws Exception {
        String sign = "{\"value\": {\"one\": 1, \"two\": \"Two\"}, \"server_name\": \"domain\", \"key_id\": \"ed25519:1\","
                + " \"seed\": \"" + SignVerifyToolTest.SEED + "\"}\n{\"value\": {}}\n";
        List<JsonNode> signed = ToolMainTest.parseLines(run("sign", utf8(sign), 0));
        assertEquals(2, signed.size());
        assertEquals(SignVerifyToolTest.ONE_TWO_SIGNATURE, signed.get(0).at("/signed/signatures/domain/ed25519:1").asText());
        ToolMainTest.error(signed.get(1));
        String verify = "{\"value\": " + signed.get(0).get("signed") + ", \"server_name\": \"domain\", \"key_id\": \"ed25519:1\","
                + " \"public_key\": \"" + SignVerifyToolTest.PUBLIC_KEY + "\"}\n";
        List<JsonNode> checked = ToolMainTest.parseLines(run("verify", utf8(verify + verify.replace("Two", "Six")), 0));
        assertTrue(checked.get(0).get("valid").asBoolean(), checked.get(0).toString());
        assertFalse(checked.get(1).get("valid").asBoolean());
    }

    @Test
    void checkAuth() throws Exception {
        String in = "{\"room_version\": \"10\", \"event\": " + JOIN + ", \"auth_events\": [" + CREATE + "]}\n"
                + "{\"room_version\": \"10\", \"event\": " + TOPIC_BY_STRANGER + ", \"auth_events\": [" + CREATE + "]}\n"
                + "{\"room_version\": \"10\"}\n";
        List<JsonNode> out = ToolMainTest.parseLines(run("check-auth", utf8(in), 0));
        assertEquals(3, out.size());
        assertTrue(out.get(0).get("allowed").asBoolean(), out.get(0).toString());
        assertFalse(out.get(1).get("allowed").asBoolean());
        assertFalse(out.get(1).get("reason").asText().isEmpty());
        ToolMainTest.error(out.get(2));
    }

    @Test
    void resolveState() throws Exception {
        String in = "{\"room_version\": \"10\", \"state_sets\": [[\"$c\", \"$m\"], [\"$c\"]], \"events\": ["
                + CREATE + ", " + JOIN + "]}\n"
                + "{\"room_version\": \"10\", \"state_sets\": [[\"$c\", \"$nowhere\"]], \"events\": [" + CREATE + "]}\n";
        List<JsonNode> out = ToolMainTest.parseLines(run("resolve-state", utf8(in), 0));
        assertEquals(2, out.size());
        assertEquals("[\"$c\",\"$m\"]", out.get(0).get("state").toString());
        assertTrue(ToolMainTest.error(out.get(1)).contains("$nowhere"));
    }

    /** Each answer is flushed at once, so a caller can talk to the tool one line at a time. */
    @Test
    void answersEachLineBeforeTheNextArrives() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", classPath,
                "org.hotroom.logic.tool.ToolMain", "canonical-json").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream();
                java.io.BufferedReader out = new java.io.BufferedReader(
                        new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 3; i++) {
                in.write(utf8("{\"value\": [" + i + "]}\n"));
                in.flush();
                assertEquals("{\"canonical\":\"[" + i + "]\"}", out.readLine());
            }
            in.write(utf8("oops\n"));
            in.flush();
            assertTrue(out.readLine().startsWith("{\"error\":"));
        } finally {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, p.exitValue());
    }

    @Test
    void usageErrorsGoToStderr() throws Exception {
        assertEquals(0, run("no-such-tool", new byte[0], 2).length);
    }
}
