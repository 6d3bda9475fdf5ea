package org.hotroom.api.storage;

import java.util.Objects;

/**
 * What the server keeps about an event besides its JSON, all by numeric ID ({@link Interner}).
 *
 * @param event          the event ({@link IdKind#EVENT})
 * @param room           its room ({@link IdKind#ROOM})
 * @param type           its type ({@link IdKind#EVENT_TYPE})
 * @param stateKey       its state key ({@link IdKind#STATE_KEY}); 0 when it is not a state event
 *                       (the empty state key has an ID, {@link WellKnown#EMPTY_STATE_KEY})
 * @param sender         its sender ({@link IdKind#USER})
 * @param depth          its {@code depth} field
 * @param originServerTs its {@code origin_server_ts} field
 * @param ordering       its position in this server's timeline of the room: positive for events
 *                       that arrived live, in arrival order (the logic takes it from a stream),
 *                       negative for backfilled history (more negative is older), 0 for events
 *                       outside the timeline (outliers, rejected events)
 * @param authEvents     its {@code auth_events}
 * @param prevEvents     its {@code prev_events}
 * @param flags          {@link #REJECTED}, {@link #SOFT_FAILED}, {@link #OUTLIER}, or'ed
 */
public record EventMeta(long event, long room, long type, long stateKey, long sender, long depth,
                        long originServerTs, long ordering, long[] authEvents, long[] prevEvents, int flags) {

    /** The event failed the authorization rules (or validation); it never enters room state. */
    public static final int REJECTED = 1;
    /** Accepted into the DAG but not shown to clients (failed auth against the current state). */
    public static final int SOFT_FAILED = 2;
    /** Known without its place in the graph (an auth event fetched for a join, say). */
    public static final int OUTLIER = 4;

    public EventMeta {
        if (event == 0 || room == 0 || type == 0 || sender == 0) {
            throw new IllegalArgumentException("event, room, type and sender must be set (0 means none)");
        }
        Objects.requireNonNull(authEvents, "authEvents");
        Objects.requireNonNull(prevEvents, "prevEvents");
        authEvents = authEvents.clone();
        prevEvents = prevEvents.clone();
    }

    public boolean isState() {
        return stateKey != 0;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public long[] authEvents() {
        return authEvents.clone();
    }

    @Override
    public long[] prevEvents() {
        return prevEvents.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventMeta m && m.event == event && m.room == room && m.type == type
                && m.stateKey == stateKey && m.sender == sender && m.depth == depth
                && m.originServerTs == originServerTs && m.ordering == ordering
                && java.util.Arrays.equals(m.authEvents, authEvents)
                && java.util.Arrays.equals(m.prevEvents, prevEvents) && m.flags == flags;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(event) * 31 + Long.hashCode(ordering);
    }

    @Override
    public String toString() {
        return "EventMeta[event=" + event + ", room=" + room + ", type=" + type + ", stateKey=" + stateKey
                + ", sender=" + sender + ", depth=" + depth + ", ordering=" + ordering + ", auth="
                + java.util.Arrays.toString(authEvents) + ", prev=" + java.util.Arrays.toString(prevEvents)
                + ", flags=" + flags + "]";
    }
}
