package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.account.UserInteractiveAuth;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /devices, GET/PUT/DELETE /devices/{deviceId} and POST /delete_devices. */
class DevicesHandlerTest {

    private static final String DEVICES = "/_matrix/client/v3/devices";
    private static final String ME = "@dev:" + TestServer.SERVER_NAME;

    private final TestServer server = new TestServer();
    private String token;
    private String deviceId;

    @BeforeEach
    void register() {
        JsonNode reg = server.register("dev", "secret");
        token = reg.get("access_token").asText();
        deviceId = reg.get("device_id").asText();
    }

    private Reply call(String method, String path, String json, String bearer) {
        return server.call(method, path, json.getBytes(StandardCharsets.UTF_8), "Authorization", TestServer.bearer(bearer));
    }

    /** Logs in with a device ID and display name; returns the access token. */
    private String loginDevice(String id, String name) {
        Reply r = server.post("/_matrix/client/v3/login", "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\","
                + "\"user\":\"dev\"},\"password\":\"secret\",\"device_id\":\"" + id + "\",\"initial_device_display_name\":\"" + name + "\"}");
        assertEquals(200, r.status(), r.toString());
        return r.json().get("access_token").asText();
    }

    private static String passwordAuth(String user, String password, String session) {
        return "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"" + user + "\"},\"password\":\""
                + password + "\"" + (session == null ? "" : ",\"session\":\"" + session + "\"") + "}";
    }

    private List<String> deviceIds() {
        List<String> ids = new ArrayList<>();
        server.get(DEVICES, "Authorization", TestServer.bearer(token)).json().get("devices").forEach(d -> ids.add(d.get("device_id").asText()));
        return ids;
    }

    @Test
    void listsTheCallersDevices() {
        loginDevice("PHONE", "Jungle Phone");
        server.register("someone", "pw");
        Reply r = server.get(DEVICES, "Authorization", TestServer.bearer(token));
        assertEquals(200, r.status(), r.toString());
        JsonNode devices = r.json().get("devices");
        assertEquals(2, devices.size(), "only the caller's devices");
        JsonNode phone = null;
        for (JsonNode d : devices) {
            if (d.get("device_id").asText().equals("PHONE")) {
                phone = d;
            }
        }
        assertEquals("{\"device_id\":\"PHONE\",\"display_name\":\"Jungle Phone\"}", phone.toString());
        assertTrue(deviceIds().contains(deviceId));
        assertEquals(200, server.get("/_matrix/client/r0/devices/", "Authorization", TestServer.bearer(token)).status());
        assertEquals("M_MISSING_TOKEN", server.get(DEVICES).errcode());
    }

    @Test
    void getAndRenameOneDevice() {
        Reply one = server.get(DEVICES + "/" + deviceId, "Authorization", TestServer.bearer(token));
        assertEquals(200, one.status());
        assertEquals("{\"device_id\":\"" + deviceId + "\"}", one.text(), "no display name was given at registration");
        Reply rename = call("PUT", DEVICES + "/" + deviceId, "{\"display_name\":\"My other phone\"}", token);
        assertEquals(200, rename.status(), rename.toString());
        assertEquals("{}", rename.text());
        assertEquals("My other phone", server.get(DEVICES + "/" + deviceId, "Authorization", TestServer.bearer(token))
                .json().get("display_name").asText());
        // no display_name: unchanged
        assertEquals(200, call("PUT", "/_matrix/client/r0/devices/" + deviceId, "{}", token).status());
        assertEquals("My other phone", server.get("/_matrix/client/r0/devices/" + deviceId, "Authorization", TestServer.bearer(token))
                .json().get("display_name").asText());
        assertEquals("M_BAD_JSON", call("PUT", DEVICES + "/" + deviceId, "{\"display_name\":7}", token).errcode());
        assertEquals("M_NOT_JSON", call("PUT", DEVICES + "/" + deviceId, "", token).errcode());
    }

    @Test
    void unknownDevicesAre404() {
        String otherDevice = server.register("someone", "pw").get("device_id").asText();
        for (String id : new String[] {"NOPE", otherDevice, "D".repeat(300)}) {
            Reply get = server.get(DEVICES + "/" + id, "Authorization", TestServer.bearer(token));
            assertEquals(404, get.status(), id);
            assertEquals("M_NOT_FOUND", get.errcode(), id);
            Reply put = call("PUT", DEVICES + "/" + id, "{\"display_name\":\"x\"}", token);
            assertEquals(404, put.status(), id);
            assertEquals("M_NOT_FOUND", put.errcode(), id);
            assertEquals("M_NOT_FOUND", call("PUT", DEVICES + "/" + id, "{}", token).errcode(), id);
        }
    }

    @Test
    void deletingNeedsThePassword() {
        String phoneToken = loginDevice("PHONE", "phone");
        // first attempt, no body at all: the flows
        Reply first = call("DELETE", DEVICES + "/PHONE", "", token);
        assertEquals(401, first.status(), first.toString());
        assertEquals("[{\"stages\":[\"m.login.password\"]}]", first.json().get("flows").toString());
        assertNull(first.json().get("errcode"));
        String session = first.json().get("session").asText();
        // a wrong password fails the stage but keeps the session
        Reply wrong = call("DELETE", DEVICES + "/PHONE", "{\"auth\":" + passwordAuth("dev", "guess", session) + "}", token);
        assertEquals(401, wrong.status());
        assertEquals("M_FORBIDDEN", wrong.errcode());
        assertEquals(session, wrong.json().get("session").asText());
        assertEquals(200, server.get("/_matrix/client/v3/account/whoami", "Authorization", TestServer.bearer(phoneToken)).status());
        // the dummy stage is not offered here
        Reply dummy = call("DELETE", DEVICES + "/PHONE", "{\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + session + "\"}}", token);
        assertEquals(401, dummy.status());
        assertEquals("M_FORBIDDEN", dummy.errcode());
        // the right password deletes the device and revokes its token
        Reply ok = call("DELETE", DEVICES + "/PHONE", "{\"auth\":" + passwordAuth(ME, "secret", session) + "}", token);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals("{}", ok.text());
        assertEquals(List.of(deviceId), deviceIds());
        assertEquals("M_UNKNOWN_TOKEN", server.get("/_matrix/client/v3/account/whoami", "Authorization", TestServer.bearer(phoneToken)).errcode());
        assertEquals(0, server.storage.size(UserInteractiveAuth.TABLE), "the session is used up");
        // the session cannot be replayed
        assertEquals("M_INVALID_PARAM", call("DELETE", DEVICES + "/" + deviceId, "{\"auth\":{\"session\":\"" + session + "\"}}", token).errcode());
    }

    @Test
    void deletingWithoutASessionAndOfDevicesThatAreGone() {
        Reply ok = call("DELETE", "/_matrix/client/r0/devices/NEVER", "{\"auth\":" + passwordAuth("dev", "secret", null) + "}", token);
        assertEquals(200, ok.status(), "a device that does not exist is deleted already: " + ok);
        Reply huge = call("DELETE", DEVICES + "/" + "D".repeat(300), "{\"auth\":" + passwordAuth("dev", "secret", null) + "}", token);
        assertEquals(200, huge.status());
        // deleting one's own device logs oneself out
        Reply self = call("DELETE", DEVICES + "/" + deviceId, "{\"auth\":" + passwordAuth("dev", "secret", null) + "}", token);
        assertEquals(200, self.status());
        assertEquals("M_UNKNOWN_TOKEN", server.get(DEVICES, "Authorization", TestServer.bearer(token)).errcode());
    }

    @Test
    void thePasswordMustBeTheCallers() {
        server.register("mallory", "mpw");
        loginDevice("PHONE", "phone");
        Reply other = call("DELETE", DEVICES + "/PHONE", "{\"auth\":" + passwordAuth("mallory", "mpw", null) + "}", token);
        assertEquals(401, other.status(), "another user's valid password does not do");
        assertEquals("M_FORBIDDEN", other.errcode());
        Reply thirdParty = call("DELETE", DEVICES + "/PHONE", "{\"auth\":{\"type\":\"m.login.password\",\"identifier\":"
                + "{\"type\":\"m.id.thirdparty\",\"medium\":\"email\",\"address\":\"a@b.c\"},\"password\":\"secret\"}}", token);
        assertEquals(403, thirdParty.status());
        assertEquals("M_FORBIDDEN", thirdParty.errcode());
        Reply noIdentifier = call("DELETE", DEVICES + "/PHONE", "{\"auth\":{\"type\":\"m.login.password\",\"password\":\"secret\"}}", token);
        assertEquals(400, noIdentifier.status());
        assertEquals("M_BAD_JSON", noIdentifier.errcode());
        Reply legacyUser = call("DELETE", DEVICES + "/PHONE", "{\"auth\":{\"type\":\"m.login.password\",\"user\":\"dev\",\"password\":\"secret\"}}", token);
        assertEquals(200, legacyUser.status(), "the deprecated top-level user is still understood");
        assertEquals("M_NOT_JSON", call("DELETE", DEVICES + "/" + deviceId, "{auth", token).errcode());
        assertEquals("M_BAD_JSON", call("DELETE", DEVICES + "/" + deviceId, "{\"auth\":\"password\"}", token).errcode());
        assertTrue(deviceIds().contains(deviceId));
    }

    @Test
    void bulkDeletion() {
        loginDevice("A", "a");
        loginDevice("B", "b");
        loginDevice("C", "c");
        JsonNode someone = server.register("someone", "pw");
        String theirs = someone.get("device_id").asText();
        String body = "\"devices\":[\"A\",\"B\",\"NEVER\",\"" + theirs + "\"]";
        Reply first = server.post("/_matrix/client/v3/delete_devices", "{" + body + "}", "Authorization", TestServer.bearer(token));
        assertEquals(401, first.status(), first.toString());
        assertEquals("m.login.password", first.json().get("flows").get(0).get("stages").get(0).asText());
        String session = first.json().get("session").asText();
        Reply ok = server.post("/_matrix/client/r0/delete_devices", "{" + body + ",\"auth\":" + passwordAuth("dev", "secret", session) + "}",
                "Authorization", TestServer.bearer(token));
        assertEquals(200, ok.status(), ok.toString());
        List<String> left = deviceIds();
        assertEquals(2, left.size(), left.toString());
        assertTrue(left.contains("C") && left.contains(deviceId));
        assertEquals(3, server.storage.size("device"), "another user's device is not touched");
        assertEquals(200, server.get("/_matrix/client/v3/account/whoami", "Authorization",
                TestServer.bearer(someone.get("access_token").asText())).status());
    }

    @Test
    void bulkDeletionChecksItsBodyFirst() {
        Reply missing = server.post("/_matrix/client/v3/delete_devices", "{}", "Authorization", TestServer.bearer(token));
        assertEquals(400, missing.status());
        assertEquals("M_MISSING_PARAM", missing.errcode());
        assertEquals("M_BAD_JSON", server.post("/_matrix/client/v3/delete_devices", "{\"devices\":\"A\"}",
                "Authorization", TestServer.bearer(token)).errcode());
        assertEquals("M_BAD_JSON", server.post("/_matrix/client/v3/delete_devices", "{\"devices\":[1]}",
                "Authorization", TestServer.bearer(token)).errcode());
        assertEquals("M_NOT_JSON", server.post("/_matrix/client/v3/delete_devices", "", "Authorization", TestServer.bearer(token)).errcode());
        assertEquals("M_MISSING_TOKEN", server.post("/_matrix/client/v3/delete_devices", "{\"devices\":[]}").errcode());
        Reply wrong = server.post("/_matrix/client/v3/delete_devices", "{\"devices\":[\"" + deviceId + "\"],\"auth\":"
                + passwordAuth("dev", "nope", null) + "}", "Authorization", TestServer.bearer(token));
        assertEquals(401, wrong.status());
        assertEquals("M_FORBIDDEN", wrong.errcode());
        assertFalse(deviceIds().isEmpty());
    }
}
