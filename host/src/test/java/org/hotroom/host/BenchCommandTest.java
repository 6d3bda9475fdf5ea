package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code hotroom bench NAME} for benchmarks that bundles offer, run inside the real framework. */
class BenchCommandTest {

    @Test
    void theStateStoreBenchmarkRunsInsideTheFrameworkAndEndsWithJson() throws Exception {
        OperationsTest.Cli r = OperationsTest.cli("bench", "state-store", "--histories", "h1", "--strategies",
                "hotroom,compressor-levels");
        assertEquals(0, r.code(), r.out() + r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode last = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("state-store", last.path("bench").asText());
        assertEquals(2, last.path("results").size());
        JsonNode hotroom = last.path("results").get(0);
        assertEquals("h1", hotroom.path("history").asText());
        assertEquals("hotroom", hotroom.path("strategy").asText());
        assertTrue(hotroom.path("bytes_per_change").asDouble() > 0, hotroom.toString());
        assertTrue(hotroom.path("lookup_p99_us").asDouble() > 0, hotroom.toString());
        assertEquals("compressor-levels", last.path("results").get(1).path("strategy").asText());
    }

    @Test
    void theClientBenchmarkRunsTinyAgainstAServerProcessAndEndsWithJson() throws Exception {
        OperationsTest.Cli r = OperationsTest.cli("bench", "client", "--syncers", "2", "--senders", "1",
                "--seconds", "1", "--warmup", "0", "--wakes", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode last = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("client", last.path("bench").asText());
        assertEquals(2, last.path("syncers").asInt());
        assertEquals(1, last.path("senders").asInt());
        assertTrue(last.path("messages").asInt() > 0, last.toString());
        assertTrue(last.path("messages_per_s").asDouble() > 0, last.toString());
        assertTrue(last.path("latency_p50_ms").asDouble() > 0, last.toString());
        assertTrue(last.path("latency_p99_ms").asDouble() >= last.path("latency_p50_ms").asDouble(), last.toString());
        assertTrue(last.path("wake_p50_ms").asDouble() > 0, last.toString());
        assertEquals(0, last.path("missing").asInt(), last.toString());
        assertEquals(0, last.path("errors").asInt(), last.toString());
    }

    @Test
    void theReloadBenchmarkRunsTinyAgainstAServerProcessAndEndsWithJson() throws Exception {
        OperationsTest.Cli r = OperationsTest.cli("bench", "reload", "--swaps", "4", "--warmup", "2",
                "--clients", "2", "--rate", "100", "--interval-ms", "50");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("host side by stage"), r.out());
        assertTrue(r.out().contains("persist"), "the stage after the switch is reported: " + r.out());
        String[] lines = r.out().strip().split("\n");
        JsonNode last = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("reload", last.path("bench").asText());
        assertEquals(4, last.path("swaps").asInt());
        assertTrue(last.path("swap_p50_ms").asDouble() > 0, last.toString());
        assertTrue(last.path("swap_p99_ms").asDouble() >= last.path("swap_p50_ms").asDouble(), last.toString());
        assertTrue(last.path("requests").asInt() > 0, last.toString());
        assertEquals(0, last.path("requests_failed").asInt(), last.toString());
    }

    @Test
    void badArgumentsAndUnknownBenchmarksAreRefused() {
        OperationsTest.Cli r = OperationsTest.cli("bench", "state-store", "--strategies", "btree");
        assertEquals(2, r.code());
        assertTrue(r.out().contains("unknown strategy btree"), r.out());
        OperationsTest.Cli client = OperationsTest.cli("bench", "client", "--syncers", "0");
        assertEquals(2, client.code());
        assertTrue(client.err().contains("--syncers must be at least 1"), client.err());
        OperationsTest.Cli none = OperationsTest.cli("bench", "no-such-thing");
        assertEquals(2, none.code());
        assertTrue(none.out().contains("no bundle offers a benchmark named 'no-such-thing'"), none.out());
        assertTrue(none.out().contains("state-store"), none.out());
    }
}
