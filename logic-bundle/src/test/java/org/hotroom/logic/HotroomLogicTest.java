package org.hotroom.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.hotroom.api.Exchange;
import org.hotroom.api.Headers;
import org.hotroom.api.Listener;
import org.hotroom.api.Logic;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.client.VersionsHandler;
import org.hotroom.logic.http.Dispatcher;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.PathTemplate;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.http.Route;
import org.hotroom.logic.http.Router;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dispatcher end to end: routing, errors, CORS, JSON bodies, crash handling, version. */
class HotroomLogicTest {

    private final TestServer server = new TestServer();

    @Test
    void clientVersions() {
        Reply r = server.get("/_matrix/client/versions");
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        JsonNode versions = r.json().get("versions");
        assertEquals(VersionsHandler.VERSIONS.size(), versions.size());
        assertEquals("r0.6.1", versions.get(0).asText());
        assertTrue(r.text().contains("\"v1.1\"") && r.text().contains("\"v1.12\""));
        assertTrue(r.json().get("unstable_features").isObject());
        assertEquals(0, r.json().get("unstable_features").size());
    }

    @Test
    void federationVersionReportsTheBuildVersion() {
        Reply r = server.call(Listener.FEDERATION, "GET", "/_matrix/federation/v1/version", new byte[0]);
        assertEquals(200, r.status());
        assertEquals("hotroom", r.json().get("server").get("name").asText());
        assertEquals(server.logic.version(), r.json().get("server").get("version").asText());
        assertEquals(BuildInfo.version(), server.logic.version());
        assertTrue(server.logic.version().startsWith("0."), server.logic.version()); // filtered from the pom
        assertNull(r.header("Access-Control-Allow-Origin"), "no CORS on the server-server API");
    }

    @Test
    void unknownEndpointIs404Unrecognized() {
        Reply r = server.get("/_matrix/client/v3/no/such/thing");
        assertEquals(404, r.status());
        assertEquals("M_UNRECOGNIZED", r.errcode());
        assertNotNull(r.json().get("error"));
        assertEquals(404, server.get("/").status());
        assertEquals(404, server.call(Listener.FEDERATION, "GET", "/_matrix/federation/v1/nope", new byte[0]).status());
    }

    @Test
    void wrongMethodIs405UnrecognizedWithAllow() {
        Reply r = server.call("DELETE", "/_matrix/client/v3/login", new byte[0]);
        assertEquals(405, r.status());
        assertEquals("M_UNRECOGNIZED", r.errcode());
        assertEquals("GET, OPTIONS, POST", r.header("Allow"));
        Reply v = server.post("/_matrix/client/versions", "{}");
        assertEquals(405, v.status());
        assertEquals("GET, OPTIONS", v.header("Allow"));
    }

    @Test
    void optionsAnswersWithCorsAndRunsNoEndpointLogic() {
        Reply r = server.call("OPTIONS", "/_matrix/client/v3/logout", new byte[0]);
        assertEquals(200, r.status(), "no token needed for a preflight");
        assertEquals("*", r.header("Access-Control-Allow-Origin"));
        assertEquals("GET, POST, PUT, DELETE, OPTIONS", r.header("Access-Control-Allow-Methods"));
        assertEquals("X-Requested-With, Content-Type, Authorization", r.header("Access-Control-Allow-Headers"));
        assertEquals(0, server.storage.writes());
    }

    @Test
    void clientResponsesCarryCorsHeadersEvenErrors() {
        assertEquals("*", server.get("/_matrix/client/versions").header("Access-Control-Allow-Origin"));
        assertEquals("*", server.get("/_matrix/client/v3/nothing").header("Access-Control-Allow-Origin"));
        assertEquals("*", server.post("/_matrix/client/v3/login", "nope").header("Access-Control-Allow-Origin"));
    }

    @Test
    void r0AliasAndTrailingSlashAndUnknownQueryParameters() {
        for (String p : new String[] {"/_matrix/client/v3/login", "/_matrix/client/r0/login", "/_matrix/client/v3/login/",
                "/_matrix/client/r0/login/?x=1&_cachebuster=abc%zz", "/_matrix/client/versions/"}) {
            assertEquals(200, server.get(p).status(), p);
        }
    }

    // --- the JSON error table, through a route that takes a JSON body ---

    private Reply login(byte[] body) {
        return server.call("POST", "/_matrix/client/v3/login", body);
    }

    private void assertError(Reply r, int status, String errcode) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(errcode, r.errcode(), r.toString());
        assertTrue(r.json().get("error").isTextual());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "nope", "{\"type\":\"m.login.password\"} {}", "{\"type\":1}}", "{} x",
        "{'type':'m.login.password'}", "{\"a\":01}"})
    void bodiesThatAreNotJsonAreNotJson(String body) {
        assertError(login(body.getBytes(StandardCharsets.UTF_8)), 400, "M_NOT_JSON");
    }

    @Test
    void invalidAndOverlongUtf8AreNotJson() {
        assertError(login(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xFF, '"', '}'}), 400, "M_NOT_JSON");
        assertError(login(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}), 400, "M_NOT_JSON");
        assertError(login(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"', '}'}), 400, "M_NOT_JSON");
    }

    @Test
    void jsonThatMatrixRefusesIsBadJson() {
        assertError(login(utf8("{\"type\":\"m.login.password\",\"type\":\"m.login.password\"}")), 400, "M_BAD_JSON");
        assertError(login(utf8("{\"type\":\"\\ud800\"}")), 400, "M_BAD_JSON");
        assertError(login(utf8("{\"\\udfff\":1}")), 400, "M_BAD_JSON");
        assertError(login(utf8("{\"a\":" + "[".repeat(150) + "]".repeat(150) + "}")), 400, "M_BAD_JSON");
        assertError(login(utf8("[]")), 400, "M_BAD_JSON");
        assertError(login(utf8("\"m.login.password\"")), 400, "M_BAD_JSON");
        assertError(login(utf8("{}")), 400, "M_BAD_JSON"); // required 'type' missing
        assertError(login(utf8("{\"type\":7}")), 400, "M_BAD_JSON"); // wrong type
    }

    @Test
    void malformedPercentEscapeInAPathParameterIsInvalidParam() {
        Logic logic = new HotroomLogic(TestServer.CONFIG);
        // no routes with parameters yet in the real table: use a dispatcher with one
        Router router = new Router(List.of(new Route("GET", PathTemplate.parse("/_matrix/client/v3/profile/{userId}"),
                c -> Responses.ok(Json.object().put("user", c.param("userId"))), EnumSet.noneOf(Route.Option.class))));
        TestServer s = new TestServer(dispatching(router, logic));
        assertEquals("@a:b", s.get("/_matrix/client/v3/profile/%40a%3Ab").json().get("user").asText());
        Reply r = s.get("/_matrix/client/v3/profile/%40a%3");
        assertEquals(400, r.status());
        assertEquals("M_INVALID_PARAM", r.errcode());
    }

    @Test
    void aFailingHandlerLeavesNoWrites() {
        Router router = new Router(List.of(
                new Route("POST", PathTemplate.parse("/_matrix/client/v3/crash"), c -> {
                    c.storage().keyValue().put("t", new byte[] {1}, new byte[] {1});
                    c.storage().streams().advance("s");
                    throw new IllegalStateException("boom");
                }, EnumSet.noneOf(Route.Option.class)),
                new Route("POST", PathTemplate.parse("/_matrix/client/v3/refuse"), c -> {
                    c.storage().keyValue().put("t", new byte[] {2}, new byte[] {2});
                    throw MatrixError.forbidden("no");
                }, EnumSet.noneOf(Route.Option.class)),
                new Route("POST", PathTemplate.parse("/_matrix/client/v3/write"), c -> {
                    c.storage().keyValue().put("t", new byte[] {3}, new byte[] {3});
                    return Responses.emptyObject();
                }, EnumSet.noneOf(Route.Option.class))));
        TestServer s = new TestServer(dispatching(router, new HotroomLogic(TestServer.CONFIG)));
        Reply crash = s.post("/_matrix/client/v3/crash", "");
        assertEquals(500, crash.status());
        assertEquals("M_UNKNOWN", crash.errcode());
        assertFalse(crash.text().contains("boom"), "no internals leak");
        Reply refused = s.post("/_matrix/client/v3/refuse", "");
        assertEquals(403, refused.status());
        assertEquals(0, s.storage.writes(), "failed steps write nothing");
        assertEquals(0, s.storage.size("t"));
        assertEquals(0, s.storage.position("s"));
        assertEquals(200, s.post("/_matrix/client/v3/write", "").status());
        assertEquals(1, s.storage.writes());
        assertEquals(1, s.storage.size("t"));
    }

    @Test
    void screenRefusesEarlyWithoutABody() {
        Logic logic = server.logic;
        Respond unknown = logic.screen(head("GET", "/_matrix/client/v3/nope", Headers.EMPTY));
        assertEquals(404, unknown.status());
        Respond noToken = logic.screen(head("GET", "/_matrix/client/v3/account/whoami", Headers.EMPTY));
        assertEquals(401, noToken.status());
        assertEquals("M_MISSING_TOKEN", Reply.of(noToken).errcode());
        assertEquals("*", noToken.headers().first("Access-Control-Allow-Origin"));
        assertNull(logic.screen(head("GET", "/_matrix/client/v3/account/whoami", Headers.of("Authorization", "Bearer x"))));
        assertNull(logic.screen(head("POST", "/_matrix/client/v3/login", Headers.EMPTY)));
        assertEquals(405, logic.screen(head("PUT", "/_matrix/client/v3/login", Headers.EMPTY)).status());
    }

    @Test
    void theSameExchangeGivesTheSameAnswer() {
        Request req = new Request(Listener.CLIENT, "POST", "/_matrix/client/v3/register", "",
                Headers.EMPTY, utf8("{\"username\":\"same\",\"password\":\"pw\"}"), "p");
        Exchange ex = Exchange.start("e", req, 5, new byte[] {1, 2, 3});
        Respond a = (Respond) new TestStorage().step(server.logic, ex);
        Respond b = (Respond) new TestStorage().step(server.logic, ex);
        assertEquals(new String(a.body(), StandardCharsets.UTF_8), new String(b.body(), StandardCharsets.UTF_8));
    }

    private static Request head(String method, String path, Headers headers) {
        return new Request(Listener.CLIENT, method, path, "", headers, null, "p");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A Logic whose steps go through a dispatcher with a test routing table. */
    private static Logic dispatching(Router router, Logic versionSource) {
        Dispatcher d = new Dispatcher(router, TestServer.CONFIG, versionSource.version());
        return new Logic() {
            @Override
            public Outcome step(Exchange exchange, StepStorage storage) {
                return d.step(exchange, storage);
            }

            @Override
            public String version() {
                return versionSource.version();
            }
        };
    }
}
