package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path shell → logic → shell on a real server: first endpoints and the error table. */
class EndpointsTest extends ServerTestBase {

    static final int LIMIT = 4096;

    @Override
    Map<String, String> config() {
        return Map.of("limits.max_body_bytes", Integer.toString(LIMIT));
    }

    @Test
    void clientVersionsAnswersFromTheLogic() throws Exception {
        HttpResponse<String> r = get(client("/_matrix/client/versions"));
        assertEquals(200, r.statusCode());
        assertTrue(json(r).path("versions").isArray());
        assertTrue(json(r).path("versions").size() > 0, r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    void federationVersionAnswersOverTls() throws Exception {
        HttpResponse<String> r = get(federation("/_matrix/federation/v1/version"));
        assertEquals(200, r.statusCode());
        assertEquals("hotroom", json(r).path("server").path("name").asText());
        assertEquals(server.generations().active().version(), json(r).path("server").path("version").asText());
    }

    @Test
    void unknownEndpointIsUnrecognized404() throws Exception {
        assertMatrixError(get(client("/_matrix/client/v3/no/such/thing")), 404, "M_UNRECOGNIZED");
        assertMatrixError(get(client("/elsewhere")), 404, "M_UNRECOGNIZED");
    }

    @Test
    void wrongMethodIsUnrecognized405() throws Exception {
        assertMatrixError(send("DELETE", client("/_matrix/client/versions"), new byte[0]), 405, "M_UNRECOGNIZED");
    }

    @Test
    void bodyThatIsNotJsonIsNotJson() throws Exception {
        assertMatrixError(send("POST", client("/_matrix/client/v3/login"), "this is not json".getBytes()),
                400, "M_NOT_JSON");
        assertMatrixError(send("POST", client("/_matrix/client/v3/login"), "{\"type\": ".getBytes()),
                400, "M_NOT_JSON");
    }

    @Test
    void malformedJsonIsBadJson() throws Exception {
        byte[] duplicate = "{\"type\":\"m.login.password\",\"type\":\"m.login.password\"}".getBytes();
        assertMatrixError(send("POST", client("/_matrix/client/v3/login"), duplicate), 400, "M_BAD_JSON");
        assertMatrixError(send("POST", client("/_matrix/client/v3/login"), "[1, 2]".getBytes()), 400, "M_BAD_JSON");
    }

    @Test
    void declaredBodyOverTheLimitIsTooLarge() throws Exception {
        byte[] big = new byte[LIMIT + 1];
        assertMatrixError(send("POST", client("/_matrix/client/v3/login"), big), 413, "M_TOO_LARGE");
        // the server is fine afterwards
        assertEquals(200, get(client("/_matrix/client/versions")).statusCode());
    }

    @Test
    void chunkedBodyGrowingOverTheLimitIsTooLarge() throws Exception {
        byte[] big = new byte[LIMIT * 4];
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(client("/_matrix/client/v3/login"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertMatrixError(r, 413, "M_TOO_LARGE");
    }

    @Test
    void unknownTransferCodingIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.clientPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /_matrix/client/v3/login HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 501"), response);
            assertTrue(response.contains("M_UNRECOGNIZED"), response);
        }
    }

    /**
     * Regression: a body that arrives after its headers is read by Undertow's read listener,
     * inside its root handler call; handing the body to the step pool without dispatching made
     * Undertow end the exchange at once with an empty 200.
     */
    @Test
    void aBodyArrivingAfterItsHeadersIsNotAnsweredEmpty() throws Exception {
        byte[] body = "{\"type\": nope}".getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", server.clientPort())) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            s.getOutputStream().write(("POST /_matrix/client/v3/login HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread.sleep(300);
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("M_NOT_JSON"), response);
        }
    }

    @Test
    void adminApiNeedsTheAdminToken() throws Exception {
        assertMatrixError(get(client("/_hotroom/admin/v1/logic")), 401, "M_UNKNOWN_TOKEN");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(client("/_hotroom/admin/v1/logic"))
                .header("authorization", "Bearer not-the-token").build(), HttpResponse.BodyHandlers.ofString());
        assertMatrixError(wrong, 401, "M_UNKNOWN_TOKEN");
        HttpResponse<String> ok = admin("GET", "logic", null);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(server.generations().active().number(), json(ok).path("generation").asInt());
        assertEquals(server.generations().active().version(), json(ok).path("version").asText());
        assertTrue(json(ok).path("active").has("loaded_at"));
        assertEquals("start", json(ok).path("history").get(0).path("action").asText());
    }

    @Test
    void adminApiUnknownPathAndMethod() throws Exception {
        assertMatrixError(admin("GET", "nothing", null), 404, "M_UNRECOGNIZED");
        assertMatrixError(admin("DELETE", "logic", null), 405, "M_UNRECOGNIZED");
        assertMatrixError(admin("GET", "logic/rollback", null), 405, "M_UNRECOGNIZED");
    }
}
