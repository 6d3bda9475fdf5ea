package org.hotroom.logic.stateres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.hotroom.logic.auth.AuthEventsSelection;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.SignatureVerifier;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;

/**
 * A room DAG built the way servers build one, for scenario tests: events named by node, each
 * with the prev_events given; the state before an event is the state after its only prev event,
 * or the resolution of the states after its prev events; its auth_events are the auth events
 * selection from that state; origin_server_ts counts up in build order. Events are not
 * authorised when built (as in a federation, a branch may carry events the other branches would
 * refuse): that is what resolution sorts out.
 */
final class Dag {

    static final String ALICE = "@alice:example.com";
    static final String BOB = "@bob:example.com";
    static final String CHARLIE = "@charlie:example.com";
    static final String ZARA = "@zara:example.com";
    static final String EVELYN = "@evelyn:example.com";

    static final AuthRules AUTH = AuthRules.of(SignatureVerifier.NONE);
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    final RoomVersion version;
    final RuleSet rules;
    final int v;
    final StateResolver resolver;
    final Map<String, SimpleEvent> events = new HashMap<>();
    final Map<String, Map<TypeAndKey, String>> after = new HashMap<>();
    final Map<String, SimpleEvent> byNode = new HashMap<>();
    final String roomId;
    long ts = 1000;
    /** Called with (state sets, resolved) at every merge. */
    BiConsumer<List<Map<TypeAndKey, String>>, Map<TypeAndKey, String>> onMerge;

    Dag(String version) {
        this(version, Interpretation.SPEC);
    }

    Dag(String version, Interpretation interpretation) {
        this.version = RoomVersions.get(version);
        this.rules = RuleSet.forVersion(version);
        this.v = Integer.parseInt(version);
        this.resolver = new StateResolver(AUTH, interpretation);
        this.roomId = v >= 12 ? "!CREATE" : "!room:example.com";
    }

    String id(String node) {
        return v >= 12 ? "$" + node : "$" + node + ":example.com";
    }

    EventSource source() {
        return EventSource.of(events);
    }

    static ObjectNode o(Object... kv) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            Object val = kv[i + 1];
            if (val instanceof JsonNode n) {
                o.set((String) kv[i], n);
            } else if (val instanceof Integer n) {
                o.put((String) kv[i], n);
            } else {
                o.put((String) kv[i], (String) val);
            }
        }
        return o;
    }

    static ObjectNode join() {
        return o("membership", "join");
    }

    /**
     * Power levels content: {@code users} from alternating user/level pairs; in room version 12 the
     * creator is left out (creators may not be listed, their power is infinite).
     */
    ObjectNode pl(Object... usersAndLevels) {
        ObjectNode users = F.objectNode();
        for (int i = 0; i < usersAndLevels.length; i += 2) {
            String u = (String) usersAndLevels[i];
            if (v >= 12 && u.equals(ALICE)) {
                continue;
            }
            users.put(u, (Integer) usersAndLevels[i + 1]);
        }
        return o("users", users);
    }

    ObjectNode createContent() {
        return v >= 11 ? o("room_version", version.id()) : o("creator", ALICE, "room_version", version.id());
    }

    /** Adds one event after the named prev nodes. */
    SimpleEvent add(String node, String sender, String type, String stateKey, JsonNode content, String... prevNodes) {
        Map<TypeAndKey, String> before = stateBefore(prevNodes);
        String id = id(node);
        List<String> auth = new ArrayList<>();
        if (!EventTypes.CREATE.equals(type)) {
            for (TypeAndKey k : AuthEventsSelection.keys(rules, type, stateKey, sender, content)) {
                String a = before.get(k);
                if (a != null) {
                    auth.add(a);
                }
            }
        }
        List<String> prev = new ArrayList<>();
        long depth = 0;
        for (String p : prevNodes) {
            SimpleEvent pe = Objects.requireNonNull(byNode.get(p), p);
            prev.add(pe.eventId());
            depth = Math.max(depth, pe.depth());
        }
        String room = v >= 12 && EventTypes.CREATE.equals(type) ? null : roomId;
        SimpleEvent e = new SimpleEvent(id, type, stateKey, sender, content, room, auth, prev, depth + 1, ts++, false);
        events.put(id, e);
        byNode.put(node, e);
        Map<TypeAndKey, String> state = new LinkedHashMap<>(before);
        if (stateKey != null) {
            state.put(TypeAndKey.of(type, stateKey), id);
        }
        after.put(node, state);
        return e;
    }

    /** Replaces an event by the same one marked rejected. */
    void reject(String node) {
        SimpleEvent e = byNode.get(node).withRejected(true);
        byNode.put(node, e);
        events.put(e.eventId(), e);
    }

    Map<TypeAndKey, String> stateBefore(String... prevNodes) {
        if (prevNodes.length == 0) {
            return new LinkedHashMap<>();
        }
        if (prevNodes.length == 1) {
            return new LinkedHashMap<>(after.get(prevNodes[0]));
        }
        List<Map<TypeAndKey, String>> sets = new ArrayList<>();
        for (String p : prevNodes) {
            sets.add(after.get(p));
        }
        Map<TypeAndKey, String> resolved = resolver.resolve(version, sets, source());
        if (onMerge != null) {
            onMerge.accept(sets, resolved);
        }
        return new LinkedHashMap<>(resolved);
    }

    // ------------------------------------------------------------------------------------------
    // Scenarios in the shape of Synapse's test_v2: a common start, then branches
    // ------------------------------------------------------------------------------------------

    /** A declared event of a scenario. */
    record Node(String name, String sender, String type, String stateKey, JsonNode content) {}

    static Node node(String name, String sender, String type, String stateKey, JsonNode content) {
        return new Node(name, sender, type, stateKey, content);
    }

    /**
     * The common start: alice creates the room, joins, sets power levels (alice 100) and a public
     * join rule; bob, charlie and zara join; START and END are messages by zara.
     */
    List<Node> initialNodes() {
        List<Node> n = new ArrayList<>();
        n.add(node("CREATE", ALICE, EventTypes.CREATE, "", createContent()));
        n.add(node("IMA", ALICE, EventTypes.MEMBER, ALICE, join()));
        n.add(node("IPOWER", ALICE, EventTypes.POWER_LEVELS, "", pl(ALICE, 100)));
        n.add(node("IJR", ALICE, EventTypes.JOIN_RULES, "", o("join_rule", "public")));
        n.add(node("IMB", BOB, EventTypes.MEMBER, BOB, join()));
        n.add(node("IMC", CHARLIE, EventTypes.MEMBER, CHARLIE, join()));
        n.add(node("IMZ", ZARA, EventTypes.MEMBER, ZARA, join()));
        n.add(node("START", ZARA, "m.room.message", null, o("body", "start")));
        n.add(node("END", ZARA, "m.room.message", null, o("body", "end")));
        return n;
    }

    static final String[] INITIAL_EDGES = {"START", "IMZ", "IMC", "IMB", "IJR", "IPOWER", "IMA", "CREATE"};

    /**
     * Builds the initial nodes plus {@code nodes}, with prev edges from the chains in {@code edges}
     * ({@code {"A", "B", "C"}}: A's prev is B, B's prev is C), in topological order with ties by name.
     */
    Dag build(List<Node> nodes, String[]... edges) {
        Map<String, Node> all = new LinkedHashMap<>();
        for (Node n : initialNodes()) {
            all.put(n.name(), n);
        }
        for (Node n : nodes) {
            all.put(n.name(), n);
        }
        Map<String, TreeSet<String>> prevs = new TreeMap<>();
        for (String name : all.keySet()) {
            prevs.put(name, new TreeSet<>());
        }
        List<String[]> chains = new ArrayList<>();
        chains.add(INITIAL_EDGES);
        chains.addAll(List.of(edges));
        for (String[] chain : chains) {
            for (int i = 0; i + 1 < chain.length; i++) {
                prevs.get(chain[i]).add(chain[i + 1]);
            }
        }
        TreeSet<String> done = new TreeSet<>();
        while (done.size() < all.size()) {
            String next = null;
            for (Map.Entry<String, TreeSet<String>> en : prevs.entrySet()) {
                if (!done.contains(en.getKey()) && done.containsAll(en.getValue())) {
                    next = en.getKey();
                    break;
                }
            }
            if (next == null) {
                throw new IllegalStateException("cycle in " + prevs);
            }
            Node n = all.get(next);
            add(n.name(), n.sender(), n.type(), n.stateKey(), n.content(), prevs.get(next).toArray(new String[0]));
            done.add(next);
        }
        return this;
    }

    /**
     * The state at END, restricted (as Synapse's test_v2 does) to the keys of {@code expectedNodes}
     * and the keys whose event changed since START; compared with the expected nodes' events.
     */
    Map<TypeAndKey, String> endStateDiff() {
        Map<TypeAndKey, String> start = after.get("START");
        Map<TypeAndKey, String> end = after.get("END");
        Map<TypeAndKey, String> out = new TreeMap<>(Dag::compareKeys);
        for (Map.Entry<TypeAndKey, String> en : end.entrySet()) {
            if (!Objects.equals(start.get(en.getKey()), en.getValue())) {
                out.put(en.getKey(), en.getValue());
            }
        }
        return out;
    }

    Map<TypeAndKey, String> expected(String... nodes) {
        Map<TypeAndKey, String> out = new TreeMap<>(Dag::compareKeys);
        for (String n : nodes) {
            SimpleEvent e = byNode.get(n);
            out.put(TypeAndKey.of(e.type(), e.stateKey()), e.eventId());
        }
        return out;
    }

    static int compareKeys(TypeAndKey a, TypeAndKey b) {
        int c = a.type().compareTo(b.type());
        return c != 0 ? c : a.stateKey().compareTo(b.stateKey());
    }

    /** State map of nodes, each under its own key. */
    Map<TypeAndKey, String> stateOf(String... nodes) {
        Map<TypeAndKey, String> m = new LinkedHashMap<>();
        for (String n : nodes) {
            SimpleEvent e = Objects.requireNonNull(byNode.get(n), n);
            m.put(TypeAndKey.of(e.type(), e.stateKey()), e.eventId());
        }
        return m;
    }

    /** Adds an event with explicit auth events (nodes) and prev events (nodes), not from the state. */
    SimpleEvent raw(String node, String sender, String type, String stateKey, JsonNode content, List<String> authNodes,
            List<String> prevNodes) {
        List<String> auth = new ArrayList<>();
        for (String a : authNodes) {
            auth.add(byNode.get(a).eventId());
        }
        List<String> prev = new ArrayList<>();
        long depth = 0;
        for (String p : prevNodes) {
            prev.add(byNode.get(p).eventId());
            depth = Math.max(depth, byNode.get(p).depth());
        }
        String room = v >= 12 && EventTypes.CREATE.equals(type) ? null : roomId;
        SimpleEvent e = new SimpleEvent(id(node), type, stateKey, sender, content, room, auth, prev, depth + 1, ts++,
                false);
        events.put(e.eventId(), e);
        byNode.put(node, e);
        return e;
    }

    Map<TypeAndKey, String> resolve(List<Map<TypeAndKey, String>> sets) {
        return resolver.resolve(version, sets, source());
    }
}
