package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hotroom.logic.account.AccountData;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountDataHandlerTest {

    private static final String ME = "@ada:" + TestServer.SERVER_NAME;
    private static final String ROOM = "!726s6s6q:example.com";
    private static final String GLOBAL = "/_matrix/client/v3/user/" + ME + "/account_data/";
    private static final String IN_ROOM = "/_matrix/client/v3/user/" + ME + "/rooms/" + ROOM + "/account_data/";

    private final TestServer server = new TestServer();
    private String token;

    @BeforeEach
    void register() {
        token = server.register("ada", "pw").get("access_token").asText();
    }

    private Reply put(String path, String json) {
        return server.call("PUT", path, json.getBytes(StandardCharsets.UTF_8), "Authorization", TestServer.bearer(token));
    }

    private Reply get(String path) {
        return server.get(path, "Authorization", TestServer.bearer(token));
    }

    private long position() {
        return server.storage.position(AccountData.STREAM);
    }

    @Test
    void globalAccountDataRoundTrips() {
        Reply r = put(GLOBAL + "org.example.custom.config", "{\"custom_account_data_key\":\"custom_config_value\"}");
        assertEquals(200, r.status(), r.toString());
        assertEquals("{}", r.text());
        assertEquals("{\"custom_account_data_key\":\"custom_config_value\"}", get(GLOBAL + "org.example.custom.config").text());
        assertEquals(200, put(GLOBAL + "org.example.custom.config", "{\"v\":2}").status());
        assertEquals("{\"v\":2}", get(GLOBAL + "org.example.custom.config").text(), "a write replaces");
        assertEquals(200, put(GLOBAL + "m.direct", "{\"@bob:example.org\":[\"" + ROOM + "\"]}").status());
        assertEquals("{\"@bob:example.org\":[\"" + ROOM + "\"]}", get(GLOBAL + "m.direct").text());
    }

    @Test
    void roomAccountDataIsSeparateFromGlobalAndPerRoom() {
        assertEquals(200, put(IN_ROOM + "m.tag", "{\"tags\":{\"u.work\":{\"order\":1}}}").status());
        assertEquals("{\"tags\":{\"u.work\":{\"order\":1}}}", get(IN_ROOM + "m.tag").text());
        Reply global = get(GLOBAL + "m.tag");
        assertEquals(404, global.status(), "no fallback to global data");
        assertEquals("M_NOT_FOUND", global.errcode());
        Reply otherRoom = get("/_matrix/client/v3/user/" + ME + "/rooms/!other:example.com/account_data/m.tag");
        assertEquals(404, otherRoom.status());
        assertEquals("M_NOT_FOUND", otherRoom.errcode());
        // version 12 room IDs have no domain
        String v12 = "/_matrix/client/v3/user/" + ME + "/rooms/!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM/account_data/m.tag";
        assertEquals(200, put(v12, "{\"tags\":{}}").status());
        assertEquals("{\"tags\":{}}", get(v12).text());
    }

    @Test
    void absentDataIs404() {
        Reply r = get(GLOBAL + "org.example.none");
        assertEquals(404, r.status());
        assertEquals("M_NOT_FOUND", r.errcode());
        assertEquals("M_NOT_FOUND", get(IN_ROOM + "org.example.none").errcode());
        assertEquals("M_NOT_FOUND", get(IN_ROOM + "m.fully_read").errcode(), "server-managed types read as normal");
    }

    @Test
    void onlyOneselfMayReadOrWrite() {
        put(GLOBAL + "org.example.secret", "{\"s\":1}");
        String other = server.register("eve", "pw").get("access_token").asText();
        for (String path : new String[] {GLOBAL + "org.example.secret", IN_ROOM + "m.tag"}) {
            Reply read = server.get(path, "Authorization", TestServer.bearer(other));
            assertEquals(403, read.status(), path);
            assertEquals("M_FORBIDDEN", read.errcode(), path);
            Reply write = server.call("PUT", path, "{}".getBytes(StandardCharsets.UTF_8), "Authorization", TestServer.bearer(other));
            assertEquals(403, write.status(), path);
            assertEquals("M_FORBIDDEN", write.errcode(), path);
        }
        assertEquals("M_MISSING_TOKEN", server.get(GLOBAL + "org.example.secret").errcode());
    }

    @Test
    void serverManagedTypesAreRefusedWith405() {
        for (String path : new String[] {GLOBAL + "m.fully_read", GLOBAL + "m.push_rules", IN_ROOM + "m.fully_read",
                IN_ROOM + "m.push_rules"}) {
            Reply r = put(path, "{\"event_id\":\"$x\"}");
            assertEquals(405, r.status(), path);
            assertEquals("M_BAD_JSON", r.errcode(), path);
        }
        assertEquals(0, server.storage.size(AccountData.TABLE));
        // m.push_rules reads as the ruleset
        Reply rules = get(GLOBAL + "m.push_rules");
        assertEquals(200, rules.status());
        assertEquals(".m.rule.master", rules.json().get("global").get("override").get(0).get("rule_id").asText());
    }

    @Test
    void invalidRoomIdsAre400() {
        for (String room : new String[] {"not-a-room", "%23alias:example.com", "@user:example.com", "!"}) {
            String path = "/_matrix/client/v3/user/" + ME + "/rooms/" + room + "/account_data/m.tag";
            Reply g = get(path);
            assertEquals(400, g.status(), room);
            assertEquals("M_INVALID_PARAM", g.errcode(), room);
            Reply p = put(path, "{}");
            assertEquals("M_INVALID_PARAM", p.errcode(), room);
        }
    }

    @Test
    void malformedContentIsRefusedAndWritesNothing() {
        long before = position();
        int writes = server.storage.writes();
        assertEquals("M_NOT_JSON", put(GLOBAL + "org.example.x", "not json").errcode());
        assertEquals("M_BAD_JSON", put(GLOBAL + "org.example.x", "[1,2]").errcode());
        assertEquals("M_BAD_JSON", put(GLOBAL + "org.example.x", "{\"ratio\":0.5}").errcode());
        assertEquals("M_BAD_JSON", put(GLOBAL + "org.example.x", "{\"big\":9007199254740992}").errcode());
        Reply longType = put(GLOBAL + "x".repeat(256), "{}");
        assertEquals(400, longType.status());
        assertEquals("M_INVALID_PARAM", longType.errcode());
        assertEquals(200, put(GLOBAL + "x".repeat(255), "{}").status());
        assertEquals(before + 1, position());
        assertEquals(writes + 3, server.storage.writes(), "one stream advance, one record, one change entry");
    }

    @Test
    void everyWriteAdvancesTheStreamAndTheChangeLogKeepsTheLatest() {
        long start = position();
        put(GLOBAL + "a.one", "{}");
        put(IN_ROOM + "a.two", "{}");
        put(GLOBAL + "a.one", "{\"again\":true}");
        assertEquals(start + 3, position());
        List<AccountData.Change> all = changesSince(start);
        assertEquals(List.of(new AccountData.Change(start + 2, ROOM, "a.two"), new AccountData.Change(start + 3, null, "a.one")), all);
        assertEquals(List.of(new AccountData.Change(start + 3, null, "a.one")), changesSince(start + 2));
        assertEquals(List.of(), changesSince(start + 3));
        assertNull(server.storage.read(s -> new AccountData(s).content("ada", ROOM, "a.one")));
        // push rule changes are logged as m.push_rules
        server.call("PUT", "/_matrix/client/v3/pushrules/global/override/.m.rule.master/enabled",
                "{\"enabled\":true}".getBytes(StandardCharsets.UTF_8), "Authorization", TestServer.bearer(token));
        assertEquals(List.of(new AccountData.Change(start + 4, null, "m.push_rules")), changesSince(start + 3));
    }

    private List<AccountData.Change> changesSince(long since) {
        return server.storage.read(s -> new AccountData(s).changesSince("ada", since));
    }

    @Test
    void writesAdvanceTheServerWideSyncStreamAndAllListsTheLatestRecords() {
        assertEquals("sync", AccountData.STREAM, "account data shares /sync's stream (docs/ROOMS.md)");
        long start = server.storage.position("sync");
        put(GLOBAL + "a.one", "{\"v\":1}");
        put(IN_ROOM + "m.tag", "{\"tags\":{}}");
        put(GLOBAL + "a.one", "{\"v\":2}");
        assertEquals(start + 3, server.storage.position("sync"));
        List<AccountData.Entry> all = server.storage.read(s -> new AccountData(s).all("ada"));
        assertEquals(2, all.size(), all.toString());
        AccountData.Entry global = all.stream().filter(e -> e.roomId() == null).findFirst().orElseThrow();
        assertEquals("a.one", global.type());
        assertEquals(start + 3, global.position());
        assertEquals("{\"v\":2}", global.content().toString());
        AccountData.Entry tag = all.stream().filter(e -> e.roomId() != null).findFirst().orElseThrow();
        assertEquals(ROOM, tag.roomId());
        assertEquals(start + 2, tag.position());
        assertEquals(List.of(), server.storage.read(s -> new AccountData(s).all("someone")));
    }

    @Test
    void theR0AliasWorks() {
        assertEquals(200, put("/_matrix/client/r0/user/" + ME + "/account_data/org.example.r0", "{\"r\":0}").status());
        assertEquals("{\"r\":0}", get("/_matrix/client/r0/user/" + ME + "/account_data/org.example.r0").text());
        assertEquals(200, put("/_matrix/client/r0/user/" + ME + "/rooms/" + ROOM + "/account_data/org.example.r0", "{\"r\":1}").status());
        assertEquals("{\"r\":1}", get("/_matrix/client/r0/user/" + ME + "/rooms/" + ROOM + "/account_data/org.example.r0").text());
    }
}
