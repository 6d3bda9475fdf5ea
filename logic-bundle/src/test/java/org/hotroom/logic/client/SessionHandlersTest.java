package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.Test;

/** whoami, logout, logout/all, and how access tokens are found. */
class SessionHandlersTest {

    private static final String WHOAMI = "/_matrix/client/v3/account/whoami";
    private final TestServer server = new TestServer();

    private Reply whoami(String token) {
        return server.get(WHOAMI, "Authorization", "Bearer " + token);
    }

    @Test
    void whoamiByHeaderOrQueryParameter() {
        JsonNode reg = server.register("dora", "pw");
        String token = reg.get("access_token").asText();
        Reply byHeader = whoami(token);
        assertEquals(200, byHeader.status());
        assertEquals("@dora:" + TestServer.SERVER_NAME, byHeader.json().get("user_id").asText());
        assertEquals(reg.get("device_id").asText(), byHeader.json().get("device_id").asText());
        assertFalse(byHeader.json().get("is_guest").asBoolean());
        assertEquals(200, server.get(WHOAMI, "authorization", "bearer " + token).status(), "scheme is case-insensitive");
        Reply byQuery = server.get(WHOAMI + "?access_token=" + token);
        assertEquals(200, byQuery.status());
        assertEquals("@dora:" + TestServer.SERVER_NAME, byQuery.json().get("user_id").asText());
        assertEquals(200, server.get("/_matrix/client/r0/account/whoami/?access_token=" + token).status());
    }

    @Test
    void missingTokenIs401MissingToken() {
        Reply r = server.get(WHOAMI);
        assertEquals(401, r.status());
        assertEquals("M_MISSING_TOKEN", r.errcode());
        assertEquals("M_MISSING_TOKEN", server.get(WHOAMI, "Authorization", "Basic abc").errcode());
        assertEquals("M_MISSING_TOKEN", server.get(WHOAMI + "?access_token=").errcode());
    }

    @Test
    void unknownTokenIs401UnknownTokenWithoutSoftLogout() {
        Reply r = whoami("hr_nonsense");
        assertEquals(401, r.status());
        assertEquals("M_UNKNOWN_TOKEN", r.errcode());
        assertFalse(r.json().get("soft_logout").asBoolean(true));
        assertEquals("M_UNKNOWN_TOKEN", server.get(WHOAMI + "?access_token=nope").errcode());
    }

    @Test
    void logoutRevokesOnlyThatToken() {
        String a = server.register("erin", "pw").get("access_token").asText();
        String b = server.login("erin", "pw").get("access_token").asText();
        // the spec gives /logout an empty body; whatever is sent is ignored
        Reply out = server.post("/_matrix/client/v3/logout", "", "Authorization", "Bearer " + a);
        assertEquals(200, out.status());
        assertEquals("{}", out.text());
        assertEquals("M_UNKNOWN_TOKEN", whoami(a).errcode());
        assertEquals(200, whoami(b).status());
        assertEquals("M_UNKNOWN_TOKEN", server.post("/_matrix/client/v3/logout", "", "Authorization", "Bearer " + a).errcode());
        assertEquals(1, server.storage.size("device"));
    }

    @Test
    void logoutAllRevokesEveryTokenOfTheUserOnly() {
        String a = server.register("finn", "pw").get("access_token").asText();
        String b = server.login("finn", "pw").get("access_token").asText();
        String other = server.register("fionn", "pw").get("access_token").asText();
        Reply out = server.post("/_matrix/client/r0/logout/all", "not json at all", "Authorization", "Bearer " + b);
        assertEquals(200, out.status());
        assertEquals("M_UNKNOWN_TOKEN", whoami(a).errcode());
        assertEquals("M_UNKNOWN_TOKEN", whoami(b).errcode());
        assertEquals(200, whoami(other).status());
        assertEquals(1, server.storage.size("device"));
        assertEquals(1, server.storage.size("token"));
    }

    @Test
    void logoutNeedsAToken() {
        assertEquals("M_MISSING_TOKEN", server.post("/_matrix/client/v3/logout", "").errcode());
        assertEquals("M_MISSING_TOKEN", server.post("/_matrix/client/v3/logout/all", "").errcode());
    }
}
