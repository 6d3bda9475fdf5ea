package org.hotroom.storage.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.storage.state.StateKeys;
import org.hotroom.storage.state.StateMap;

/**
 * A deterministic room history for benchmarking state stores: the same profile and seed give the
 * same events, byte for byte, on every machine (one {@link Random} drives every choice).
 *
 * <p>Events are numbered 1, 2, ... in arrival order and carry numeric IDs only: state keys of
 * members are {@code FIRST_DYNAMIC + user index}, types are {@link WellKnown} IDs, a message has
 * type 0. The room starts with a create event, the creator's join and the usual initial state;
 * then each event is a message or a state event (mostly {@code m.room.member}: joins of new users,
 * leaves, rejoins and profile changes, mixed so that the room ends near its target membership; a
 * share of other state: power levels, name, topic, ...).
 *
 * <p>Forks: with probability {@code forkRate} per event, the history forks at its tip: one side
 * gets 1..2 events, the other 1..3, interleaved in arrival order, and a merge event with both tips
 * as previous events follows. The merge's state is resolved by a simple stand-in for state
 * resolution (union of both sides; where both changed a key, the higher event ID wins) and comes
 * with the event as a delta against its first previous event, which is how the logic records it.
 */
public final class HistoryGenerator implements Iterator<HistoryGenerator.Event> {

    /**
     * The shape of a history.
     *
     * @param stateEvents state events after the initial state
     * @param messageShare fraction of all events that are messages
     * @param members membership the room should end near
     * @param otherStateShare fraction of state events that are not {@code m.room.member}
     * @param forkRate probability per event that the history forks there
     */
    public record Profile(String name, int stateEvents, double messageShare, int members,
            double otherStateShare, double forkRate) {}

    /** A small chatty room: 50 members, 100k events, 2% state. */
    public static final Profile H1 = new Profile("h1", 2_000, 0.98, 50, 0.10, 0.002);
    /** Matrix HQ-like: 30k members, 100k state changes (99% membership), a fifth of events messages, occasional forks. */
    public static final Profile H2 = new Profile("h2", 100_000, 0.20, 30_000, 0.01, 0.005);
    /** A very large room: 100k members, 1M state changes. */
    public static final Profile H3 = new Profile("h3", 1_000_000, 0.20, 100_000, 0.01, 0.005);

    public static Profile profile(String name) {
        return switch (name) {
            case "h1" -> H1;
            case "h2" -> H2;
            case "h3" -> H3;
            default -> throw new IllegalArgumentException("unknown history profile " + name + " (h1, h2, h3)");
        };
    }

    /**
     * One event. {@code prev2 != 0} marks a merge, whose state before it is the state after {@code
     * prev1} with {@code mergeDelta} applied; otherwise the state before it is the state after
     * {@code prev1} (the empty state when {@code prev1 == 0}). {@code type == 0}: not a state event.
     */
    public record Event(long id, long prev1, long prev2, long type, long stateKey, StateMap mergeDelta) {
        public boolean isState() {
            return type != 0;
        }
    }

    private static final long[] OTHER_TYPES = {
        WellKnown.M_ROOM_POWER_LEVELS, WellKnown.M_ROOM_POWER_LEVELS, WellKnown.M_ROOM_POWER_LEVELS,
        WellKnown.M_ROOM_NAME, WellKnown.M_ROOM_TOPIC, WellKnown.M_ROOM_TOPIC, WellKnown.M_ROOM_PINNED_EVENTS,
        WellKnown.M_ROOM_PINNED_EVENTS, WellKnown.M_ROOM_SERVER_ACL, WellKnown.M_ROOM_CANONICAL_ALIAS,
        WellKnown.M_ROOM_AVATAR, WellKnown.M_ROOM_JOIN_RULES, WellKnown.M_ROOM_HISTORY_VISIBILITY,
        WellKnown.M_ROOM_GUEST_ACCESS,
    };

    private final Profile profile;
    private final Random random;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private final double newJoinShare;

    private long nextId = 1;
    private long tip;
    private int stateEmitted;
    private int users;
    private final List<Integer> joined = new ArrayList<>();
    private final Map<Integer, Integer> joinedAt = new HashMap<>();
    private final List<Integer> left = new ArrayList<>();
    private final Map<Integer, Integer> leftAt = new HashMap<>();

    public HistoryGenerator(Profile profile, long seed) {
        this.profile = profile;
        this.random = new Random(seed);
        double memberEvents = profile.stateEvents() * (1 - profile.otherStateShare());
        this.newJoinShare = Math.min(0.9, 6.0 * profile.members() / (5.0 * Math.max(1, memberEvents)));
        initialState();
    }

    public Profile profile() {
        return profile;
    }

    /** The state key ID of user {@code index} (0-based). */
    public static long userKey(int index) {
        return WellKnown.FIRST_DYNAMIC + index;
    }

    /** Users that ever joined so far. */
    public int users() {
        return users;
    }

    private void initialState() {
        emitLinear(WellKnown.M_ROOM_CREATE, WellKnown.EMPTY_STATE_KEY);
        emitLinear(WellKnown.M_ROOM_MEMBER, userKey(newUser()));
        for (long t : new long[] {WellKnown.M_ROOM_POWER_LEVELS, WellKnown.M_ROOM_JOIN_RULES,
                WellKnown.M_ROOM_HISTORY_VISIBILITY, WellKnown.M_ROOM_GUEST_ACCESS, WellKnown.M_ROOM_NAME,
                WellKnown.M_ROOM_TOPIC, WellKnown.M_ROOM_CANONICAL_ALIAS}) {
            emitLinear(t, WellKnown.EMPTY_STATE_KEY);
        }
        stateEmitted = 0;
    }

    @Override
    public boolean hasNext() {
        if (queue.isEmpty() && stateEmitted < profile.stateEvents()) {
            generate();
        }
        return !queue.isEmpty();
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return queue.poll();
    }

    private void generate() {
        if (random.nextDouble() >= profile.forkRate()) {
            long[] c = content();
            emitLinear(c[0], c[1]);
            return;
        }
        // a fork at the tip: two sides, interleaved, then a merge
        long base = tip;
        int a = 1 + random.nextInt(2);
        int b = 1 + random.nextInt(3);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < a; i++) {
            order.add(0);
        }
        for (int i = 0; i < b; i++) {
            order.add(1);
        }
        Collections.shuffle(order, random);
        long[] sideTip = {base, base};
        List<Map<Long, Long>> changes = List.of(new HashMap<>(), new HashMap<>());
        for (int side : order) {
            long[] c = content();
            long id = nextId++;
            queue.add(new Event(id, sideTip[side], 0, c[0], c[1], null));
            if (c[0] != 0) {
                changes.get(side).put(StateKeys.pack(c[0], c[1]), id);
            }
            sideTip[side] = id;
        }
        // resolve: the merge's first previous event is side 1's tip; take side 0's changes that win
        Map<Long, Long> fork = changes.get(0);
        Map<Long, Long> trunk = changes.get(1);
        List<Long> keys = new ArrayList<>();
        for (Map.Entry<Long, Long> e : fork.entrySet()) {
            Long other = trunk.get(e.getKey());
            if (other == null || other < e.getValue()) {
                keys.add(e.getKey());
            }
        }
        Collections.sort(keys);
        StateMap.Builder delta = new StateMap.Builder(keys.size());
        for (long k : keys) {
            delta.add(k, fork.get(k));
        }
        long[] c = content();
        long id = nextId++;
        queue.add(new Event(id, sideTip[1], sideTip[0], c[0], c[1], delta.build()));
        tip = id;
    }

    private void emitLinear(long type, long stateKey) {
        long id = nextId++;
        queue.add(new Event(id, tip, 0, type, stateKey, null));
        tip = id;
    }

    /** The next event's (type, state key): a message, or a state change; keeps membership books. */
    private long[] content() {
        if (random.nextDouble() < profile.messageShare()) {
            return new long[] {0, 0};
        }
        stateEmitted++;
        if (random.nextDouble() < profile.otherStateShare()) {
            return new long[] {OTHER_TYPES[random.nextInt(OTHER_TYPES.length)], WellKnown.EMPTY_STATE_KEY};
        }
        double r = random.nextDouble();
        int user;
        if (r < newJoinShare || joined.isEmpty()) {
            user = newUser();
        } else if (r < newJoinShare * 4 / 3 && joined.size() > 1) {
            user = pick(joined);
            remove(joined, joinedAt, user);
            add(left, leftAt, user);
        } else if (r < newJoinShare * 3 / 2 && !left.isEmpty()) {
            user = pick(left);
            remove(left, leftAt, user);
            add(joined, joinedAt, user);
        } else {
            user = pick(joined); // a profile change
        }
        return new long[] {WellKnown.M_ROOM_MEMBER, userKey(user)};
    }

    private int newUser() {
        int u = users++;
        add(joined, joinedAt, u);
        return u;
    }

    private int pick(List<Integer> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static void add(List<Integer> list, Map<Integer, Integer> at, int u) {
        at.put(u, list.size());
        list.add(u);
    }

    private static void remove(List<Integer> list, Map<Integer, Integer> at, int u) {
        int i = at.remove(u);
        int last = list.remove(list.size() - 1);
        if (last != u) {
            list.set(i, last);
            at.put(last, i);
        }
    }

    /** Current membership (joined users). */
    public int joined() {
        return joined.size();
    }
}
