package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.hotroom.host.config.ConfigLoader;
import org.hotroom.host.config.HostConfig;
import org.hotroom.host.tls.TlsMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots a real hotroom (Felix with the real bundles from felix-conf/target/bundles, LMDB, both
 * Undertow listeners on ephemeral loopback ports) for each test, and talks to it over HTTP.
 */
abstract class ServerTestBase {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    HotroomServer server;
    HttpClient http;

    /** Extra config for a test class; dotted keys. */
    Map<String, String> config() {
        return Map.of();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HotroomServer.start(testConfig(data, config()), HotroomServer.defaultBundlesDir());
        http = HttpClient.newBuilder().sslContext(TlsMaterial.clientContext(false))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static HostConfig testConfig(Path data, Map<String, String> extra) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of(
                "data_dir", data.toString(),
                "listeners.client.port", "0",
                "listeners.federation.port", "0",
                "storage.sync", "false",
                "storage.map_size_mb", "64"));
        o.putAll(highRateLimits());
        o.putAll(extra);
        return new ConfigLoader().load(null, o);
    }

    /**
     * Rate limits no test trips by accident (every request of a test comes from 127.0.0.1); a test
     * of the limits sets its own.
     */
    static Map<String, String> highRateLimits() {
        Map<String, String> o = new HashMap<>();
        for (String c : new String[] {"login", "registration", "message", "create_room", "join"}) {
            o.put("rate_limits." + c + ".per_second", "100000");
            o.put("rate_limits." + c + ".burst", "100000");
        }
        return o;
    }

    static Path builtInLogic() {
        return HotroomServer.defaultBundlesDir().resolve("hotroom-logic.jar");
    }

    URI client(String path) {
        return URI.create("http://127.0.0.1:" + server.clientPort() + path);
    }

    URI federation(String path) {
        return URI.create("https://127.0.0.1:" + server.federationPort() + path);
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, URI uri, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> admin(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(client("/_hotroom/admin/v1/" + path))
                .timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + server.adminToken());
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The version string the federation version endpoint reports now. */
    String serverVersion() throws Exception {
        HttpResponse<String> r = get(federation("/_matrix/federation/v1/version"));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("server").path("version").asText();
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static void assertMatrixError(HttpResponse<String> r, int status, String errcode) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(errcode, body.path("errcode").asText(), r.body());
        if (body.path("error").asText().isEmpty()) {
            throw new AssertionError("error message missing in " + r.body());
        }
    }

    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
