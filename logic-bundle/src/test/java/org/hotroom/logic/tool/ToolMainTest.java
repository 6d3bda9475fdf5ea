package org.hotroom.logic.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.event.Pdu;
import org.hotroom.logic.event.TestEvents;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.room.RoomVersions;
import org.junit.jupiter.api.Test;

/** The tools and the line protocol, in process. ToolProcessTest runs the real command. */
class ToolMainTest {

    static List<JsonNode> runLines(String tool, byte[] input) throws IOException {
        return runLines(tool, input, ToolMain.MAX_LINE_BYTES);
    }

    static List<JsonNode> runLines(String tool, byte[] input, int maxLine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolMain.run(Tools.find(tool).orElseThrow(), new ByteArrayInputStream(input), out, maxLine);
        return parseLines(out.toByteArray());
    }

    static List<JsonNode> parseLines(byte[] output) {
        String text = new String(output, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "every response line ends with a newline");
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                JsonNode n = StrictJson.parse(line.getBytes(StandardCharsets.UTF_8));
                assertEquals(CanonicalJson.encodeToString(n), line, "responses are canonical JSON");
                out.add(n);
            }
        }
        return out;
    }

    static String error(JsonNode n) {
        assertTrue(n.has("error"), "expected an error, got " + n);
        return n.get("error").textValue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneAnswerPerLineInOrderWhateverTheLine() throws IOException {
        byte[] in = utf8("{\"value\": 1}\n"
                + "\n"                                   // empty
                + "   \t\n"                              // blank
                + "{\"value\": [2]}\r\n"                 // CRLF
                + "{\"value\": \n"                       // truncated JSON
                + "not json\n"
                + "[1, 2]\n"                             // not an object
                + "{\"value\": 1, \"value\": 2}\n"       // duplicate key
                + "{\"value\": \"\\ud800\"}\n"           // lone surrogate
                + "{\"nothing\": 1}\n"                   // missing field
                + "{\"value\": 0.5}\n"                   // not canonical
                + "{\"value\": {\"b\": 1, \"a\": \"\u00e9\"}}"); // last line without newline
        byte[] withBadUtf8 = concat(in, new byte[] {'\n', '{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}', '\n'});
        List<JsonNode> out = runLines("canonical-json", withBadUtf8);
        assertEquals(13, out.size());
        assertEquals("1", out.get(0).get("canonical").textValue());
        assertTrue(error(out.get(1)).startsWith("empty line"));
        assertTrue(error(out.get(2)).startsWith("empty line"));
        assertEquals("[2]", out.get(3).get("canonical").textValue());
        assertTrue(error(out.get(4)).contains("invalid JSON"), error(out.get(4)));
        assertTrue(error(out.get(5)).contains("invalid JSON"));
        assertTrue(error(out.get(6)).contains("expected a JSON object"));
        assertTrue(error(out.get(7)).contains("duplicate key"));
        assertTrue(error(out.get(8)).contains("lone surrogate"));
        assertEquals("missing field 'value'", error(out.get(9)));
        assertTrue(error(out.get(10)).contains("fraction"));
        assertEquals("{\"a\":\"\u00e9\",\"b\":1}", out.get(11).get("canonical").textValue());
        assertTrue(error(out.get(12)).contains("UTF-8"));
    }

    @Test
    void emptyInputNoOutput() throws IOException {
        assertEquals(List.of(), runLines("redact", new byte[0]));
        assertEquals(1, runLines("redact", utf8("\n")).size());
    }

    @Test
    void tooLongLinesAreAnsweredAndSkipped() throws IOException {
        String big = "{\"value\": \"" + "x".repeat(200_000) + "\"}";
        List<JsonNode> out = runLines("canonical-json", utf8("{\"value\": 1}\n" + big + "\n{\"value\": 2}\n"), 100_000);
        assertEquals(3, out.size());
        assertTrue(error(out.get(1)).contains("longer than 100000 bytes"));
        assertEquals("2", out.get(2).get("canonical").textValue());
        // within the limit
        assertEquals(200_002, runLines("canonical-json", utf8(big), 300_000).get(0).get("canonical").textValue().length());
    }

    @Test
    void hashEvent() throws IOException {
        ObjectNode event = TestEvents.message(RoomVersions.V10);
        event.remove("hashes");
        event.remove("signatures");
        ObjectNode request = org.hotroom.logic.json.Json.object();
        request.put("room_version", "10");
        request.set("event", event);
        ObjectNode v1 = request.deepCopy();
        v1.put("room_version", "1");
        ObjectNode unknown = request.deepCopy();
        unknown.put("room_version", "99");
        ObjectNode invalid = request.deepCopy();
        ((ObjectNode) invalid.get("event")).put("depth", "1");
        byte[] in = utf8(CanonicalJson.encodeToString(request) + "\n" + CanonicalJson.encodeToString(v1) + "\n"
                + CanonicalJson.encodeToString(unknown) + "\n" + CanonicalJson.encodeToString(invalid) + "\n"
                + "{\"room_version\": 10}\n{\"room_version\": \"10\", \"event\": []}\n");
        List<JsonNode> out = runLines("hash-event", in);
        assertEquals(6, out.size());
        JsonNode hashed = out.get(0).get("event");
        Pdu p = Pdu.draft(RoomVersions.V10, (ObjectNode) hashed.deepCopy()); // complete but for signatures
        assertTrue(p.contentHashMatches());
        assertEquals(p.eventId(), out.get(0).get("event_id").textValue());
        assertFalse(out.get(0).has("room_id"));
        assertTrue(error(out.get(1)).contains("missing required field 'event_id'"), error(out.get(1)));
        assertTrue(error(out.get(2)).contains("unsupported room version \"99\""));
        assertTrue(error(out.get(3)).contains("'depth' must be an integer"));
        assertEquals("field 'room_version' must be a string", error(out.get(4)));
        assertEquals("field 'event' must be an object", error(out.get(5)));
    }

    @Test
    void hashEventIgnoresOldHashesAndKeepsOtherAlgorithms() throws IOException {
        ObjectNode event = TestEvents.message(RoomVersions.V11);
        event.putObject("hashes").put("sha256", "old").put("sha512", "future");
        String line = "{\"room_version\": \"11\", \"event\": " + CanonicalJson.encodeToString(event) + "}\n";
        ObjectNode stringHashes = event.deepCopy();
        stringHashes.put("hashes", "whatever");
        line += "{\"room_version\": \"11\", \"event\": " + CanonicalJson.encodeToString(stringHashes) + "}\n";
        List<JsonNode> out = runLines("hash-event", utf8(line));
        JsonNode h0 = out.get(0).get("event").get("hashes");
        JsonNode h1 = out.get(1).get("event").get("hashes");
        assertEquals("future", h0.get("sha512").textValue());
        assertEquals(h0.get("sha256"), h1.get("sha256"));
        assertFalse(h1.has("sha512"));
    }

    @Test
    void hashEventGivesV12RoomIdForCreateEvents() throws IOException {
        String create = "{\"type\": \"m.room.create\", \"state_key\": \"\", \"sender\": \"@c:example.org\","
                + " \"content\": {\"room_version\": \"12\"}, \"depth\": 1, \"origin_server_ts\": 1,"
                + " \"prev_events\": [], \"auth_events\": []}";
        List<JsonNode> out = runLines("hash-event", utf8("{\"room_version\": \"12\", \"event\": " + create + "}\n"
                + "{\"room_version\": \"11\", \"event\": " + create + "}\n"));
        String eventId = out.get(0).get("event_id").textValue();
        assertEquals("!" + eventId.substring(1), out.get(0).get("room_id").textValue());
        assertTrue(error(out.get(1)).contains("missing required field 'room_id'"));
    }

    @Test
    void redact() throws IOException {
        ObjectNode event = TestEvents.state(RoomVersions.V9, "m.room.member", "@alice:example.org",
                TestEvents.json("{\"membership\": \"join\", \"displayname\": \"Alice\","
                        + " \"join_authorised_via_users_server\": \"@b:example.org\"}"));
        StringBuilder in = new StringBuilder();
        for (String v : List.of("8", "9", "11")) {
            in.append("{\"room_version\": \"").append(v).append("\", \"event\": ").append(CanonicalJson.encodeToString(event)).append("}\n");
        }
        in.append("{\"room_version\": \"9\", \"event\": {\"type\": \"m.room.member\"}}\n");
        List<JsonNode> out = runLines("redact", utf8(in.toString()));
        assertEquals(4, out.size());
        assertEquals(TestEvents.json("{\"membership\": \"join\"}"), out.get(0).get("event").get("content"));
        assertEquals(TestEvents.json("{\"membership\": \"join\", \"join_authorised_via_users_server\": \"@b:example.org\"}"),
                out.get(1).get("event").get("content"));
        assertTrue(out.get(1).get("event").has("origin_server_ts"));
        assertFalse(out.get(1).get("event").has("unsigned"));
        assertTrue(out.get(1).get("event").has("signatures"));
        assertEquals(out.get(1).get("event").get("content"), out.get(2).get("event").get("content"));
        assertTrue(error(out.get(3)).contains("missing required field"));
    }

    @Test
    void commandLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, ToolMain.main(new String[0], new ByteArrayInputStream(new byte[0]), out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("hash-event"));
        assertEquals(2, ToolMain.main(new String[] {"nope"}, new ByteArrayInputStream(new byte[0]), out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown tool 'nope'"));
        assertEquals(2, ToolMain.main(new String[] {"redact", "extra"}, new ByteArrayInputStream(new byte[0]), out, errStream));
        assertEquals(0, out.size(), "stdout carries only responses");
        assertEquals(0, ToolMain.main(new String[] {"help"}, new ByteArrayInputStream(new byte[0]), out, errStream));
        String help = out.toString(StandardCharsets.UTF_8);
        for (Tool t : Tools.all()) {
            assertTrue(help.contains(t.name()));
        }
        out.reset();
        assertEquals(0, ToolMain.main(new String[] {"canonical-json"},
                new ByteArrayInputStream(utf8("{\"value\": {}}\n")), out, errStream));
        assertEquals("{\"canonical\":\"{}\"}\n", out.toString(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
