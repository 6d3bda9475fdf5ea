package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import org.hotroom.logic.account.Profiles;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileHandlerTest {

    private static final String ME = "@pia:" + TestServer.SERVER_NAME;
    private static final String PROFILE = "/_matrix/client/v3/profile/";

    private final TestServer server = new TestServer();
    private String token;

    @BeforeEach
    void register() {
        token = server.register("pia", "pw").get("access_token").asText();
    }

    private Reply put(String path, String json, String bearer) {
        return server.call("PUT", path, json.getBytes(StandardCharsets.UTF_8), "Authorization", TestServer.bearer(bearer));
    }

    private Reply put(String path, String json) {
        return put(path, json, token);
    }

    @Test
    void aNewAccountHasItsLocalpartAsDisplayName() {
        Reply p = server.get(PROFILE + ME);
        assertEquals(200, p.status(), p.toString());
        assertEquals("{\"displayname\":\"pia\"}", p.text());
        assertEquals("{\"displayname\":\"pia\"}", server.get(PROFILE + ME + "/displayname").text());
        Reply avatar = server.get(PROFILE + ME + "/avatar_url");
        assertEquals(404, avatar.status());
        assertEquals("M_NOT_FOUND", avatar.errcode());
    }

    @Test
    void settingAndReadingWithoutAToken() {
        Reply name = put(PROFILE + ME + "/displayname", "{\"displayname\":\"Pia Q\"}");
        assertEquals(200, name.status(), name.toString());
        assertEquals("{}", name.text());
        Reply avatar = put(PROFILE + ME + "/avatar_url", "{\"avatar_url\":\"mxc://matrix.org/SDGdghriugerRg\"}");
        assertEquals(200, avatar.status(), avatar.toString());
        assertEquals("{\"avatar_url\":\"mxc://matrix.org/SDGdghriugerRg\",\"displayname\":\"Pia Q\"}", server.get(PROFILE + ME).text());
        assertEquals("{\"displayname\":\"Pia Q\"}", server.get(PROFILE + ME + "/displayname").text());
        assertEquals("{\"avatar_url\":\"mxc://matrix.org/SDGdghriugerRg\"}", server.get(PROFILE + ME + "/avatar_url").text());
        // other users see it too, with or without a token
        String other = server.register("oz", "pw").get("access_token").asText();
        assertEquals(200, server.get(PROFILE + ME, "Authorization", TestServer.bearer(other)).status());
    }

    @Test
    void theEmptyStringRemovesAField() {
        put(PROFILE + ME + "/avatar_url", "{\"avatar_url\":\"mxc://example.org:8448/abc_-123\"}");
        assertEquals(200, put(PROFILE + ME + "/displayname", "{\"displayname\":\"\"}").status());
        assertEquals("M_NOT_FOUND", server.get(PROFILE + ME + "/displayname").errcode(), "removed names do not come back");
        assertEquals(200, put(PROFILE + ME + "/avatar_url", "{\"avatar_url\":\"\"}").status());
        assertEquals("{}", server.get(PROFILE + ME).text());
    }

    @Test
    void onlyOneselfCanChangeAProfile() {
        String other = server.register("oz", "pw").get("access_token").asText();
        Reply r = put(PROFILE + ME + "/displayname", "{\"displayname\":\"hacked\"}", other);
        assertEquals(403, r.status());
        assertEquals("M_FORBIDDEN", r.errcode());
        assertEquals("M_FORBIDDEN", put(PROFILE + ME + "/avatar_url", "{\"avatar_url\":\"mxc://a.b/c\"}", other).errcode());
        assertEquals("M_FORBIDDEN", put(PROFILE + "@pia:elsewhere.org/displayname", "{\"displayname\":\"x\"}").errcode());
        Reply none = server.call("PUT", PROFILE + ME + "/displayname", "{\"displayname\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, none.status());
        assertEquals("M_MISSING_TOKEN", none.errcode());
        assertEquals("{\"displayname\":\"pia\"}", server.get(PROFILE + ME).text());
    }

    @Test
    void avatarUrlsMustBeMxcUris() {
        String[] bad = {"https://example.org/a.png", "mxc://example.org", "mxc://example.org/", "mxc://example.org/../../etc",
            "mxc://exa mple.org/abc", "mxc://example.org/abc/def", "mxc://example.org/ab%2Fc", "MXC://example.org/abc",
            "mxc://example.org/" + "a".repeat(1000)};
        for (String url : bad) {
            Reply r = put(PROFILE + ME + "/avatar_url", "{\"avatar_url\":\"" + url + "\"}");
            assertEquals(400, r.status(), url);
            assertEquals("M_INVALID_PARAM", r.errcode(), url);
        }
        assertEquals(200, put(PROFILE + ME + "/avatar_url", "{\"avatar_url\":\"mxc://[::1]:8448/AbC_9-z\"}").status());
    }

    @Test
    void malformedBodies() {
        Reply missing = put(PROFILE + ME + "/displayname", "{\"avatar_url\":\"mxc://a.b/c\"}");
        assertEquals(400, missing.status());
        assertEquals("M_MISSING_PARAM", missing.errcode());
        assertEquals("M_MISSING_PARAM", put(PROFILE + ME + "/avatar_url", "{}").errcode());
        assertEquals("M_BAD_JSON", put(PROFILE + ME + "/displayname", "{\"displayname\":null}").errcode());
        assertEquals("M_BAD_JSON", put(PROFILE + ME + "/displayname", "{\"displayname\":5}").errcode());
        assertEquals("M_BAD_JSON", put(PROFILE + ME + "/avatar_url", "{\"avatar_url\":[\"mxc://a.b/c\"]}").errcode());
        assertEquals("M_NOT_JSON", put(PROFILE + ME + "/displayname", "Pia").errcode());
        Reply tooLong = put(PROFILE + ME + "/displayname", "{\"displayname\":\"" + "\uD83D\uDE00".repeat(257) + "\"}");
        assertEquals(400, tooLong.status());
        assertEquals("M_INVALID_PARAM", tooLong.errcode());
        assertEquals(200, put(PROFILE + ME + "/displayname", "{\"displayname\":\"" + "\uD83D\uDE00".repeat(256) + "\"}").status(),
                "256 characters, counted as code points");
        assertEquals(1, server.storage.size(Profiles.TABLE));
    }

    @Test
    void unknownAndRemoteUsersAre404AndNonsenseIs400() {
        for (String path : new String[] {PROFILE + "@nobody:" + TestServer.SERVER_NAME,
                PROFILE + "@nobody:" + TestServer.SERVER_NAME + "/displayname",
                PROFILE + "@PIA:" + TestServer.SERVER_NAME,
                PROFILE + "@pia:remote.example/avatar_url",
                PROFILE + "@pia:remote.example"}) {
            Reply r = server.get(path);
            assertEquals(404, r.status(), path);
            assertEquals("M_NOT_FOUND", r.errcode(), path);
        }
        for (String id : new String[] {"pia", "@pia", "!room:" + TestServer.SERVER_NAME, "@pia:bad%20server"}) {
            Reply r = server.get(PROFILE + id);
            assertEquals(400, r.status(), id);
            assertEquals("M_INVALID_PARAM", r.errcode(), id);
        }
    }

    @Test
    void theR0AliasWorks() {
        assertEquals(200, put("/_matrix/client/r0/profile/" + ME + "/displayname", "{\"displayname\":\"Old\"}").status());
        assertEquals("{\"displayname\":\"Old\"}", server.get("/_matrix/client/r0/profile/" + ME).text());
        assertEquals("{\"displayname\":\"Old\"}", server.get("/_matrix/client/r0/profile/" + ME + "/displayname").text());
        assertFalse(server.get("/_matrix/client/r0/profile/" + ME + "/avatar_url").status() == 200);
    }
}
