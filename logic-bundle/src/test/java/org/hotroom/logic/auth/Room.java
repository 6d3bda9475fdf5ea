package org.hotroom.logic.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room under construction for the tests: a state map, the events by ID, and events built the
 * way a server builds them (auth_events by the selection algorithm, prev_events = the last event).
 */
final class Room {

    static final AuthRules AUTH = AuthRules.of(TestEd25519::verify);

    static final String ALICE = "@alice:a";
    static final String BOB = "@bob:b";
    static final String CAROL = "@carol:c";
    static final String DAVE = "@dave:a";
    static final String EVE = "@eve:e";

    final RuleSet rules;
    final int v;
    final Map<TypeAndKey, AuthEvent> state = new LinkedHashMap<>();
    final Map<String, JsonAuthEvent> events = new HashMap<>();
    String roomId;
    JsonAuthEvent create;
    String last;
    private int seq;

    Room(String version) {
        this.rules = RuleSet.forVersion(version);
        this.v = Integer.parseInt(version);
    }

    /** A room created by {@code creator} (only the create event), with extra create content. */
    static Room created(String version, String creator, Object... extraContent) {
        Room r = new Room(version);
        ObjectNode content = J.o(extraContent);
        if (!r.rules.creatorIsSender() && !content.has("creator")) {
            content.put("creator", creator);
        }
        if (!content.has("room_version")) {
            content.put("room_version", version);
        }
        r.create = r.createEvent(creator, content);
        r.force(r.create);
        return r;
    }

    /**
     * The usual room: @alice:a creates it, joins, sets power levels {users: {alice: 100}} plus
     * {@code plExtra}, and the join rule.
     */
    static Room standard(String version, String joinRule, Object... plExtra) {
        Room r = created(version, ALICE);
        r.apply(r.member(ALICE, ALICE, "join"));
        ObjectNode pl = J.o(plExtra);
        if (!pl.has("users")) {
            pl.set("users", r.rules.infiniteCreators() ? J.o() : J.o(ALICE, 100));
        }
        r.apply(r.state(EventTypes.POWER_LEVELS, "", ALICE, pl));
        r.apply(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", joinRule)));
        return r;
    }

    JsonAuthEvent createEvent(String sender, ObjectNode content) {
        seq++;
        String id;
        ObjectNode json = J.o("type", EventTypes.CREATE, "state_key", "", "sender", sender, "content", content,
                "prev_events", J.a(), "auth_events", J.a(), "depth", 1, "origin_server_ts", 1000 + seq);
        if (rules.createEventIsRoomId()) {
            id = "$create" + seq;
            roomId = "!" + id.substring(1);
        } else {
            id = v <= 2 ? "$" + seq + ":" + Identifiers.domain(sender) : "$e" + seq;
            roomId = "!room:" + Identifiers.domain(sender);
            json.put("room_id", roomId);
        }
        json.put("event_id", id);
        return JsonAuthEvent.of(json);
    }

    /** An event as a server would build it now: auth_events selected from the state, prev = last. */
    JsonAuthEvent ev(String type, String stateKey, String sender, ObjectNode content) {
        seq++;
        String id = v <= 2 ? "$" + seq + ":" + Identifiers.domain(sender) : "$e" + seq;
        List<AuthEvent> auth = AuthEventsSelection.select(
                AuthEventsSelection.keys(rules, type, stateKey, sender, content), state());
        ArrayNode authIds = J.a();
        for (AuthEvent a : auth) {
            authIds.add(a.eventId());
        }
        ObjectNode json = J.o("event_id", id, "type", type, "sender", sender, "content", content,
                "room_id", roomId, "auth_events", authIds, "prev_events", last == null ? J.a() : J.a(last),
                "depth", seq, "origin_server_ts", 1000 + seq);
        if (stateKey != null) {
            json.put("state_key", stateKey);
        }
        return JsonAuthEvent.of(json);
    }

    JsonAuthEvent state(String type, String stateKey, String sender, ObjectNode content) {
        return ev(type, stateKey, sender, content);
    }

    JsonAuthEvent msg(String sender) {
        return ev("m.room.message", null, sender, J.o("msgtype", "m.text", "body", "hi"));
    }

    JsonAuthEvent member(String sender, String target, String membership, Object... extra) {
        ObjectNode c = J.o(extra);
        c.put("membership", membership);
        return ev(EventTypes.MEMBER, target, sender, c);
    }

    JsonAuthEvent pl(String sender, ObjectNode content) {
        return ev(EventTypes.POWER_LEVELS, "", sender, content);
    }

    /** The current power levels content (a copy), to modify for a new event. */
    ObjectNode plContent() {
        AuthEvent pl = state.get(TypeAndKey.of(EventTypes.POWER_LEVELS, ""));
        return pl == null ? J.o() : (ObjectNode) pl.content().deepCopy();
    }

    AuthState state() {
        return AuthState.of(new HashMap<>(state));
    }

    Decision check(AuthEvent e) {
        return AUTH.check(rules, e, state());
    }

    Decision checkWithAuthEvents(AuthEvent e) {
        return AUTH.checkWithAuthEvents(rules, e, events::get);
    }

    /** Checks {@code e} against the state, requires it to pass, and applies it. */
    Room apply(JsonAuthEvent e) {
        Decision d = check(e);
        assertTrue(d.allowed(), () -> "expected " + e + " to pass: " + d);
        Decision d4 = checkWithAuthEvents(e);
        assertTrue(d4.allowed(), () -> "expected " + e + " to pass against its auth events: " + d4);
        return force(e);
    }

    /** Puts {@code e} into the room without checking it. */
    Room force(JsonAuthEvent e) {
        events.put(e.eventId(), e);
        TypeAndKey k = TypeAndKey.of(e);
        if (k != null) {
            state.put(k, e);
        }
        last = e.eventId();
        return this;
    }

    /** Joins {@code user} (checked). */
    Room join(String user) {
        return apply(member(user, user, "join"));
    }

    /** Forces {@code user}'s membership (no check). */
    Room setMembership(String user, String membership) {
        return force(member(user, user, membership));
    }

    /** Forces a power levels content (no check). */
    Room setPowerLevels(ObjectNode content) {
        return force(pl(ALICE, content));
    }

    Room setJoinRule(String rule) {
        return force(state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", rule)));
    }

    Room without(String type, String stateKey) {
        state.remove(TypeAndKey.of(type, stateKey));
        return this;
    }

    // --- expectations -----------------------------------------------------------------------

    static void allowed(Decision d, String rule) {
        assertTrue(d.allowed(), () -> "expected allowed by rule " + rule + ", got " + d);
        assertEquals(rule, d.rule(), () -> "allowed, but by another rule: " + d);
    }

    static void rejected(Decision d, String rule) {
        assertFalse(d.allowed(), () -> "expected rejected by rule " + rule + ", got " + d);
        assertEquals(rule, d.rule(), () -> "rejected, but by another rule: " + d);
        assertTrue(d.reason().startsWith("rule " + rule + " (v"), d::reason);
    }

    static void rejected(Decision d, String rule, String reasonPart) {
        rejected(d, rule);
        assertTrue(d.reason().contains(reasonPart), () -> "reason lacks '" + reasonPart + "': " + d.reason());
    }

    static List<String> versions(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }
}
