package org.hotroom.logic.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.account.AccountData;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The push rules API: the spec's default ruleset, enabling, actions, and user-defined rules. */
class PushRulesHandlerTest {

    private static final String BASE = "/_matrix/client/v3/pushrules/";
    private static final String ME = "@pat:" + TestServer.SERVER_NAME;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TestServer server = new TestServer();
    private String token;

    @BeforeEach
    void register() {
        token = server.register("pat", "pw").get("access_token").asText();
    }

    private Reply get(String path) {
        return server.get(path, "Authorization", TestServer.bearer(token));
    }

    private Reply put(String path, String json) {
        return server.call("PUT", path, json.getBytes(StandardCharsets.UTF_8), "Authorization", TestServer.bearer(token));
    }

    private Reply delete(String path) {
        return server.call("DELETE", path, new byte[0], "Authorization", TestServer.bearer(token));
    }

    private JsonNode global() {
        Reply r = get(BASE);
        assertEquals(200, r.status(), r.toString());
        return r.json().get("global");
    }

    private static List<String> ids(JsonNode rules) {
        List<String> out = new ArrayList<>();
        rules.forEach(r -> out.add(r.get("rule_id").asText()));
        return out;
    }

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode find(JsonNode rules, String id) {
        for (JsonNode r : rules) {
            if (r.get("rule_id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + id + " in " + rules);
    }

    @Test
    void theDefaultRulesetIsTheSpecsInItsOrder() {
        JsonNode global = global();
        assertEquals(List.of(".m.rule.master", ".m.rule.suppress_notices", ".m.rule.invite_for_me",
                ".m.rule.member_event", ".m.rule.is_user_mention", ".m.rule.is_room_mention", ".m.rule.tombstone",
                ".m.rule.reaction", ".m.rule.room.server_acl", ".m.rule.suppress_edits"), ids(global.get("override")));
        assertEquals(List.of(".m.rule.call", ".m.rule.encrypted_room_one_to_one", ".m.rule.room_one_to_one",
                ".m.rule.message", ".m.rule.encrypted"), ids(global.get("underride")));
        // spec v1.17 removed the legacy body-matching rules, content rules included
        assertEquals(0, global.get("content").size());
        assertEquals(0, global.get("room").size());
        assertEquals(0, global.get("sender").size());
        for (String kind : List.of("override", "underride")) {
            for (JsonNode r : global.get(kind)) {
                assertTrue(r.get("default").asBoolean(false), r.toString());
                assertTrue(r.get("conditions").isArray(), r.toString());
                assertTrue(r.get("actions").isArray(), r.toString());
                assertTrue(r.get("enabled").isBoolean(), r.toString());
            }
        }
    }

    @Test
    void defaultRulesMatchTheSpecDefinitionsWithTheUsersId() {
        JsonNode global = global();
        assertEquals(json("{\"rule_id\":\".m.rule.master\",\"default\":true,\"enabled\":false,\"conditions\":[],\"actions\":[]}"),
                find(global.get("override"), ".m.rule.master"));
        assertEquals(json("{\"rule_id\":\".m.rule.invite_for_me\",\"default\":true,\"enabled\":true,\"conditions\":["
                        + "{\"key\":\"type\",\"kind\":\"event_match\",\"pattern\":\"m.room.member\"},"
                        + "{\"key\":\"content.membership\",\"kind\":\"event_match\",\"pattern\":\"invite\"},"
                        + "{\"key\":\"state_key\",\"kind\":\"event_match\",\"pattern\":\"" + ME + "\"}],"
                        + "\"actions\":[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"default\"}]}"),
                find(global.get("override"), ".m.rule.invite_for_me"));
        assertEquals(json("{\"rule_id\":\".m.rule.is_user_mention\",\"default\":true,\"enabled\":true,\"conditions\":["
                        + "{\"kind\":\"event_property_contains\",\"key\":\"content.m\\\\.mentions.user_ids\",\"value\":\"" + ME + "\"}],"
                        + "\"actions\":[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"default\"},{\"set_tweak\":\"highlight\"}]}"),
                find(global.get("override"), ".m.rule.is_user_mention"));
        assertEquals("content.m\\.mentions.user_ids",
                find(global.get("override"), ".m.rule.is_user_mention").get("conditions").get(0).get("key").asText());
        assertEquals(json("{\"rule_id\":\".m.rule.is_room_mention\",\"default\":true,\"enabled\":true,\"conditions\":["
                        + "{\"kind\":\"event_property_is\",\"key\":\"content.m\\\\.mentions.room\",\"value\":true},"
                        + "{\"kind\":\"sender_notification_permission\",\"key\":\"room\"}],"
                        + "\"actions\":[\"notify\",{\"set_tweak\":\"highlight\"}]}"),
                find(global.get("override"), ".m.rule.is_room_mention"));
        assertEquals(json("{\"rule_id\":\".m.rule.suppress_edits\",\"default\":true,\"enabled\":true,\"conditions\":["
                        + "{\"kind\":\"event_property_is\",\"key\":\"content.m\\\\.relates_to.rel_type\",\"value\":\"m.replace\"}],"
                        + "\"actions\":[]}"),
                find(global.get("override"), ".m.rule.suppress_edits"));
        assertEquals(json("{\"rule_id\":\".m.rule.tombstone\",\"default\":true,\"enabled\":true,\"conditions\":["
                        + "{\"kind\":\"event_match\",\"key\":\"type\",\"pattern\":\"m.room.tombstone\"},"
                        + "{\"kind\":\"event_match\",\"key\":\"state_key\",\"pattern\":\"\"}],"
                        + "\"actions\":[\"notify\",{\"set_tweak\":\"highlight\"}]}"),
                find(global.get("override"), ".m.rule.tombstone"));
        assertEquals(json("{\"rule_id\":\".m.rule.call\",\"default\":true,\"enabled\":true,\"conditions\":["
                        + "{\"key\":\"type\",\"kind\":\"event_match\",\"pattern\":\"m.call.invite\"}],"
                        + "\"actions\":[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"ring\"}]}"),
                find(global.get("underride"), ".m.rule.call"));
        assertEquals(json("{\"rule_id\":\".m.rule.encrypted_room_one_to_one\",\"default\":true,\"enabled\":true,\"conditions\":["
                        + "{\"kind\":\"room_member_count\",\"is\":\"2\"},"
                        + "{\"kind\":\"event_match\",\"key\":\"type\",\"pattern\":\"m.room.encrypted\"}],"
                        + "\"actions\":[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"default\"}]}"),
                find(global.get("underride"), ".m.rule.encrypted_room_one_to_one"));
        assertEquals(json("{\"rule_id\":\".m.rule.message\",\"default\":true,\"enabled\":true,\"conditions\":["
                        + "{\"kind\":\"event_match\",\"key\":\"type\",\"pattern\":\"m.room.message\"}],\"actions\":[\"notify\"]}"),
                find(global.get("underride"), ".m.rule.message"));
    }

    @Test
    void globalAloneAndTheR0AliasAndNoSlash() {
        JsonNode global = global();
        assertEquals(global, get(BASE + "global/").json());
        assertEquals(global, get("/_matrix/client/v3/pushrules/global").json());
        assertEquals(global, get("/_matrix/client/r0/pushrules/").json().get("global"));
        assertEquals(global, get("/_matrix/client/v3/pushrules").json().get("global"));
        Reply one = get("/_matrix/client/r0/pushrules/global/underride/.m.rule.message");
        assertEquals(200, one.status());
        assertEquals(".m.rule.message", one.json().get("rule_id").asText());
    }

    @Test
    void needsAnAccessToken() {
        assertEquals("M_MISSING_TOKEN", server.get(BASE).errcode());
        assertEquals("M_MISSING_TOKEN", server.get(BASE + "global/override/.m.rule.master").errcode());
    }

    @Test
    void singleRulesAndTheirErrors() {
        Reply master = get(BASE + "global/override/.m.rule.master");
        assertEquals(200, master.status());
        assertFalse(master.json().get("enabled").asBoolean(true));
        Reply missing = get(BASE + "global/override/nope");
        assertEquals(404, missing.status());
        assertEquals("M_NOT_FOUND", missing.errcode());
        assertEquals("M_NOT_FOUND", get(BASE + "global/underride/.m.rule.master").errcode(), "right ID, wrong kind");
        Reply kind = get(BASE + "global/bogus/.m.rule.master");
        assertEquals(400, kind.status());
        assertEquals("M_INVALID_PARAM", kind.errcode());
        assertEquals("M_INVALID_PARAM", get(BASE + "global/bogus/x/enabled").errcode());
        assertEquals("M_INVALID_PARAM", get(BASE + "global/bogus/x/actions").errcode());
        assertEquals(404, get(BASE + "device/override/.m.rule.master").status(), "only the global scope exists");
    }

    @Test
    void enablingADefaultRuleIsStoredPerUserAndLoggedForSync() {
        String other = server.register("quinn", "pw").get("access_token").asText();
        long before = server.storage.position(AccountData.STREAM);
        Reply on = put(BASE + "global/override/.m.rule.master/enabled", "{\"enabled\":true}");
        assertEquals(200, on.status(), on.toString());
        assertEquals("{}", on.text());
        assertTrue(get(BASE + "global/override/.m.rule.master/enabled").json().get("enabled").asBoolean(false));
        assertTrue(find(global().get("override"), ".m.rule.master").get("enabled").asBoolean(false));
        assertEquals(before + 1, server.storage.position(AccountData.STREAM));
        // account data reads the ruleset "as normal"
        Reply data = get("/_matrix/client/v3/user/" + ME + "/account_data/m.push_rules");
        assertEquals(200, data.status(), data.toString());
        assertEquals(global(), data.json().get("global"));
        // another user is untouched
        Reply theirs = server.get(BASE + "global/override/.m.rule.master/enabled", "Authorization", TestServer.bearer(other));
        assertFalse(theirs.json().get("enabled").asBoolean(true));
        // and back off
        assertEquals(200, put(BASE + "global/override/.m.rule.master/enabled", "{\"enabled\":false}").status());
        assertFalse(get(BASE + "global/override/.m.rule.master/enabled").json().get("enabled").asBoolean(true));
    }

    @Test
    void enabledErrors() {
        assertEquals("M_BAD_JSON", put(BASE + "global/override/.m.rule.master/enabled", "{}").errcode());
        assertEquals("M_BAD_JSON", put(BASE + "global/override/.m.rule.master/enabled", "{\"enabled\":\"yes\"}").errcode());
        assertEquals("M_NOT_JSON", put(BASE + "global/override/.m.rule.master/enabled", "yes").errcode());
        Reply unknown = put(BASE + "global/override/nope/enabled", "{\"enabled\":true}");
        assertEquals(404, unknown.status());
        assertEquals("M_NOT_FOUND", unknown.errcode());
        assertEquals("M_NOT_FOUND", get(BASE + "global/override/nope/enabled").errcode());
        assertEquals(0, server.storage.size("push_rules"), "nothing was written");
    }

    @Test
    void actionsOfADefaultRuleCanBeChanged() {
        String path = BASE + "global/underride/.m.rule.message/actions";
        assertEquals(json("{\"actions\":[\"notify\"]}"), get(path).json());
        Reply r = put(path, "{\"actions\":[\"notify\",\"dont_notify\",{\"set_tweak\":\"sound\",\"value\":\"bell\"},\"coalesce\"]}");
        assertEquals(200, r.status(), r.toString());
        // the historical actions are stripped
        assertEquals(json("{\"actions\":[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"bell\"}]}"), get(path).json());
        JsonNode rule = find(global().get("underride"), ".m.rule.message");
        assertTrue(rule.get("default").asBoolean(false), "still a default rule");
        assertEquals(json("[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"bell\"}]"), rule.get("actions"));
        assertEquals(200, put(path, "{\"actions\":[]}").status());
        assertEquals(0, get(path).json().get("actions").size());
    }

    @Test
    void actionsErrors() {
        String path = BASE + "global/underride/.m.rule.message/actions";
        assertEquals("M_BAD_JSON", put(path, "{}").errcode());
        assertEquals("M_BAD_JSON", put(path, "{\"actions\":\"notify\"}").errcode());
        assertEquals("M_BAD_JSON", put(path, "{\"actions\":[\"shout\"]}").errcode());
        assertEquals("M_BAD_JSON", put(path, "{\"actions\":[{\"value\":1}]}").errcode());
        assertEquals("M_BAD_JSON", put(path, "{\"actions\":[{\"set_tweak\":5}]}").errcode());
        assertEquals("M_BAD_JSON", put(path, "{\"actions\":[{\"set_tweak\":\"x\",\"value\":0.5}]}").errcode());
        assertEquals("M_BAD_JSON", put(path, "{\"actions\":[7]}").errcode());
        Reply unknown = put(BASE + "global/underride/nope/actions", "{\"actions\":[]}");
        assertEquals(404, unknown.status());
        assertEquals("M_NOT_FOUND", unknown.errcode());
        assertEquals("M_NOT_FOUND", get(BASE + "global/underride/nope/actions").errcode());
        assertEquals(0, server.storage.size("push_rules"));
    }

    @Test
    void userDefinedRulesComeAfterMasterAndBeforeTheOtherDefaults() {
        Reply r = put(BASE + "global/override/beer",
                "{\"conditions\":[{\"kind\":\"event_match\",\"key\":\"content.body\",\"pattern\":\"beer\"},"
                        + "{\"kind\":\"room_member_count\",\"is\":\"<=10\"}],\"actions\":[\"notify\"]}");
        assertEquals(200, r.status(), r.toString());
        List<String> order = ids(global().get("override"));
        assertEquals(List.of(".m.rule.master", "beer", ".m.rule.suppress_notices"), order.subList(0, 3));
        Reply beer = get(BASE + "global/override/beer");
        assertEquals(json("{\"rule_id\":\"beer\",\"default\":false,\"enabled\":true,\"actions\":[\"notify\"],\"conditions\":["
                + "{\"kind\":\"event_match\",\"key\":\"content.body\",\"pattern\":\"beer\"},"
                + "{\"kind\":\"room_member_count\",\"is\":\"<=10\"}]}"), beer.json());
        // underride rules go before the default underride rules, and conditions default to none
        assertEquals(200, put(BASE + "global/underride/all", "{\"actions\":[]}").status());
        assertEquals(List.of("all", ".m.rule.call"), ids(global().get("underride")).subList(0, 2));
        assertEquals(0, get(BASE + "global/underride/all").json().get("conditions").size());
    }

    @Test
    void roomSenderAndContentRules() {
        String room = "!abc:example.org";
        Reply r = put(BASE + "global/room/" + room.replace("!", "%21").replace(":", "%3A"), "{\"actions\":[]}");
        assertEquals(200, r.status(), r.toString());
        JsonNode roomRule = global().get("room").get(0);
        assertEquals(json("{\"rule_id\":\"" + room + "\",\"default\":false,\"enabled\":true,\"actions\":[]}"), roomRule);
        assertEquals(200, put(BASE + "global/sender/@spam%2Fbot:example.org", "{\"actions\":[]}").status(),
                "a user ID may hold a slash");
        assertEquals("@spam/bot:example.org", global().get("sender").get(0).get("rule_id").asText());
        assertEquals(200, put(BASE + "global/content/cake",
                "{\"pattern\":\"cake\",\"actions\":[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"cakealarm.wav\"}]}").status());
        JsonNode cake = get(BASE + "global/content/cake").json();
        assertEquals("cake", cake.get("pattern").asText());
        assertFalse(cake.has("conditions"));
        assertEquals("M_BAD_JSON", put(BASE + "global/content/nopattern", "{\"actions\":[]}").errcode());
        assertEquals("M_INVALID_PARAM", put(BASE + "global/room/not-a-room", "{\"actions\":[]}").errcode());
        assertEquals("M_INVALID_PARAM", put(BASE + "global/sender/not-a-user", "{\"actions\":[]}").errcode());
    }

    @Test
    void beforeAndAfterPlaceNewRules() {
        for (String id : new String[] {"c", "b", "a"}) {
            assertEquals(200, put(BASE + "global/override/" + id, "{\"actions\":[]}").status());
        }
        // each new rule goes first
        assertEquals(List.of(".m.rule.master", "a", "b", "c"), ids(global().get("override")).subList(0, 4));
        assertEquals(200, put(BASE + "global/override/d?after=c", "{\"actions\":[]}").status());
        assertEquals(200, put(BASE + "global/override/e?before=b", "{\"actions\":[]}").status());
        assertEquals(List.of(".m.rule.master", "a", "e", "b", "c", "d", ".m.rule.suppress_notices"),
                ids(global().get("override")).subList(0, 7));
        // before wins over after; an update without either keeps the place
        assertEquals(200, put(BASE + "global/override/a?before=d&after=b", "{\"actions\":[\"notify\"]}").status());
        assertEquals(List.of("e", "b", "c", "a", "d"), ids(global().get("override")).subList(1, 6));
        assertEquals(200, put(BASE + "global/override/c", "{\"actions\":[\"notify\"]}").status());
        assertEquals(List.of("e", "b", "c", "a", "d"), ids(global().get("override")).subList(1, 6));
        Reply unknown = put(BASE + "global/override/f?before=zzz", "{\"actions\":[]}");
        assertEquals(400, unknown.status());
        assertEquals("M_UNKNOWN", unknown.errcode());
        Reply relativeToDefault = put(BASE + "global/override/f?after=.m.rule.master", "{\"actions\":[]}");
        assertEquals(400, relativeToDefault.status());
        assertEquals("M_INVALID_PARAM", relativeToDefault.errcode());
        assertEquals(400, put(BASE + "global/override/f?before=f", "{\"actions\":[]}").status());
        assertEquals(400, put(BASE + "global/underride/f?before=a", "{\"actions\":[]}").status(), "anchors are per kind");
    }

    @Test
    void anUpdateKeepsADisabledRuleDisabled() {
        assertEquals(200, put(BASE + "global/override/r", "{\"actions\":[]}").status());
        assertEquals(200, put(BASE + "global/override/r/enabled", "{\"enabled\":false}").status());
        assertEquals(200, put(BASE + "global/override/r", "{\"actions\":[\"notify\"]}").status());
        JsonNode r = get(BASE + "global/override/r").json();
        assertFalse(r.get("enabled").asBoolean(true));
        assertEquals("notify", r.get("actions").get(0).asText());
        assertEquals(200, put(BASE + "global/override/r/actions", "{\"actions\":[]}").status());
        assertEquals(0, get(BASE + "global/override/r/actions").json().get("actions").size());
    }

    @Test
    void badRuleIdsAndConditionsAreRefused() {
        Reply dot = put(BASE + "global/override/.mine", "{\"actions\":[]}");
        assertEquals(400, dot.status());
        assertEquals("M_INVALID_PARAM", dot.errcode());
        assertEquals("M_INVALID_PARAM", put(BASE + "global/override/.m.rule.master", "{\"actions\":[]}").errcode());
        assertEquals("M_INVALID_PARAM", put(BASE + "global/override/a%2Fb", "{\"actions\":[]}").errcode());
        assertEquals("M_INVALID_PARAM", put(BASE + "global/override/a%5Cb", "{\"actions\":[]}").errcode());
        assertEquals("M_INVALID_PARAM", put(BASE + "global/override/" + "x".repeat(256), "{\"actions\":[]}").errcode());
        assertEquals("M_INVALID_PARAM", put(BASE + "global/bogus/x", "{\"actions\":[]}").errcode());
        assertEquals("M_BAD_JSON", put(BASE + "global/override/x", "{}").errcode());
        String[] badConditions = {
            "\"conditions\":{}",
            "\"conditions\":[5]",
            "\"conditions\":[{}]",
            "\"conditions\":[{\"kind\":\"event_match\",\"key\":\"type\"}]",
            "\"conditions\":[{\"kind\":\"event_property_is\",\"key\":\"type\",\"value\":{}}]",
            "\"conditions\":[{\"kind\":\"event_property_contains\",\"key\":\"type\"}]",
            "\"conditions\":[{\"kind\":\"room_member_count\",\"is\":\"two\"}]",
            "\"conditions\":[{\"kind\":\"sender_notification_permission\"}]",
        };
        for (String c : badConditions) {
            Reply r = put(BASE + "global/override/x", "{" + c + ",\"actions\":[]}");
            assertEquals(400, r.status(), c);
            assertEquals("M_BAD_JSON", r.errcode(), c);
        }
        assertEquals(0, server.storage.size("push_rules"), "nothing was written");
        // an unknown condition kind is kept: it never matches, which the spec allows
        assertEquals(200, put(BASE + "global/override/x", "{\"conditions\":[{\"kind\":\"org.example.future\"}],\"actions\":[]}").status());
    }

    @Test
    void deletingRules() {
        assertEquals(200, put(BASE + "global/override/gone", "{\"actions\":[]}").status());
        Reply d = delete(BASE + "global/override/gone");
        assertEquals(200, d.status());
        assertEquals("{}", d.text());
        assertFalse(ids(global().get("override")).contains("gone"));
        Reply again = delete(BASE + "global/override/gone");
        assertEquals(404, again.status());
        assertEquals("M_NOT_FOUND", again.errcode());
        Reply builtin = delete(BASE + "global/override/.m.rule.master");
        assertEquals(400, builtin.status());
        assertEquals("M_INVALID_PARAM", builtin.errcode());
        assertEquals("M_NOT_FOUND", delete(BASE + "global/override/.m.rule.nonexistent").errcode());
        assertEquals("M_INVALID_PARAM", delete(BASE + "global/bogus/x").errcode());
    }
}
