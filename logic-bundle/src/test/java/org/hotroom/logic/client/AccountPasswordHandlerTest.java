package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /account/password and GET /account/3pid. */
class AccountPasswordHandlerTest {

    private static final String PASSWORD = "/_matrix/client/v3/account/password";
    private static final String WHOAMI = "/_matrix/client/v3/account/whoami";

    private final TestServer server = new TestServer();
    private String token;

    @BeforeEach
    void register() {
        token = server.register("pwd", "old").get("access_token").asText();
    }

    private Reply change(String json, String bearer) {
        return server.post(PASSWORD, json, "Authorization", TestServer.bearer(bearer));
    }

    private static String auth(String password) {
        return "\"auth\":{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"pwd\"},\"password\":\""
                + password + "\"}";
    }

    private int login(String password) {
        return server.post("/_matrix/client/v3/login", "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\","
                + "\"user\":\"pwd\"},\"password\":\"" + password + "\"}").status();
    }

    @Test
    void changingThePasswordLogsOutTheOtherDevicesByDefault() {
        String other = server.login("pwd", "old").get("access_token").asText();
        Reply first = change("{\"new_password\":\"new\"}", token);
        assertEquals(401, first.status());
        assertEquals("[{\"stages\":[\"m.login.password\"]}]", first.json().get("flows").toString());
        String session = first.json().get("session").asText();
        Reply ok = change("{\"new_password\":\"new\",\"auth\":{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\","
                + "\"user\":\"@pwd:" + TestServer.SERVER_NAME + "\"},\"password\":\"old\",\"session\":\"" + session + "\"}}", token);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals("{}", ok.text());
        assertEquals(403, login("old"));
        assertEquals(200, login("new"));
        assertEquals(200, server.get(WHOAMI, "Authorization", TestServer.bearer(token)).status(), "the caller's token stays");
        assertEquals("M_UNKNOWN_TOKEN", server.get(WHOAMI, "Authorization", TestServer.bearer(other)).errcode());
    }

    @Test
    void logoutDevicesFalseKeepsThem() {
        String other = server.login("pwd", "old").get("access_token").asText();
        Reply ok = server.post("/_matrix/client/r0/account/password", "{\"new_password\":\"new\",\"logout_devices\":false," + auth("old") + "}",
                "Authorization", TestServer.bearer(token));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(200, server.get(WHOAMI, "Authorization", TestServer.bearer(other)).status());
        assertEquals(200, login("new"));
    }

    @Test
    void aWrongPasswordFailsTheStage() {
        Reply r = change("{\"new_password\":\"new\"," + auth("wrong") + "}", token);
        assertEquals(401, r.status());
        assertEquals("M_FORBIDDEN", r.errcode());
        assertEquals(200, login("old"));
    }

    @Test
    void theNewPasswordIsChecked() {
        assertEquals("M_BAD_JSON", change("{\"new_password\":5}", token).errcode());
        assertEquals("M_BAD_JSON", change("{\"new_password\":\"n\",\"logout_devices\":\"yes\"}", token).errcode());
        assertEquals("M_INVALID_PARAM", change("{\"new_password\":\"" + "p".repeat(513) + "\"}", token).errcode());
        Reply noNew = change("{" + auth("old") + "}", token);
        assertEquals(400, noNew.status());
        assertEquals("M_MISSING_PARAM", noNew.errcode());
        Reply empty = change("{\"new_password\":\"\"," + auth("old") + "}", token);
        assertEquals(400, empty.status());
        assertEquals("M_WEAK_PASSWORD", empty.errcode());
        assertEquals(200, login("old"));
    }

    @Test
    void needsAnAccessToken() {
        Reply r = server.post(PASSWORD, "{\"new_password\":\"new\"," + auth("old") + "}");
        assertEquals(401, r.status());
        assertEquals("M_MISSING_TOKEN", r.errcode());
        assertNull(r.json().get("flows"));
    }

    @Test
    void thereAreNoThirdPartyIdentifiers() {
        Reply r = server.get("/_matrix/client/v3/account/3pid", "Authorization", TestServer.bearer(token));
        assertEquals(200, r.status());
        assertEquals("{\"threepids\":[]}", r.text());
        assertEquals("{\"threepids\":[]}", server.get("/_matrix/client/r0/account/3pid", "Authorization", TestServer.bearer(token)).text());
        assertEquals("M_MISSING_TOKEN", server.get("/_matrix/client/v3/account/3pid").errcode());
    }
}
