package org.hotroom.logic.stateres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hotroom.logic.auth.EventTypes;

/**
 * The events of one resolution, interned: every event ID seen gets a dense int (0, 1, 2, ...), and
 * everything after interning works on ints and arrays. An event is fetched from the
 * {@link EventSource} at most once; its {@code auth_events} become an int array without duplicates
 * (first occurrence kept).
 *
 * <p>{@link #closure} walks the auth_events graph from a set of roots once (iterative depth-first
 * search, O(V + E)) and returns its events in topological order, auth events first; the passes
 * of {@link AuthChains} run over that order. Missing events are collected rather than failing
 * at the first, so that one {@link MissingEventsException} names them all; an auth_events cycle
 * (impossible with hash event IDs, possible with room version 1–2 IDs) fails the resolution.
 *
 * <p>Not thread-safe; one instance per resolution.
 */
final class EventGraph {

    private static final int[] NO_INTS = new int[0];
    private static final byte UNTRIED = 0;
    private static final byte LOADED = 1;
    private static final byte MISSING = 2;

    private final EventSource source;
    private final IdIndex index = new IdIndex();
    private String[] ids = new String[256];
    private StateResEvent[] events = new StateResEvent[256];
    private int[][] auth = new int[256][];
    private byte[] load = new byte[256];
    private int[] plAuth = new int[256];
    private int[] key = new int[256];
    private int size;

    /** Missing event ID → the ID of an event citing it (null for a root). */
    private final Map<String, String> missing = new TreeMap<>(EventIds.ORDER);
    private int[] stamp = new int[256];
    private int stampGen;

    final StateKeys keys = new StateKeys();

    EventGraph(EventSource source) {
        this.source = source;
    }

    int size() {
        return size;
    }

    /** The int of {@code eventId}, interning it (the event is fetched when first needed). */
    int intern(String eventId) {
        int i = index.get(eventId);
        if (i >= 0) {
            return i;
        }
        if (size == ids.length) {
            grow();
        }
        int n = size++;
        ids[n] = eventId;
        plAuth[n] = -2;
        key[n] = -2;
        index.put(eventId, n);
        return n;
    }

    /** The int of {@code eventId}, or -1 when it was never interned. */
    int find(String eventId) {
        return index.get(eventId);
    }

    private void grow() {
        int cap = ids.length * 2;
        ids = Arrays.copyOf(ids, cap);
        events = Arrays.copyOf(events, cap);
        auth = Arrays.copyOf(auth, cap);
        load = Arrays.copyOf(load, cap);
        plAuth = Arrays.copyOf(plAuth, cap);
        key = Arrays.copyOf(key, cap);
        stamp = Arrays.copyOf(stamp, cap);
    }

    String id(int e) {
        return ids[e];
    }

    /** Fetches event {@code e} if not tried yet; true when the source has it. */
    private boolean fetch(int e) {
        if (load[e] == UNTRIED) {
            StateResEvent ev = source.event(ids[e]);
            if (ev == null) {
                load[e] = MISSING;
            } else {
                events[e] = ev;
                List<String> refs = ev.authEventIds();
                int[] a = refs.isEmpty() ? NO_INTS : new int[refs.size()];
                int n = 0;
                int gen = ++stampGen;
                for (String ref : refs) {
                    int r = intern(ref); // may grow the arrays
                    if (stamp[r] != gen) {
                        stamp[r] = gen;
                        a[n++] = r;
                    }
                }
                auth[e] = n == a.length ? a : Arrays.copyOf(a, n);
                load[e] = LOADED;
            }
        }
        return load[e] == LOADED;
    }

    /** Fetches event {@code e}; when the source does not have it, records it as missing and returns false. */
    boolean tryLoad(int e, int citer) {
        if (fetch(e)) {
            return true;
        }
        missing.putIfAbsent(ids[e], citer >= 0 ? ids[citer] : null);
        return false;
    }

    /** Event {@code e}; {@link MissingEventsException} when the source does not have it. */
    StateResEvent event(int e) {
        if (!tryLoad(e, -1)) {
            throwIfMissing();
        }
        return events[e];
    }

    /** The event if the source has it, else null (not recorded as missing). */
    StateResEvent eventOrNull(int e) {
        return fetch(e) ? events[e] : null;
    }

    /** The distinct auth events of {@code e} (which must be loaded). */
    int[] auth(int e) {
        return auth[e];
    }

    boolean rejected(int e) {
        return events[e].rejected();
    }

    /** Fails with every missing event found so far, if any. */
    void throwIfMissing() {
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(missing.size()).append(missing.size() == 1 ? " event is" : " events are")
                .append(" missing (the state sets and their auth chains must all be given): ");
        int shown = 0;
        for (Map.Entry<String, String> m : missing.entrySet()) {
            if (shown == 20) {
                sb.append(", ... (").append(missing.size() - shown).append(" more)");
                break;
            }
            if (shown > 0) {
                sb.append(", ");
            }
            sb.append(m.getKey());
            if (m.getValue() != null) {
                sb.append(" (cited by ").append(m.getValue()).append(')');
            }
            shown++;
        }
        throw new MissingEventsException(new ArrayList<>(missing.keySet()), sb.toString());
    }

    /**
     * Every event reachable from {@code roots} through auth_events (the roots included), in
     * topological order: an event comes after all of its auth events. O(V + E) for the V events and
     * E distinct auth_events edges reached.
     */
    int[] closure(int[] roots) {
        byte[] state = new byte[Math.max(size, 16)]; // 0 unseen, 1 on the stack, 2 done
        int[] order = new int[Math.max(roots.length, 16)];
        int orderLen = 0;
        int[] stackNode = new int[64];
        int[] stackChild = new int[64];
        for (int root : roots) {
            if (root < state.length && state[root] != 0) {
                continue;
            }
            int sp = 0;
            stackNode[0] = root;
            stackChild[0] = 0;
            sp = 1;
            if (root >= state.length) {
                state = Arrays.copyOf(state, Math.max(size, state.length * 2));
            }
            state[root] = 1;
            boolean rootLoaded = tryLoad(root, -1);
            if (!rootLoaded) {
                state[root] = 2;
                continue;
            }
            while (sp > 0) {
                int top = stackNode[sp - 1];
                int[] children = auth[top];
                int ci = stackChild[sp - 1];
                if (ci < children.length) {
                    stackChild[sp - 1] = ci + 1;
                    int c = children[ci];
                    if (c >= state.length) {
                        state = Arrays.copyOf(state, Math.max(size, state.length * 2));
                    }
                    if (state[c] == 0) {
                        state[c] = 1;
                        if (!tryLoad(c, top)) {
                            state[c] = 2;
                            continue;
                        }
                        if (sp == stackNode.length) {
                            stackNode = Arrays.copyOf(stackNode, sp * 2);
                            stackChild = Arrays.copyOf(stackChild, sp * 2);
                        }
                        stackNode[sp] = c;
                        stackChild[sp] = 0;
                        sp++;
                    } else if (state[c] == 1) {
                        throw new StateResolutionException("the auth_events of " + ids[top] + " lead back to "
                                + ids[top] + " through " + ids[c] + ": auth_events must form a DAG");
                    }
                } else {
                    sp--;
                    state[top] = 2;
                    if (orderLen == order.length) {
                        order = Arrays.copyOf(order, orderLen * 2);
                    }
                    order[orderLen++] = top;
                }
            }
        }
        throwIfMissing();
        return Arrays.copyOf(order, orderLen);
    }

    /**
     * The {@code m.room.power_levels} event (state_key "") among the auth events of {@code e}, or -1:
     * the first one cited, as the mainline definitions read it ("the m.room.power_levels event in
     * the auth_events"). Memoized. An auth event the source does not have is passed over.
     */
    int powerLevelsAuthEvent(int e) {
        int p = plAuth[e];
        if (p != -2) {
            return p;
        }
        p = -1;
        StateResEvent ev = event(e);
        if (ev != null) {
            for (int a : auth[e]) {
                StateResEvent ae = eventOrNull(a);
                if (ae != null && EventTypes.POWER_LEVELS.equals(ae.type()) && "".equals(ae.stateKey())) {
                    p = a;
                    break;
                }
            }
        }
        plAuth[e] = p;
        return p;
    }

    /** The interned state key of event {@code e}, or -1 when it is not a state event. */
    int key(int e) {
        int k = key[e];
        if (k != -2) {
            return k;
        }
        StateResEvent ev = event(e);
        String type = ev.type();
        String stateKey = ev.stateKey();
        k = type == null || stateKey == null ? -1 : keys.intern(type, stateKey);
        key[e] = k;
        return k;
    }

    /** Code point order of the two events' IDs. */
    int compareIds(int a, int b) {
        return EventIds.compare(ids[a], ids[b]);
    }
}
