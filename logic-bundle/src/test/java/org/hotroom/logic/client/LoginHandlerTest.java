package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginHandlerTest {

    private static final String LOGIN = "/_matrix/client/v3/login";
    private static final String USER_ID = "@alice:" + TestServer.SERVER_NAME;
    private final TestServer server = new TestServer();

    @BeforeEach
    void account() {
        server.register("alice", "correct horse");
    }

    private Reply login(String json) {
        return server.post(LOGIN, json);
    }

    private static String password(String identifier, String password) {
        return "{\"type\":\"m.login.password\",\"identifier\":" + identifier + ",\"password\":\"" + password + "\"}";
    }

    @Test
    void flows() {
        Reply r = server.get(LOGIN);
        assertEquals(200, r.status());
        assertEquals("{\"flows\":[{\"type\":\"m.login.password\"}]}", r.text());
    }

    @Test
    void byLocalpartOrFullUserIdOrDeprecatedUser() {
        for (String body : new String[] {
            password("{\"type\":\"m.id.user\",\"user\":\"alice\"}", "correct horse"),
            password("{\"type\":\"m.id.user\",\"user\":\"" + USER_ID + "\"}", "correct horse"),
            password("{\"type\":\"m.id.user\",\"user\":\"ALICE\"}", "correct horse"),
            "{\"type\":\"m.login.password\",\"user\":\"alice\",\"password\":\"correct horse\"}"}) {
            Reply r = login(body);
            assertEquals(200, r.status(), body + " -> " + r);
            JsonNode j = r.json();
            assertEquals(USER_ID, j.get("user_id").asText());
            assertEquals(TestServer.SERVER_NAME, j.get("home_server").asText());
            assertEquals(200, server.get("/_matrix/client/v3/account/whoami", "Authorization",
                    "Bearer " + j.get("access_token").asText()).status());
        }
    }

    @Test
    void wrongPasswordUnknownUserAndOtherServersAreForbidden() {
        for (String body : new String[] {
            password("{\"type\":\"m.id.user\",\"user\":\"alice\"}", "wrong"),
            password("{\"type\":\"m.id.user\",\"user\":\"nobody\"}", "correct horse"),
            password("{\"type\":\"m.id.user\",\"user\":\"@alice:elsewhere.org\"}", "correct horse"),
            password("{\"type\":\"m.id.user\",\"user\":\"\"}", "correct horse"),
            password("{\"type\":\"m.id.user\",\"user\":\"not valid!\"}", "correct horse"),
            password("{\"type\":\"m.id.thirdparty\",\"medium\":\"email\",\"address\":\"a@b.c\"}", "correct horse"),
            password("{\"type\":\"m.id.phone\",\"country\":\"GB\",\"phone\":\"123\"}", "correct horse"),
            "{\"type\":\"m.login.password\",\"medium\":\"email\",\"address\":\"a@b.c\",\"password\":\"x\"}"}) {
            Reply r = login(body);
            assertEquals(403, r.status(), body);
            assertEquals("M_FORBIDDEN", r.errcode(), body);
        }
    }

    @Test
    void unknownLoginOrIdentifierTypeIs400Unknown() {
        Reply r = login("{\"type\":\"m.login.token\",\"token\":\"abc\"}");
        assertEquals(400, r.status());
        assertEquals("M_UNKNOWN", r.errcode());
        Reply id = login(password("{\"type\":\"org.example.id\"}", "x"));
        assertEquals(400, id.status());
        assertEquals("M_UNKNOWN", id.errcode());
    }

    @Test
    void malformedRequestsAreBadJson() {
        assertEquals("M_BAD_JSON", login("{\"type\":\"m.login.password\",\"password\":\"x\"}").errcode()); // no identifier
        assertEquals("M_BAD_JSON", login(password("{\"type\":\"m.id.user\"}", "x")).errcode()); // no user
        assertEquals("M_BAD_JSON", login(password("{\"type\":\"m.id.user\",\"user\":1}", "x")).errcode());
        assertEquals("M_BAD_JSON", login("{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"alice\"}}").errcode());
        assertEquals("M_BAD_JSON", login("{\"type\":\"m.login.password\",\"identifier\":\"alice\",\"password\":\"x\"}").errcode());
    }

    @Test
    void aKnownDeviceIsReusedAndItsOldTokenRevoked() {
        String body = "{\"type\":\"m.login.password\",\"user\":\"alice\",\"password\":\"correct horse\",\"device_id\":\"LAPTOP\","
                + "\"initial_device_display_name\":\"Laptop\"}";
        JsonNode first = login(body).json();
        JsonNode second = login(body).json();
        assertEquals("LAPTOP", first.get("device_id").asText());
        assertEquals("LAPTOP", second.get("device_id").asText());
        assertNotEquals(first.get("access_token").asText(), second.get("access_token").asText());
        Reply old = server.get("/_matrix/client/v3/account/whoami", "Authorization", "Bearer " + first.get("access_token").asText());
        assertEquals(401, old.status());
        assertEquals("M_UNKNOWN_TOKEN", old.errcode());
        assertEquals(200, server.get("/_matrix/client/v3/account/whoami", "Authorization",
                "Bearer " + second.get("access_token").asText()).status());
    }

    @Test
    void eachLoginWithoutDeviceIdGetsANewDevice() {
        JsonNode a = server.login("alice", "correct horse");
        JsonNode b = server.login("alice", "correct horse");
        assertNotEquals(a.get("device_id").asText(), b.get("device_id").asText());
    }
}
