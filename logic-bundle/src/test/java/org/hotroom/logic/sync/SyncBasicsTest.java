package org.hotroom.logic.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.api.Wait;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.Test;

/** {@code /sync} without rooms: tokens, filters, account data and the long-poll. */
class SyncBasicsTest {

    private final TestServer server = new TestServer();
    private final Client.Clock clock = new Client.Clock();
    private final Client ada = new Client(server, clock, "ada");

    private static String accountData(Client c, String type) {
        return "/_matrix/client/v3/user/" + c.userId + "/account_data/" + type;
    }

    @Test
    void tokensAreSAndAPosition() {
        assertEquals("s42", SyncToken.format(42));
        assertEquals(42, SyncToken.parse("s42", "since"));
        assertEquals(-7, SyncToken.parse("s-7", "from"));
        for (String bad : new String[] {"", "s", "42", "s4x", "t42", "s-", "s99999999999999999999", "s+1", " s1"}) {
            MatrixError e = assertThrows(MatrixError.class, () -> SyncToken.parse(bad, "since"), bad);
            assertEquals("M_INVALID_PARAM", e.errcode());
        }
    }

    @Test
    void anInitialSyncHasEverySectionAndThePushRules() {
        JsonNode body = ada.sync("");
        assertEquals(SyncToken.format(server.storage.position("sync")), body.get("next_batch").asText());
        for (String section : new String[] {"join", "invite", "leave", "knock"}) {
            assertTrue(body.get("rooms").get(section).isEmpty(), section);
        }
        JsonNode events = body.get("account_data").get("events");
        assertEquals(1, events.size(), events.toString());
        assertEquals("m.push_rules", events.get(0).get("type").asText());
        assertEquals(".m.rule.master", events.get(0).get("content").get("global").get("override").get(0).get("rule_id").asText());
        assertEquals(0, body.get("presence").get("events").size());
        assertEquals(0, body.get("to_device").get("events").size());
    }

    @Test
    void incrementalSyncReportsAccountDataWrittenSinceTheToken() {
        String since = ada.sync("").get("next_batch").asText();
        ada.ok("PUT", accountData(ada, "org.example.a"), "{\"a\":1}");
        JsonNode body = ada.sync("since=" + since);
        JsonNode events = body.get("account_data").get("events");
        assertEquals(1, events.size(), events.toString());
        assertEquals("org.example.a", events.get(0).get("type").asText());
        assertEquals(1, events.get(0).get("content").get("a").asInt());
        JsonNode again = ada.sync("since=" + body.get("next_batch").asText());
        assertEquals(0, again.get("account_data").get("events").size());
        assertEquals(body.get("next_batch"), again.get("next_batch"));
    }

    @Test
    void aLongPollWaitsWakesWithNewDataAndWaitsAgainForOthersChanges() {
        Client bob = new Client(server, clock, "bob");
        long position = server.storage.position("sync");
        String since = SyncToken.format(position);
        Client.Poll poll = ada.start("GET", "/_matrix/client/v3/sync?timeout=30000&since=" + since, "");
        Wait w = poll.waiting();
        assertEquals("sync", w.stream());
        assertEquals(position, w.after());
        assertEquals(30_000, w.timeoutMillis());

        // bob's account data moves the stream but is nothing of ada's: wait again, for the rest
        clock.advance(10_000);
        bob.ok("PUT", accountData(bob, "org.example.b"), "{}");
        poll.wake(false);
        Wait again = poll.waiting();
        assertEquals(position + 1, again.after(), "waits after what it has looked at");
        assertTrue(again.timeoutMillis() <= 20_000 && again.timeoutMillis() > 19_000, again.toString());

        clock.advance(5_000);
        ada.ok("PUT", accountData(ada, "org.example.a"), "{\"x\":true}");
        poll.wake(false);
        Reply r = poll.reply();
        assertEquals(200, r.status());
        JsonNode events = r.json().get("account_data").get("events");
        assertEquals(1, events.size(), r.toString());
        assertEquals("org.example.a", events.get(0).get("type").asText());
        assertEquals(SyncToken.format(server.storage.position("sync")), r.json().get("next_batch").asText());
    }

    @Test
    void aLongPollAnswersEmptyWhenItsTimeIsUp() {
        String since = ada.sync("").get("next_batch").asText();
        Client.Poll poll = ada.start("GET", "/_matrix/client/v3/sync?timeout=1000&since=" + since, "");
        poll.waiting();
        clock.advance(1000);
        poll.wake(true);
        JsonNode body = poll.reply().json();
        assertEquals(since, body.get("next_batch").asText());
        assertEquals(0, body.get("account_data").get("events").size());
        // no timeout, or full_state: no wait at all
        assertEquals(200, ada.call("GET", "/_matrix/client/v3/sync?since=" + since, "").status());
        assertEquals(200, ada.call("GET", "/_matrix/client/v3/sync?timeout=5000&full_state=true&since=" + since, "").status());
    }

    @Test
    void badParametersAreMatrixErrors() {
        String[][] cases = {
            {"since=nope", "400", "M_INVALID_PARAM"},
            {"since=s1&timeout=-5", "400", "M_INVALID_PARAM"},
            {"timeout=soon", "400", "M_INVALID_PARAM"},
            {"full_state=yes", "400", "M_INVALID_PARAM"},
            {"filter=unknownfilter", "400", "M_INVALID_PARAM"},
            {"filter=" + Client.enc("{\"room\":"), "400", "M_NOT_JSON"},
            {"filter=" + Client.enc("{\"room\":{\"timeline\":{\"limit\":\"ten\"}}}"), "400", "M_BAD_JSON"},
            {"filter=" + Client.enc("{\"room\":{\"rooms\":[\"not a room\"]}}"), "400", "M_BAD_JSON"},
        };
        for (String[] c : cases) {
            Reply r = ada.get("/_matrix/client/v3/sync?" + c[0]);
            assertEquals(Integer.parseInt(c[1]), r.status(), c[0] + ": " + r);
            assertEquals(c[2], r.errcode(), c[0]);
        }
        Reply noToken = server.get("/_matrix/client/v3/sync");
        assertEquals(401, noToken.status());
    }

    @Test
    void filtersByIdAndInlineSelectAccountData() {
        String since = ada.sync("").get("next_batch").asText();
        ada.ok("PUT", accountData(ada, "org.example.keep"), "{}");
        ada.ok("PUT", accountData(ada, "org.example.drop"), "{}");
        String inline = Client.enc("{\"account_data\":{\"not_types\":[\"*.drop\"]}}");
        JsonNode body = ada.sync("since=" + since + "&filter=" + inline);
        assertEquals(1, body.get("account_data").get("events").size(), body.toString());
        assertEquals("org.example.keep", body.get("account_data").get("events").get(0).get("type").asText());
        String id = ada.ok("POST", "/_matrix/client/v3/user/" + ada.userId + "/filter",
                "{\"account_data\":{\"types\":[\"org.example.d*\"]}}").get("filter_id").asText();
        body = ada.sync("since=" + since + "&filter=" + id);
        assertEquals(1, body.get("account_data").get("events").size(), body.toString());
        assertEquals("org.example.drop", body.get("account_data").get("events").get(0).get("type").asText());
        assertFalse(body.get("rooms").get("join").fieldNames().hasNext());
    }

    @Test
    void globMatching() {
        assertTrue(EventFilter.matches("m.*", "m.room.message"));
        assertTrue(EventFilter.matches("*", ""));
        assertTrue(EventFilter.matches("m.room.*e", "m.room.message"));
        assertFalse(EventFilter.matches("m.room.*e", "m.room.messages"));
        assertTrue(EventFilter.matches("a*b*c", "aXXbYYbc"));
        assertFalse(EventFilter.matches("m.room", "m.room.message"));
    }
}
