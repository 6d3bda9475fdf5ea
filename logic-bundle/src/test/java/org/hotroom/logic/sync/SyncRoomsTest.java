package org.hotroom.logic.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hotroom.api.Wait;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.junit.jupiter.api.Test;

/** {@code /sync} and {@code /messages} over rooms made through the client-server API. */
class SyncRoomsTest {

    private final TestServer server = new TestServer();
    private final Client.Clock clock = new Client.Clock();
    private final Client ada = new Client(server, clock, "ada");
    private final Client bob = new Client(server, clock, "bob");

    static JsonNode room(JsonNode sync, String section, String roomId) {
        return sync.get("rooms").get(section).get(roomId);
    }

    static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("type").asText()));
        return out;
    }

    static List<String> ids(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("event_id").asText()));
        return out;
    }

    static String filter(String json) {
        return "filter=" + Client.enc(json);
    }

    /** A room of ada's that bob joined. */
    private String sharedRoom() {
        String roomId = ada.createRoom("{\"preset\":\"public_chat\"}");
        bob.join(roomId);
        return roomId;
    }

    @Test
    void initialSyncOfACreatedRoom() {
        String roomId = ada.createRoom("{\"name\":\"Test\"}");
        JsonNode sync = ada.sync("");
        JsonNode r = room(sync, "join", roomId);
        assertNotNull(r, sync.toString());
        JsonNode timeline = r.get("timeline");
        assertEquals("m.room.create", timeline.get("events").get(0).get("type").asText(), timeline.toString());
        assertFalse(timeline.get("limited").asBoolean());
        assertEquals(0, r.get("state").get("events").size(), "all state is in the timeline");
        JsonNode create = timeline.get("events").get(0);
        assertEquals("", create.get("state_key").asText());
        assertEquals(ada.userId, create.get("sender").asText());
        assertTrue(create.get("event_id").asText().startsWith("$"));
        assertTrue(create.has("origin_server_ts"));
        assertTrue(create.get("unsigned").get("age").asLong() >= 0);
        assertFalse(create.has("room_id"), "sync leaves out room_id");
        assertFalse(create.has("auth_events") || create.has("hashes") || create.has("signatures") || create.has("depth"));
        assertEquals(1, r.get("summary").get("m.joined_member_count").asInt());
        assertEquals(0, r.get("summary").get("m.heroes").size());
        assertEquals(0, r.get("unread_notifications").get("notification_count").asInt());

        // a short timeline: limited, with the rest of the state at its start
        JsonNode limited = room(ada.sync(filter("{\"room\":{\"timeline\":{\"limit\":2}}}")), "join", roomId);
        assertEquals(2, limited.get("timeline").get("events").size());
        assertTrue(limited.get("timeline").get("limited").asBoolean());
        assertTrue(limited.get("timeline").get("prev_batch").asText().startsWith("s"));
        List<String> stateTypes = types(limited.get("state").get("events"));
        assertTrue(stateTypes.contains("m.room.create") && stateTypes.contains("m.room.member"), stateTypes.toString());
        Set<String> inBoth = new HashSet<>(ids(limited.get("state").get("events")));
        inBoth.retainAll(ids(limited.get("timeline").get("events")));
        assertTrue(inBoth.isEmpty(), "state is the state before the timeline");
    }

    @Test
    void incrementalSyncSeesTheNewMessageAndNothingElse() {
        String roomId = ada.createRoom("{}");
        String quiet = ada.createRoom("{}");
        String since = ada.sync("").get("next_batch").asText();
        String msg = ada.send(roomId, "hello");
        JsonNode sync = ada.sync("since=" + since);
        JsonNode r = room(sync, "join", roomId);
        assertEquals(List.of(msg), ids(r.get("timeline").get("events")));
        assertFalse(r.get("timeline").get("limited").asBoolean());
        assertEquals(0, r.get("state").get("events").size());
        assertNull(room(sync, "join", quiet), "a room with nothing new is left out");
        JsonNode e = r.get("timeline").get("events").get(0);
        assertEquals("hello", e.get("content").get("body").asText());
        assertTrue(e.get("unsigned").has("transaction_id"), "the sending device gets its transaction ID");
        assertNull(sync.get("account_data").get("events").get(0));
        // and nothing after that
        JsonNode next = ada.sync("since=" + sync.get("next_batch").asText());
        assertTrue(next.get("rooms").get("join").isEmpty(), next.toString());
    }

    @Test
    void onlyTheSendingDeviceSeesTheTransactionId() {
        String roomId = sharedRoom();
        String since = bob.sync("").get("next_batch").asText();
        ada.send(roomId, "hi");
        JsonNode e = room(bob.sync("since=" + since), "join", roomId).get("timeline").get("events").get(0);
        assertFalse(e.get("unsigned").has("transaction_id"));
    }

    @Test
    void aLongPollIsWokenByAMessageInTheRoomAndWaitsOnThroughOthers() {
        String roomId = sharedRoom();
        String elsewhere = ada.createRoom("{}");
        long position = server.storage.position("sync");
        Client.Poll poll = bob.start("GET", "/_matrix/client/v3/sync?timeout=30000&since=" + SyncToken.format(position), "");
        assertEquals(position, poll.waiting().after());
        clock.advance(1000);
        ada.send(elsewhere, "not for bob");
        Wait again = poll.wake(false).waiting();
        assertTrue(again.after() > position);
        assertTrue(again.timeoutMillis() < 30_000);
        String msg = ada.send(roomId, "for bob");
        JsonNode body = poll.wake(false).reply().json();
        assertEquals(List.of(msg), ids(room(body, "join", roomId).get("timeline").get("events")));
        assertNull(room(body, "join", elsewhere));
    }

    @Test
    void messagesPaginateBackToTheCreateEventWithStableTokens() {
        String roomId = ada.createRoom("{}");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            sent.add(ada.send(roomId, "m" + i));
        }
        JsonNode r = room(ada.sync(filter("{\"room\":{\"timeline\":{\"limit\":3}}}")), "join", roomId);
        assertEquals(sent.subList(12, 15), ids(r.get("timeline").get("events")));
        String from = r.get("timeline").get("prev_batch").asText();

        List<String> back = new ArrayList<>();
        JsonNode firstPage = null;
        String token = from;
        for (int pages = 0; pages < 20; pages++) {
            Reply page = ada.messages(roomId, "dir=b&limit=4&from=" + token);
            assertEquals(200, page.status(), page.toString());
            if (firstPage == null) {
                firstPage = page.json();
            }
            assertEquals(token, page.json().get("start").asText());
            page.json().get("chunk").forEach(e -> {
                back.add(e.get("event_id").asText());
                assertEquals(roomId, e.get("room_id").asText());
            });
            if (!page.json().has("end")) {
                break;
            }
            token = page.json().get("end").asText();
        }
        List<String> expected = new ArrayList<>(sent.subList(0, 12));
        java.util.Collections.reverse(expected);
        assertEquals(expected, back.subList(0, 12), "continues right before the timeline, newest first");
        JsonNode oldest = ada.messages(roomId, "dir=f&limit=1").json().get("chunk").get(0);
        assertEquals("m.room.create", oldest.get("type").asText());
        assertEquals(oldest.get("event_id").asText(), back.get(back.size() - 1), "the walk back ends at m.room.create");
        assertEquals(new HashSet<>(back).size(), back.size(), "no event twice");

        // the same token gives the same page after more messages arrive
        ada.send(roomId, "later");
        JsonNode again = ada.messages(roomId, "dir=b&limit=4&from=" + from).json();
        assertEquals(ids(firstPage.get("chunk")), ids(again.get("chunk")));
        assertEquals(firstPage.get("start"), again.get("start"));
        assertEquals(firstPage.get("end"), again.get("end"));

        // forwards from the prev_batch: the timeline again
        JsonNode fwd = ada.messages(roomId, "dir=f&limit=3&from=" + from).json();
        assertEquals(sent.subList(12, 15), ids(fwd.get("chunk")));
    }

    @Test
    void messagesWithoutFromStartAtEitherEnd() {
        String roomId = ada.createRoom("{}");
        String last = ada.send(roomId, "last");
        JsonNode b = ada.messages(roomId, "dir=b&limit=1").json();
        assertEquals(List.of(last), ids(b.get("chunk")));
        assertTrue(b.has("end"));
        JsonNode f = ada.messages(roomId, "dir=f&limit=100").json();
        assertEquals("m.room.create", f.get("chunk").get(0).get("type").asText());
        assertEquals(last, f.get("chunk").get(f.get("chunk").size() - 1).get("event_id").asText());
        assertFalse(f.has("end"), "forwards to the newest event: nothing more");
        // limit=0: nothing, and the same place again
        JsonNode none = ada.messages(roomId, "dir=b&limit=0").json();
        assertEquals(0, none.get("chunk").size());
        assertEquals(none.get("start"), none.get("end"));
        // to: stops there
        String mid = b.get("end").asText();
        JsonNode bounded = ada.messages(roomId, "dir=f&limit=100&to=" + mid).json();
        assertFalse(ids(bounded.get("chunk")).contains(last));
        assertEquals(mid, bounded.get("end").asText());
    }

    @Test
    void badMessagesRequestsAreMatrixErrors() {
        String roomId = ada.createRoom("{}");
        String[][] cases = {
            {"dir=b&from=garbage", "400", "M_INVALID_PARAM"},
            {"dir=b&to=s", "400", "M_INVALID_PARAM"},
            {"from=s1", "400", "M_MISSING_PARAM"},
            {"dir=x", "400", "M_INVALID_PARAM"},
            {"dir=b&limit=-1", "400", "M_INVALID_PARAM"},
            {"dir=b&" + filter("{\"types\":"), "400", "M_NOT_JSON"},
            {"dir=b&" + filter("{\"lazy_load_members\":\"yes\"}"), "400", "M_BAD_JSON"},
        };
        for (String[] c : cases) {
            Reply r = ada.messages(roomId, c[0]);
            assertEquals(Integer.parseInt(c[1]), r.status(), c[0] + ": " + r);
            assertEquals(c[2], r.errcode(), c[0]);
        }
        Reply notMember = bob.messages(roomId, "dir=b");
        assertEquals(403, notMember.status());
        assertEquals("M_FORBIDDEN", notMember.errcode());
        Reply unknownRoom = bob.messages("!nowhere:test.hotroom", "dir=b");
        assertEquals(403, unknownRoom.status());
    }

    @Test
    void lazyLoadingGivesTheMembersOfSendersSelfAndHeroes() {
        String roomId = ada.createRoom("{\"preset\":\"public_chat\"}");
        List<Client> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Client c = new Client(server, clock, "user" + i);
            c.join(roomId);
            others.add(c);
        }
        Client last = others.get(6);
        last.send(roomId, "hello");
        String lazy = "{\"room\":{\"timeline\":{\"limit\":1},\"state\":{\"lazy_load_members\":true}}}";
        JsonNode r = room(ada.sync(filter(lazy)), "join", roomId);
        Set<String> members = new HashSet<>();
        r.get("state").get("events").forEach(e -> {
            if (e.get("type").asText().equals("m.room.member")) {
                members.add(e.get("state_key").asText());
            }
        });
        Set<String> expected = new HashSet<>();
        expected.add(ada.userId);
        expected.add(last.userId);
        r.get("summary").get("m.heroes").forEach(h -> expected.add(h.asText()));
        assertEquals(5, r.get("summary").get("m.heroes").size());
        assertEquals(8, r.get("summary").get("m.joined_member_count").asInt());
        assertEquals(expected, members);
        assertEquals(7, members.size(), "one member is neither sender, self nor hero");
        // without lazy loading: all eight
        JsonNode full = room(ada.sync(filter("{\"room\":{\"timeline\":{\"limit\":1}}}")), "join", roomId);
        assertEquals(8, types(full.get("state").get("events")).stream().filter("m.room.member"::equals).count());

        // /messages: the senders of the chunk
        JsonNode page = ada.messages(roomId, "dir=b&limit=1&" + filter("{\"lazy_load_members\":true}")).json();
        assertEquals(1, page.get("state").size());
        assertEquals(last.userId, page.get("state").get(0).get("state_key").asText());
    }

    @Test
    void timelineFiltersByLimitTypesAndRooms() {
        String roomId = ada.createRoom("{}");
        String other = ada.createRoom("{}");
        String since = ada.sync("").get("next_batch").asText();
        String m1 = ada.send(roomId, "one");
        ada.setState(roomId, "m.room.topic", "", "{\"topic\":\"t\"}");
        String m2 = ada.send(roomId, "two");
        ada.send(other, "elsewhere");

        JsonNode types = ada.sync("since=" + since + "&" + filter("{\"room\":{\"timeline\":{\"types\":[\"m.room.message\"]}}}"));
        assertEquals(List.of(m1, m2), ids(room(types, "join", roomId).get("timeline").get("events")));

        JsonNode limit = ada.sync("since=" + since + "&" + filter("{\"room\":{\"timeline\":{\"limit\":1}}}"));
        JsonNode r = room(limit, "join", roomId);
        assertEquals(List.of(m2), ids(r.get("timeline").get("events")));
        assertTrue(r.get("timeline").get("limited").asBoolean());
        assertEquals(List.of("m.room.topic"), types(r.get("state").get("events")), "the gap's state change");

        JsonNode notRooms = ada.sync("since=" + since + "&" + filter("{\"room\":{\"not_rooms\":[\"" + other + "\"]}}"));
        assertNull(room(notRooms, "join", other));
        assertNotNull(room(notRooms, "join", roomId));
        JsonNode onlyRooms = ada.sync("since=" + since + "&" + filter("{\"room\":{\"rooms\":[\"" + other + "\"]}}"));
        assertNull(room(onlyRooms, "join", roomId));
    }

    @Test
    void aTimelineLimitBeyondALongIsTheLargestLimitNotAnErrorOrTheDefault() {
        String roomId = ada.createRoom("{}");
        for (int i = 0; i < 12; i++) {
            ada.send(roomId, "m" + i);
        }
        for (String huge : new String[] {"9223372036854775808", "18446744073709551621"}) {
            Reply r = ada.call("GET", "/_matrix/client/v3/sync?" + filter("{\"room\":{\"timeline\":{\"limit\":" + huge + "}}}"), "");
            assertEquals(200, r.status(), huge + ": " + r);
            JsonNode timeline = room(r.json(), "join", roomId).get("timeline");
            assertFalse(timeline.get("limited").asBoolean(), huge + ": the whole room, not the default 10 (or 5)");
        }
        assertEquals(400, ada.call("GET", "/_matrix/client/v3/sync?" + filter("{\"room\":{\"timeline\":{\"limit\":-1}}}"), "")
                .status());
    }

    @Test
    void inviteJoinAndLeaveSections() {
        String roomId = ada.createRoom("{\"name\":\"Club\"}");
        String since = bob.sync("").get("next_batch").asText();
        ada.invite(roomId, bob.userId);
        JsonNode invited = bob.sync("since=" + since);
        JsonNode inv = room(invited, "invite", roomId);
        assertNotNull(inv, invited.toString());
        List<String> stripped = types(inv.get("invite_state").get("events"));
        assertTrue(stripped.contains("m.room.create") && stripped.contains("m.room.name")
                && stripped.contains("m.room.member"), stripped.toString());
        inv.get("invite_state").get("events").forEach(e -> {
            Set<String> fields = new HashSet<>();
            e.fieldNames().forEachRemaining(fields::add);
            assertEquals(Set.of("type", "state_key", "content", "sender"), fields);
        });
        assertNull(room(invited, "join", roomId));

        since = invited.get("next_batch").asText();
        bob.join(roomId);
        JsonNode joined = bob.sync("since=" + since + "&" + filter("{\"room\":{\"timeline\":{\"limit\":1}}}"));
        JsonNode j = room(joined, "join", roomId);
        assertNotNull(j, joined.toString());
        List<String> state = types(j.get("state").get("events"));
        assertTrue(state.contains("m.room.create") && state.contains("m.room.power_levels"), "full state when newly joined: " + state);
        assertNull(room(joined, "invite", roomId));

        since = joined.get("next_batch").asText();
        String before = ada.send(roomId, "before bob leaves");
        bob.leave(roomId);
        String after = ada.send(roomId, "after bob left");
        JsonNode left = bob.sync("since=" + since);
        JsonNode l = room(left, "leave", roomId);
        assertNotNull(l, left.toString());
        List<String> seen = ids(l.get("timeline").get("events"));
        assertTrue(seen.contains(before), seen.toString());
        assertFalse(seen.contains(after));
        JsonNode lastEvent = l.get("timeline").get("events").get(seen.size() - 1);
        assertEquals("leave", lastEvent.get("content").get("membership").asText());
        assertNull(room(left, "join", roomId));

        // initial syncs list left rooms only with include_leave
        assertNull(room(bob.sync(""), "leave", roomId));
        assertNotNull(room(bob.sync(filter("{\"room\":{\"include_leave\":true}}")), "leave", roomId));
        // and /messages shows the history up to the departure
        JsonNode page = bob.messages(roomId, "dir=b&limit=100").json();
        assertFalse(ids(page.get("chunk")).contains(after));
        assertTrue(ids(page.get("chunk")).contains(before));
    }

    @Test
    void aBanIsADepartureAndAForgottenRoomIsNotListed() {
        String roomId = sharedRoom();
        String since = bob.sync("").get("next_batch").asText();
        ada.ok("POST", "/_matrix/client/v3/rooms/" + Client.enc(roomId) + "/ban", "{\"user_id\":\"" + bob.userId + "\"}");
        JsonNode l = room(bob.sync("since=" + since), "leave", roomId);
        assertNotNull(l);
        JsonNode events = l.get("timeline").get("events");
        assertEquals("ban", events.get(events.size() - 1).get("content").get("membership").asText());
        String includeLeave = filter("{\"room\":{\"include_leave\":true}}");
        assertNotNull(room(bob.sync(includeLeave), "leave", roomId));
        bob.ok("POST", "/_matrix/client/v3/rooms/" + Client.enc(roomId) + "/forget", "{}");
        assertNull(room(bob.sync(includeLeave), "leave", roomId));
    }

    @Test
    void fullStateGivesEveryRoomWithItsWholeState() {
        String roomId = ada.createRoom("{}");
        String since = ada.sync("").get("next_batch").asText();
        assertTrue(ada.sync("since=" + since).get("rooms").get("join").isEmpty());
        JsonNode r = room(ada.sync("since=" + since + "&full_state=true"), "join", roomId);
        assertNotNull(r);
        assertEquals(0, r.get("timeline").get("events").size());
        assertTrue(types(r.get("state").get("events")).contains("m.room.create"));
    }

    @Test
    void aRejectedInviteShowsOnlyTheLeave() {
        String roomId = ada.createRoom("{}");
        ada.invite(roomId, bob.userId);
        String since = bob.sync("").get("next_batch").asText();
        bob.leave(roomId);
        JsonNode l = room(bob.sync("since=" + since), "leave", roomId);
        assertNotNull(l);
        assertEquals(List.of("m.room.member"), types(l.get("timeline").get("events")));
        assertEquals(0, l.get("state").get("events").size());
    }

    @Test
    void aUserNotInTheRoomSeesNothingOfIt() {
        String roomId = ada.createRoom("{}");
        ada.send(roomId, "secret");
        JsonNode sync = bob.sync("");
        assertNull(room(sync, "join", roomId));
        assertNull(room(sync, "leave", roomId));
        assertEquals(403, bob.messages(roomId, "dir=b").status());
        assertEquals(403, bob.call("PUT", "/_matrix/client/v3/rooms/" + Client.enc(roomId) + "/typing/" + Client.enc(bob.userId),
                "{\"typing\":true}").status());
        String msg = ada.send(roomId, "x");
        assertEquals(403, bob.call("POST", "/_matrix/client/v3/rooms/" + Client.enc(roomId) + "/receipt/m.read/" + Client.enc(msg),
                "{}").status());
        assertEquals(403, bob.call("POST", "/_matrix/client/v3/rooms/" + Client.enc(roomId) + "/read_markers",
                "{\"m.fully_read\":\"" + msg + "\"}").status());
    }

    @Test
    void aRoomJoinedSinceTheTokenComesWithItsRecentHistory() {
        String roomId = ada.createRoom("{\"preset\":\"public_chat\"}");
        List<String> said = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            said.add(ada.send(roomId, "before bob " + i));
        }
        String since = bob.sync("").get("next_batch").asText();
        bob.join(roomId);
        JsonNode j = room(bob.sync("since=" + since + "&" + filter("{\"room\":{\"timeline\":{\"limit\":3}}}")), "join", roomId);
        assertNotNull(j);
        List<String> timeline = ids(j.get("timeline").get("events"));
        assertEquals(List.of(said.get(1), said.get(2)), timeline.subList(0, 2), "history before the join (shared)");
        assertEquals("m.room.member", types(j.get("timeline").get("events")).get(2));
        assertTrue(j.get("timeline").get("limited").asBoolean());
        // the state is the state before the timeline's first event, and the gap is pageable
        List<String> state = types(j.get("state").get("events"));
        assertTrue(state.contains("m.room.create") && state.contains("m.room.power_levels"), state.toString());
        List<String> earlier = ids(bob.messages(roomId, "dir=b&limit=1&from=" + j.get("timeline").get("prev_batch").asText())
                .json().get("chunk"));
        assertEquals(List.of(said.get(0)), earlier);

        // history the room hides from newcomers stays hidden
        String closed = ada.createRoom("{\"preset\":\"public_chat\"}");
        ada.setState(closed, "m.room.history_visibility", "", "{\"history_visibility\":\"joined\"}");
        String hidden = ada.send(closed, "before bob");
        since = bob.sync("").get("next_batch").asText();
        bob.join(closed);
        List<String> seen = ids(room(bob.sync("since=" + since), "join", closed).get("timeline").get("events"));
        assertFalse(seen.contains(hidden), seen.toString());
    }

    @Test
    void historyVisibilityJoinedHidesWhatCameBeforeTheJoin() {
        String roomId = ada.createRoom("{\"preset\":\"public_chat\"}");
        ada.setState(roomId, "m.room.history_visibility", "", "{\"history_visibility\":\"joined\"}");
        String hidden = ada.send(roomId, "before bob");
        bob.join(roomId);
        String shown = ada.send(roomId, "after bob");
        List<String> page = ids(bob.messages(roomId, "dir=b&limit=100").json().get("chunk"));
        assertTrue(page.contains(shown));
        assertFalse(page.contains(hidden), page.toString());
        List<String> timeline = ids(room(bob.sync(""), "join", roomId).get("timeline").get("events"));
        assertFalse(timeline.contains(hidden));

        // shared: all of it
        String open = ada.createRoom("{\"preset\":\"public_chat\"}");
        ada.setState(open, "m.room.history_visibility", "", "{\"history_visibility\":\"shared\"}");
        String early = ada.send(open, "early");
        bob.join(open);
        assertTrue(ids(bob.messages(open, "dir=b&limit=100").json().get("chunk")).contains(early));

        // world_readable: even to a non-member
        Client carol = new Client(server, clock, "carol");
        ada.setState(open, "m.room.history_visibility", "", "{\"history_visibility\":\"world_readable\"}");
        String wr = ada.send(open, "for everyone");
        Reply peek = carol.messages(open, "dir=b&limit=5");
        assertEquals(200, peek.status(), peek.toString());
        assertTrue(ids(peek.json().get("chunk")).contains(wr));
    }

    @Test
    void redactedEventsAreServedRedactedWithTheirRedaction() {
        String roomId = ada.createRoom("{}");
        String msg = ada.send(roomId, "oops");
        String redaction = ada.redact(roomId, msg);
        JsonNode timeline = room(ada.sync(""), "join", roomId).get("timeline").get("events");
        JsonNode e = null;
        for (JsonNode x : timeline) {
            if (x.get("event_id").asText().equals(msg)) {
                e = x;
            }
        }
        assertNotNull(e, timeline.toString());
        assertEquals(0, e.get("content").size(), e.toString());
        assertEquals(redaction, e.get("unsigned").get("redacted_because").get("event_id").asText());
    }

    @Test
    void redactionsOfRoomsBeforeVersion11NameTheirTargetAtTheTopLevel() {
        String roomId = ada.createRoom("{\"room_version\":\"10\"}");
        String msg = ada.send(roomId, "oops");
        String redaction = ada.redact(roomId, msg);
        JsonNode chunk = ada.messages(roomId, "dir=b&limit=2").json().get("chunk");
        assertEquals(List.of(redaction, msg), ids(chunk));
        assertEquals(msg, chunk.get(0).get("redacts").asText());
        assertEquals(roomId, chunk.get(1).get("room_id").asText());
        JsonNode because = chunk.get(1).get("unsigned").get("redacted_because");
        assertEquals(redaction, because.get("event_id").asText());
        assertEquals(roomId, because.get("room_id").asText(), "redacted_because is in the same format");
        assertFalse(chunk.get(1).get("content").has("body"));
    }

    @Test
    void stateEventsCarryTheContentTheyReplaced() {
        String roomId = ada.createRoom("{}");
        String since = ada.sync("").get("next_batch").asText();
        String first = ada.setState(roomId, "m.room.topic", "", "{\"topic\":\"one\"}");
        ada.setState(roomId, "m.room.topic", "", "{\"topic\":\"two\"}");
        JsonNode events = room(ada.sync("since=" + since), "join", roomId).get("timeline").get("events");
        JsonNode second = events.get(events.size() - 1);
        assertEquals("one", second.get("unsigned").get("prev_content").get("topic").asText());
        assertEquals(first, second.get("unsigned").get("replaces_state").asText());
    }
}
