package org.hotroom.host.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Matrix client over raw HTTP for benchmarks and tests: one user's access token and
 * the client-server calls they need. It plays a user on the far side of the socket; it is no part
 * of the server, whose shell never parses Matrix JSON.
 */
public final class MatrixClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong TXN = new AtomicLong();

    /** One answer: status, the body, and the body as JSON (a missing node when it is not JSON). */
    public record Reply(int status, String body, JsonNode json) {
        public String errcode() {
            return json.path("errcode").asText("");
        }

        /** This reply, or an exception naming the call when its status is not {@code expected}. */
        public Reply expect(int expected, String what) throws IOException {
            if (status != expected) {
                throw new IOException(what + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }
    }

    private final HttpClient http;
    private final String base;
    private final String userId;
    private final String token;

    public MatrixClient(HttpClient http, String base, String userId, String token) {
        this.http = http;
        this.base = base;
        this.userId = userId;
        this.token = token;
    }

    /** An HTTP/1.1 client, as Matrix clients use against a plain-HTTP listener. */
    public static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Registers {@code localpart} (one request, {@code m.login.dummy}) and returns its client. */
    public static MatrixClient register(HttpClient http, String base, String localpart, String password)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("username", localpart).put("password", password);
        body.putObject("auth").put("type", "m.login.dummy");
        Reply r = request(http, base, "POST", "/_matrix/client/v3/register", null, body, 30_000)
                .expect(200, "register " + localpart);
        return new MatrixClient(http, base, r.json().path("user_id").asText(), r.json().path("access_token").asText());
    }

    /** Logs in with a password and returns a client for the new device. */
    public static MatrixClient login(HttpClient http, String base, String localpart, String password)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "m.login.password").put("password", password);
        body.putObject("identifier").put("type", "m.id.user").put("user", localpart);
        Reply r = request(http, base, "POST", "/_matrix/client/v3/login", null, body, 30_000)
                .expect(200, "login " + localpart);
        return new MatrixClient(http, base, r.json().path("user_id").asText(), r.json().path("access_token").asText());
    }

    public String userId() {
        return userId;
    }

    public String token() {
        return token;
    }

    /** A call with this user's token; {@code body} may be null, a JsonNode or raw bytes. */
    public Reply call(String method, String pathAndQuery, Object body) throws IOException, InterruptedException {
        return request(http, base, method, pathAndQuery, token, body, 60_000);
    }

    public Reply call(String method, String pathAndQuery, Object body, long timeoutMillis)
            throws IOException, InterruptedException {
        return request(http, base, method, pathAndQuery, token, body, timeoutMillis);
    }

    /** {@code POST /createRoom} with {@code preset}; returns the room ID. */
    public String createRoom(String preset) throws IOException, InterruptedException {
        return call("POST", "/_matrix/client/v3/createRoom", JSON.createObjectNode().put("preset", preset))
                .expect(200, "createRoom").json().path("room_id").asText();
    }

    public void invite(String roomId, String user) throws IOException, InterruptedException {
        call("POST", "/_matrix/client/v3/rooms/" + enc(roomId) + "/invite", JSON.createObjectNode().put("user_id", user))
                .expect(200, "invite " + user);
    }

    public void join(String roomId) throws IOException, InterruptedException {
        call("POST", "/_matrix/client/v3/join/" + enc(roomId), JSON.createObjectNode()).expect(200, "join " + roomId);
    }

    /** {@code PUT /rooms/{roomId}/send/m.room.message/{txnId}}; returns the reply (event ID on 200). */
    public Reply send(String roomId, ObjectNode content) throws IOException, InterruptedException {
        return call("PUT", "/_matrix/client/v3/rooms/" + enc(roomId) + "/send/m.room.message/"
                + "t" + System.nanoTime() + "-" + TXN.incrementAndGet(), content);
    }

    public static ObjectNode text(String body) {
        return JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    }

    /** {@code GET /sync}; {@code since} may be null; {@code filter} a JSON filter or null. */
    public Reply sync(String since, long timeoutMillis, String filter) throws IOException, InterruptedException {
        StringBuilder q = new StringBuilder("/_matrix/client/v3/sync?timeout=").append(timeoutMillis);
        if (since != null) {
            q.append("&since=").append(enc(since));
        }
        if (filter != null) {
            q.append("&filter=").append(enc(filter));
        }
        return call("GET", q.toString(), null, timeoutMillis + 30_000);
    }

    /** A path segment or query value, percent-encoded. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Reply request(HttpClient http, String base, String method, String pathAndQuery, String token, Object body,
                         long timeoutMillis) throws IOException, InterruptedException {
        byte[] bytes = body == null ? null
                : body instanceof byte[] b ? b
                : JSON.writeValueAsBytes(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofMillis(timeoutMillis))
                .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (bytes != null) {
            b.header("content-type", "application/json");
        }
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json;
        try {
            json = r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            json = JSON.missingNode();
        }
        return new Reply(r.statusCode(), r.body(), json == null ? JSON.missingNode() : json);
    }
}
