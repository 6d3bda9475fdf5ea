package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.Test;

class CapabilitiesHandlerTest {

    private static final String CAPABILITIES = "/_matrix/client/v3/capabilities";
    private final TestServer server = new TestServer();

    @Test
    void listsTheCapabilitiesOfThisServer() {
        String token = server.register("cap", "pw").get("access_token").asText();
        Reply r = server.get(CAPABILITIES, "Authorization", TestServer.bearer(token));
        assertEquals(200, r.status(), r.toString());
        JsonNode caps = r.json().get("capabilities");
        assertTrue(caps.get("m.change_password").get("enabled").asBoolean(false));
        assertTrue(caps.get("m.set_displayname").get("enabled").asBoolean(false));
        assertTrue(caps.get("m.set_avatar_url").get("enabled").asBoolean(false));
        assertFalse(caps.get("m.3pid_changes").get("enabled").asBoolean(true));
        assertTrue(caps.get("m.3pid_changes").get("enabled").isBoolean());
        JsonNode versions = caps.get("m.room_versions");
        assertEquals("12", versions.get("default").asText());
        List<String> ids = new ArrayList<>();
        versions.get("available").fieldNames().forEachRemaining(ids::add);
        assertEquals(12, ids.size());
        for (int v = 1; v <= 12; v++) {
            assertEquals("stable", versions.get("available").get(String.valueOf(v)).asText(), "room version " + v);
        }
    }

    @Test
    void theR0PathAndATrailingSlashWorkToo() {
        String token = server.register("cap", "pw").get("access_token").asText();
        Reply r = server.get("/_matrix/client/r0/capabilities/", "Authorization", TestServer.bearer(token));
        assertEquals(200, r.status(), r.toString());
        assertEquals("12", r.json().get("capabilities").get("m.room_versions").get("default").asText());
    }

    @Test
    void needsAnAccessToken() {
        Reply none = server.get(CAPABILITIES);
        assertEquals(401, none.status());
        assertEquals("M_MISSING_TOKEN", none.errcode());
        Reply unknown = server.get(CAPABILITIES, "Authorization", TestServer.bearer("hr_unknown"));
        assertEquals(401, unknown.status());
        assertEquals("M_UNKNOWN_TOKEN", unknown.errcode());
    }

    @Test
    void otherMethodsAre405() {
        Reply r = server.post(CAPABILITIES, "{}");
        assertEquals(405, r.status());
        assertEquals("M_UNRECOGNIZED", r.errcode());
    }
}
