package org.hotroom.logic.stateres.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hotroom.logic.auth.AuthEventsSelection;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;
import org.hotroom.logic.stateres.EventSource;
import org.hotroom.logic.stateres.SimpleEvent;
import org.hotroom.logic.stateres.StateResEvent;

/**
 * Deterministic rooms for the state resolution benchmarks (same seed, same room, same event IDs).
 * Events are built as a server builds them: auth_events by the auth events selection from the
 * current state, prev_events the previous event of the branch, depth and origin_server_ts counting
 * up. Every event passes the authorisation rules where it is sent.
 */
public final class BenchRoom {

    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final ObjectNode JOIN = F.objectNode().put("membership", "join");
    static final String ALICE = "@alice:bench.example";
    static final String BOB = "@bob:bench.example";

    public final RoomVersion version;
    public final Map<String, StateResEvent> events = new HashMap<>();
    /** The state sets to resolve (one per branch). */
    public final List<Map<TypeAndKey, String>> stateSets = new ArrayList<>();
    /** The union of the branches' events, to compare with the resolved state. */
    public int branchEvents;

    private final RuleSet rules;
    private final boolean v12;
    private String roomId;
    private long ts = 1_700_000_000_000L;
    private long seq;

    private BenchRoom(String version) {
        this.version = RoomVersions.get(version);
        this.rules = RuleSet.forVersion(version);
        this.v12 = rules.createEventIsRoomId();
    }

    public EventSource source() {
        return events::get;
    }

    static String user(int i) {
        return "@u" + i + ":s" + (i % 50) + ".bench.example";
    }

    /** A branch of the room: its current state and last event. */
    final class Branch {
        final Map<TypeAndKey, String> state;
        String last;
        long depth;

        Branch(Map<TypeAndKey, String> state, String last, long depth) {
            this.state = state;
            this.last = last;
            this.depth = depth;
        }

        Branch fork() {
            return new Branch(new HashMap<>(state), last, depth);
        }

        String add(String sender, String type, String stateKey, JsonNode content) {
            seq++;
            // hash-like IDs (room versions 4+ style), spread over the alphabet
            String id = "$" + Long.toString((seq * 0x9E3779B97F4A7C15L) >>> 4, 36) + Long.toString(seq, 36);
            List<String> auth = new ArrayList<>(5);
            if (!EventTypes.CREATE.equals(type)) {
                for (TypeAndKey k : AuthEventsSelection.keys(rules, type, stateKey, sender, content)) {
                    String a = state.get(k);
                    if (a != null) {
                        auth.add(a);
                    }
                }
            }
            String room = roomId;
            if (EventTypes.CREATE.equals(type)) {
                if (v12) {
                    roomId = "!" + id.substring(1);
                    room = null;
                } else {
                    roomId = "!bench:bench.example";
                    room = roomId;
                }
            }
            depth++;
            SimpleEvent e = new SimpleEvent(id, type, stateKey, sender, content, room, auth,
                    last == null ? List.of() : List.of(last), depth, ts++, false);
            events.put(id, e);
            if (stateKey != null) {
                state.put(TypeAndKey.of(type, stateKey), id);
            }
            last = id;
            return id;
        }
    }

    private ObjectNode powerLevels(Map<String, Integer> users) {
        ObjectNode pl = F.objectNode();
        ObjectNode u = pl.putObject("users");
        users.forEach((k, val) -> {
            if (!(v12 && k.equals(ALICE))) {
                u.put(k, val);
            }
        });
        pl.put("kick", 50).put("ban", 50).put("state_default", 50);
        return pl;
    }

    /** The start of every room: create, alice joins, power levels (alice 100, bob 50), public, bob joins. */
    private Branch start(Map<String, Integer> users) {
        Branch b = new Branch(new HashMap<>(), null, 0);
        ObjectNode create = F.objectNode().put("room_version", version.id());
        if (!rules.creatorIsSender()) {
            create.put("creator", ALICE);
        }
        b.add(ALICE, EventTypes.CREATE, "", create);
        b.add(ALICE, EventTypes.MEMBER, ALICE, JOIN);
        users.put(ALICE, 100);
        users.put(BOB, 50);
        b.add(ALICE, EventTypes.POWER_LEVELS, "", powerLevels(users));
        b.add(ALICE, EventTypes.JOIN_RULES, "", F.objectNode().put("join_rule", "public"));
        b.add(BOB, EventTypes.MEMBER, BOB, JOIN);
        return b;
    }

    /**
     * A room of {@code members} joined users, forked in two branches that each change state
     * concurrently, so that about {@code conflicted} events are in the conflicted state set:
     * <ul>
     *   <li>before the fork: the members join, and every 1,000 joins alice promotes one of them to
     *       50 (a power levels chain, the mainline);</li>
     *   <li>branch A: conflicted/4 members change their display name, alice promotes 3 more
     *       moderators (3 power levels events), bob kicks conflicted/100 members;</li>
     *   <li>branch B: another conflicted/4 members change their display name, a moderator bans
     *       conflicted/100 members, alice demotes one moderator.</li>
     * </ul>
     * Each key changed on one branch has two events in the conflicted state set (the branch's and
     * the common one).
     */
    public static BenchRoom forked(String version, int members, int conflicted, long seed) {
        BenchRoom r = new BenchRoom(version);
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Integer> users = new HashMap<>();
        Branch b = r.start(users);
        List<String> mods = new ArrayList<>(List.of(BOB));
        for (int i = 0; i < members; i++) {
            b.add(user(i), EventTypes.MEMBER, user(i), JOIN);
            if (i % 1000 == 999) {
                String mod = user(rnd.nextInt(i + 1));
                users.put(mod, 50);
                mods.add(mod);
                b.add(ALICE, EventTypes.POWER_LEVELS, "", r.powerLevels(users));
            }
        }
        Branch a = b.fork();
        Branch c = b.fork();
        int renames = conflicted / 4;
        int kicks = Math.max(1, conflicted / 100);
        // a permutation of the members, so that the two branches touch disjoint users
        int[] perm = new int[members];
        for (int i = 0; i < members; i++) {
            perm[i] = i;
        }
        for (int i = members - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int next = 0;
        Map<String, Integer> usersA = new HashMap<>(users);
        for (int i = 0; i < renames; i++) {
            String u = user(perm[next++]);
            if (mods.contains(u)) {
                continue;
            }
            a.add(u, EventTypes.MEMBER, u, F.objectNode().put("membership", "join").put("displayname", "A" + i));
            if (i % Math.max(1, renames / 3) == 0 && i / Math.max(1, renames / 3) < 3) {
                String mod = user(perm[members - 1 - i % members]);
                usersA.put(mod, 50);
                a.add(ALICE, EventTypes.POWER_LEVELS, "", r.powerLevels(usersA));
            }
        }
        for (int i = 0; i < kicks; i++) {
            String u = user(perm[next++]);
            if (mods.contains(u) || usersA.containsKey(u)) {
                continue;
            }
            a.add(BOB, EventTypes.MEMBER, u, F.objectNode().put("membership", "leave"));
        }
        Map<String, Integer> usersC = new HashMap<>(users);
        String banner = mods.get(mods.size() - 1);
        for (int i = 0; i < renames; i++) {
            String u = user(perm[next++]);
            if (mods.contains(u)) {
                continue;
            }
            c.add(u, EventTypes.MEMBER, u, F.objectNode().put("membership", "join").put("displayname", "B" + i));
        }
        for (int i = 0; i < kicks; i++) {
            String u = user(perm[next++]);
            if (mods.contains(u)) {
                continue;
            }
            c.add(banner, EventTypes.MEMBER, u, F.objectNode().put("membership", "ban"));
        }
        usersC.put(mods.get(1 % mods.size()), 0);
        c.add(ALICE, EventTypes.POWER_LEVELS, "", r.powerLevels(usersC));
        r.stateSets.add(a.state);
        r.stateSets.add(c.state);
        return r;
    }

    /**
     * A room without forks whose auth DAG has {@code events} events: users join, then each changes
     * its display name {@code renames} times (each rename cites the previous membership, so all are
     * in the auth chain of the final state); and a second state set a little behind the first.
     */
    public static BenchRoom linear(String version, int events, int renames) {
        BenchRoom r = new BenchRoom(version);
        Map<String, Integer> users = new HashMap<>();
        Branch b = r.start(users);
        int members = (events - 5) / (1 + renames);
        for (int i = 0; i < members; i++) {
            b.add(user(i), EventTypes.MEMBER, user(i), JOIN);
        }
        Branch behind = null;
        for (int k = 0; k < renames; k++) {
            for (int i = 0; i < members; i++) {
                b.add(user(i), EventTypes.MEMBER, user(i),
                        F.objectNode().put("membership", "join").put("displayname", "n" + k));
                if (k == renames - 1 && i == members - members / 100) {
                    behind = b.fork();
                }
            }
        }
        r.stateSets.add(b.state);
        r.stateSets.add(behind == null ? b.state : behind.state);
        return r;
    }
}
