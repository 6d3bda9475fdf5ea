package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotroom.logic.account.Filters;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FilterHandlerTest {

    private static final String ME = "@fil:" + TestServer.SERVER_NAME;
    private static final String UPLOAD = "/_matrix/client/v3/user/" + ME + "/filter";
    /** The spec's example filter. */
    private static final String EXAMPLE = "{\"room\":{\"state\":{\"types\":[\"m.room.*\"],\"not_rooms\":[\"!726s6s6q:example.com\"]},"
            + "\"timeline\":{\"limit\":10,\"types\":[\"m.room.message\"],\"not_rooms\":[\"!726s6s6q:example.com\"],"
            + "\"not_senders\":[\"@spam:example.com\"]},\"ephemeral\":{\"types\":[\"m.receipt\",\"m.typing\"],"
            + "\"not_rooms\":[\"!726s6s6q:example.com\"],\"not_senders\":[\"@spam:example.com\"]}},"
            + "\"presence\":{\"types\":[\"m.presence\"],\"not_senders\":[\"@alice:example.com\"]},"
            + "\"event_format\":\"client\",\"event_fields\":[\"type\",\"content\",\"sender\"]}";

    private final TestServer server = new TestServer();
    private String token;

    @BeforeEach
    void register() {
        token = server.register("fil", "pw").get("access_token").asText();
    }

    private Reply upload(String json) {
        return server.post(UPLOAD, json, "Authorization", TestServer.bearer(token));
    }

    private Reply download(String id) {
        return server.get(UPLOAD + "/" + id, "Authorization", TestServer.bearer(token));
    }

    @Test
    void uploadAndDownload() throws Exception {
        Reply up = upload(EXAMPLE);
        assertEquals(200, up.status(), up.toString());
        String id = up.json().get("filter_id").asText();
        assertFalse(id.isEmpty());
        assertFalse(id.startsWith("{"));
        Reply down = download(id);
        assertEquals(200, down.status(), down.toString());
        assertEquals(new ObjectMapper().readTree(EXAMPLE), down.json());
        assertEquals(1, server.storage.size(Filters.TABLE));
    }

    @Test
    void theSameFilterGetsTheSameIdAndAnotherAnother() {
        String a = upload(EXAMPLE).json().get("filter_id").asText();
        assertEquals(a, upload(EXAMPLE).json().get("filter_id").asText());
        String b = upload("{\"room\":{\"timeline\":{\"limit\":0}}}").json().get("filter_id").asText();
        assertNotEquals(a, b);
        assertEquals(2, server.storage.size(Filters.TABLE));
        assertEquals(0, download(b).json().get("room").get("timeline").get("limit").asInt(-1));
    }

    @Test
    void filtersBelongToTheirUser() {
        String id = upload(EXAMPLE).json().get("filter_id").asText();
        String other = server.register("other", "pw").get("access_token").asText();
        Reply up = server.post(UPLOAD, EXAMPLE, "Authorization", TestServer.bearer(other));
        assertEquals(403, up.status());
        assertEquals("M_FORBIDDEN", up.errcode());
        Reply down = server.get(UPLOAD + "/" + id, "Authorization", TestServer.bearer(other));
        assertEquals(403, down.status());
        assertEquals("M_FORBIDDEN", down.errcode());
        // and under their own user ID they have no such filter
        Reply theirs = server.get("/_matrix/client/v3/user/@other:" + TestServer.SERVER_NAME + "/filter/" + id,
                "Authorization", TestServer.bearer(other));
        assertEquals(404, theirs.status());
        assertEquals("M_NOT_FOUND", theirs.errcode());
    }

    @Test
    void unknownFiltersAre404() {
        for (String id : new String[] {"0123456789abcdef", "nope", "{}", "x".repeat(500), "%C3%A9".repeat(100)}) {
            Reply r = download(id);
            assertEquals(404, r.status(), id);
            assertEquals("M_NOT_FOUND", r.errcode(), id);
        }
    }

    @Test
    void theR0AliasWorks() {
        Reply up = server.post("/_matrix/client/r0/user/" + ME + "/filter", "{}", "Authorization", TestServer.bearer(token));
        assertEquals(200, up.status(), up.toString());
        String id = up.json().get("filter_id").asText();
        Reply down = server.get("/_matrix/client/r0/user/" + ME + "/filter/" + id, "Authorization", TestServer.bearer(token));
        assertEquals("{}", down.text());
    }

    @Test
    void realClientFiltersAreAccepted() {
        String[] filters = {
            // Element Web
            "{\"room\":{\"state\":{\"lazy_load_members\":true},\"timeline\":{\"unread_thread_notifications\":true}}}",
            // a bot that wants no timeline, no presence
            "{\"room\":{\"timeline\":{\"limit\":0}},\"presence\":{\"not_types\":[\"*\"]},\"account_data\":{\"types\":[]}}",
            // namespaced extensions and MSC3440 fields
            "{\"room\":{\"timeline\":{\"org.matrix.msc3773.unread_thread_notifications\":true,"
                    + "\"related_by_rel_types\":[\"m.thread\"],\"related_by_senders\":[\"@a:b\"]}},\"org.example.x\":{\"y\":1}}",
            // room IDs of room version 12 have no domain
            "{\"room\":{\"rooms\":[\"!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM\"],\"include_leave\":true,"
                    + "\"account_data\":{\"not_types\":[\"m.tag\"],\"contains_url\":false}},\"event_format\":\"federation\"}",
        };
        for (String f : filters) {
            Reply r = upload(f);
            assertEquals(200, r.status(), f + " -> " + r);
        }
    }

    @Test
    void nonsenseIsBadJson() {
        String[] bad = {
            "{\"room\":5}",
            "{\"room\":{\"timeline\":{\"limit\":-1}}}",
            "{\"room\":{\"timeline\":{\"limit\":1.5}}}",
            "{\"room\":{\"timeline\":{\"limit\":\"10\"}}}",
            "{\"event_format\":\"xml\"}",
            "{\"event_fields\":\"type\"}",
            "{\"event_fields\":[1]}",
            "{\"room\":{\"rooms\":[\"not-a-room\"]}}",
            "{\"room\":{\"timeline\":{\"not_rooms\":[\"#alias:example.org\"]}}}",
            "{\"presence\":{\"senders\":[\"alice\"]}}",
            "{\"room\":{\"timeline\":{\"types\":[1]}}}",
            "{\"room\":{\"state\":{\"lazy_load_members\":\"yes\"}}}",
            "{\"room\":{\"include_leave\":1}}",
            "{\"bogus\":1}",
            "{\"room\":{\"bogus\":1}}",
            "{\"presence\":{\"lazy_load_members\":true}}",
            "{\"room\":{\"timeline\":{\"include_leave\":true}}}",
            "{\"org.example.float\":0.5}",
            "[]",
        };
        for (String f : bad) {
            Reply r = upload(f);
            assertEquals(400, r.status(), f);
            assertEquals("M_BAD_JSON", r.errcode(), f + " -> " + r);
        }
        assertEquals("M_NOT_JSON", upload("{room}").errcode());
        assertEquals(0, server.storage.size(Filters.TABLE), "nothing was stored");
    }

    @Test
    void needsAnAccessToken() {
        assertEquals("M_MISSING_TOKEN", server.post(UPLOAD, "{}").errcode());
        assertEquals("M_MISSING_TOKEN", server.get(UPLOAD + "/abc").errcode());
    }

    @Test
    void theStoredFilterIsReturnedAsJson() {
        JsonNode f = download(upload("{\"room\":{\"timeline\":{\"limit\":5}}}").json().get("filter_id").asText()).json();
        assertEquals(5, f.get("room").get("timeline").get("limit").asInt());
    }
}
