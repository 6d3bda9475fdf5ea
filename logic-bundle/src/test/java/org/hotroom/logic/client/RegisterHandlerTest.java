package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.logic.account.UserInteractiveAuth;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.Test;

class RegisterHandlerTest {

    private static final String REGISTER = "/_matrix/client/v3/register";
    private final TestServer server = new TestServer();

    private Reply register(String json) {
        return server.post(REGISTER, json);
    }

    @Test
    void firstCallWithoutAuthGets401WithTheDummyFlowAndASession() {
        Reply r = register("{\"username\":\"alice\",\"password\":\"pw\"}");
        assertEquals(401, r.status());
        JsonNode body = r.json();
        assertEquals("[{\"stages\":[\"m.login.dummy\"]}]", body.get("flows").toString());
        assertTrue(body.get("params").isObject());
        assertEquals(0, body.get("params").size());
        assertTrue(body.get("session").asText().length() >= 16);
        assertNull(body.get("errcode"), "a plain challenge is not an error");
        assertEquals(1, server.storage.size(UserInteractiveAuth.TABLE), "the session is stored");
    }

    @Test
    void completingTheDummyStageCreatesTheAccountAndLogsIn() {
        JsonNode ok = server.register("alice", "secret");
        assertEquals("@alice:" + TestServer.SERVER_NAME, ok.get("user_id").asText());
        assertEquals(TestServer.SERVER_NAME, ok.get("home_server").asText());
        assertTrue(ok.get("access_token").asText().startsWith("hr_"));
        assertTrue(ok.get("device_id").asText().matches("[A-Z]{10}"));
        assertEquals(0, server.storage.size(UserInteractiveAuth.TABLE), "the session is used up");
        Reply who = server.get("/_matrix/client/v3/account/whoami", "Authorization", "Bearer " + ok.get("access_token").asText());
        assertEquals(ok.get("user_id").asText(), who.json().get("user_id").asText());
        assertEquals(ok.get("device_id").asText(), who.json().get("device_id").asText());
        // and the password works
        assertEquals("@alice:" + TestServer.SERVER_NAME, server.login("alice", "secret").get("user_id").asText());
    }

    @Test
    void theSessionCannotBeReplayed() {
        Reply first = register("{}");
        String session = first.json().get("session").asText();
        String auth = ",\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + session + "\"}}";
        assertEquals(200, register("{\"password\":\"pw\"" + auth).status());
        Reply again = register("{\"password\":\"pw\"" + auth);
        assertEquals(400, again.status());
        assertEquals("M_INVALID_PARAM", again.errcode());
    }

    @Test
    void dummyAuthWithoutASessionIsAccepted() {
        // matrix-nio sends the dummy stage straight away
        Reply r = register("{\"username\":\"nio\",\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        assertEquals(200, r.status(), r.toString());
        assertEquals(0, server.storage.size(UserInteractiveAuth.TABLE));
    }

    @Test
    void unknownSessionIsRefused() {
        Reply r = register("{\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"nope\"}}");
        assertEquals(400, r.status());
        assertEquals("M_INVALID_PARAM", r.errcode());
        Reply huge = register("{\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + "s".repeat(1000) + "\"}}");
        assertEquals("M_INVALID_PARAM", huge.errcode());
    }

    @Test
    void aStageThatIsNotOfferedGets401WithAnError() {
        Reply r = register("{\"password\":\"pw\",\"auth\":{\"type\":\"m.login.recaptcha\",\"response\":\"x\"}}");
        assertEquals(401, r.status());
        assertEquals("M_FORBIDDEN", r.errcode());
        assertEquals("m.login.dummy", r.json().get("flows").get(0).get("stages").get(0).asText());
        assertTrue(r.json().get("session").isTextual());
    }

    @Test
    void authWithOnlyASessionReportsTheFlowState() {
        String session = register("{}").json().get("session").asText();
        Reply r = register("{\"auth\":{\"session\":\"" + session + "\"}}");
        assertEquals(401, r.status());
        assertEquals(session, r.json().get("session").asText());
        assertNull(r.json().get("errcode"));
    }

    @Test
    void usernameIsCheckedBeforeAuthentication() {
        server.register("taken", "pw");
        Reply inUse = register("{\"username\":\"taken\",\"password\":\"pw\"}");
        assertEquals(400, inUse.status());
        assertEquals("M_USER_IN_USE", inUse.errcode());
        Reply inUseUpper = register("{\"username\":\"TAKEN\",\"password\":\"pw\"}");
        assertEquals("M_USER_IN_USE", inUseUpper.errcode());
        for (String bad : new String[] {"", "al ice", "al:ice", "@alice:test.hotroom", "ali\u00e9", "a*b", "x".repeat(250)}) {
            Reply r = register("{\"username\":\"" + bad + "\",\"password\":\"pw\"}");
            assertEquals(400, r.status(), bad);
            assertEquals("M_INVALID_USERNAME", r.errcode(), bad);
        }
    }

    @Test
    void upperCaseUsernamesAreDowncased() {
        Reply r = register("{\"username\":\"Bob.Smith\",\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        assertEquals("@bob.smith:" + TestServer.SERVER_NAME, r.json().get("user_id").asText());
        assertEquals(200, register("{\"username\":\"a-z0.9_=/+\",\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\"}}").status());
    }

    @Test
    void withoutUsernameOneIsGenerated() {
        Reply a = register("{\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        Reply b = register("{\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        String idA = a.json().get("user_id").asText();
        assertTrue(idA.matches("@[a-z2-7]{12}:" + TestServer.SERVER_NAME.replace(".", "\\.")), idA);
        assertNotEquals(idA, b.json().get("user_id").asText());
    }

    @Test
    void aPasswordIsRequiredOnceAuthenticated() {
        Reply r = register("{\"username\":\"nopw\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        assertEquals(400, r.status());
        assertEquals("M_MISSING_PARAM", r.errcode());
        Reply empty = register("{\"username\":\"nopw\",\"password\":\"\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        assertEquals("M_WEAK_PASSWORD", empty.errcode());
        assertEquals(200, server.get("/_matrix/client/v3/register/available?username=nopw").status(), "nothing was created");
    }

    @Test
    void inhibitLoginReturnsNoTokenOrDevice() {
        Reply r = register("{\"username\":\"bot\",\"password\":\"pw\",\"inhibit_login\":true,\"auth\":{\"type\":\"m.login.dummy\"}}");
        assertEquals(200, r.status());
        assertEquals("@bot:" + TestServer.SERVER_NAME, r.json().get("user_id").asText());
        assertNull(r.json().get("access_token"));
        assertNull(r.json().get("device_id"));
        assertEquals(0, server.storage.size("token"));
        assertEquals(0, server.storage.size("device"));
    }

    @Test
    void deviceIdAndDisplayNameAreHonoured() {
        Reply r = register("{\"username\":\"dev\",\"password\":\"pw\",\"device_id\":\"MYPHONE\","
                + "\"initial_device_display_name\":\"Jungle Phone\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        assertEquals("MYPHONE", r.json().get("device_id").asText());
        Reply who = server.get("/_matrix/client/v3/account/whoami", "Authorization", "Bearer " + r.json().get("access_token").asText());
        assertEquals("MYPHONE", who.json().get("device_id").asText());
        Reply bad = register("{\"username\":\"dev2\",\"password\":\"pw\",\"device_id\":\"" + "D".repeat(200) + "\"}");
        assertEquals("M_INVALID_PARAM", bad.errcode());
    }

    @Test
    void guestsAreForbidden() {
        Reply r = server.post(REGISTER + "?kind=guest", "{}");
        assertEquals(403, r.status());
        assertEquals("M_GUEST_ACCESS_FORBIDDEN", r.errcode());
        assertEquals(401, server.post(REGISTER + "?kind=user", "{}").status());
        assertEquals("M_INVALID_PARAM", server.post(REGISTER + "?kind=robot", "{}").errcode());
    }

    @Test
    void wrongFieldTypesAreBadJsonAndAnEmptyBodyIsNotJson() {
        assertEquals("M_BAD_JSON", register("{\"username\":5}").errcode());
        assertEquals("M_BAD_JSON", register("{\"inhibit_login\":\"yes\"}").errcode());
        assertEquals("M_BAD_JSON", register("{\"auth\":\"m.login.dummy\"}").errcode());
        assertEquals("M_BAD_JSON", register("{\"auth\":{\"type\":1}}").errcode());
        assertEquals("M_NOT_JSON", register("").errcode());
    }

    @Test
    void theR0PathWorksToo() {
        Reply r = server.post("/_matrix/client/r0/register", "{\"username\":\"old\",\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        assertEquals(200, r.status());
    }

    @Test
    void availability() {
        Reply free = server.get("/_matrix/client/v3/register/available?username=carol");
        assertEquals(200, free.status());
        assertTrue(free.json().get("available").asBoolean());
        server.register("carol", "pw");
        Reply taken = server.get("/_matrix/client/r0/register/available?username=carol");
        assertEquals(400, taken.status());
        assertEquals("M_USER_IN_USE", taken.errcode());
        assertEquals("M_INVALID_USERNAME", server.get("/_matrix/client/v3/register/available?username=c%20d").errcode());
        assertEquals("M_MISSING_PARAM", server.get("/_matrix/client/v3/register/available").errcode());
        assertEquals("M_INVALID_PARAM", server.get("/_matrix/client/v3/register/available?username=%zz").errcode());
        assertFalse(server.storage.size("account") > 1);
    }
}
