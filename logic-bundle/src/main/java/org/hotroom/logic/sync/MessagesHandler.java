package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.client.FilterHandler;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.ClientEvents;
import org.hotroom.logic.rooms.Memberships;
import org.hotroom.logic.rooms.RoomStore;

// Spec: client-server API, GET /_matrix/client/v3/rooms/{roomId}/messages (message_pagination.yaml),
// "Lazy-loading room members", "Room History Visibility".

/**
 * {@code GET /rooms/{roomId}/messages}: pages through a room's timeline with {@link SyncToken}s.
 *
 * <ul>
 *   <li>{@code dir} is required: {@code b} walks back from {@code from} (default: the newest
 *       event the caller may see), {@code f} forwards (default: the start of the room).</li>
 *   <li>{@code to} bounds the walk; {@code limit} defaults to {@value #DEFAULT_LIMIT} and is capped
 *       at {@value #MAX_LIMIT}; {@code filter} is a {@code RoomEventFilter} as JSON.</li>
 *   <li>{@code start} is {@code from} (or the default place); {@code end} continues the walk, and
 *       is left out when the walk reached the start of the room (or, forwards, its newest event,
 *       or the caller's departure). A walk that reaches {@code to} ends at {@code to}. A walk
 *       through much history the caller may not see may return an empty {@code chunk} with an
 *       {@code end}.</li>
 *   <li>With {@code lazy_load_members}, {@code state} holds the member events of the chunk's
 *       senders, as of the first event of the chunk.</li>
 * </ul>
 * A token names a fixed place ({@link SyncToken}), so the same request gives the same page
 * however many events arrive later. Joined members see the room's history as its visibility
 * allows; a member who left (or was banned) sees it up to their departure; anyone else only a
 * {@code world_readable} room, and is otherwise refused with 403 {@code M_FORBIDDEN}.
 */
public final class MessagesHandler implements Handler {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        String roomId = call.param("roomId");
        String dir = call.query().first("dir");
        if (dir == null) {
            throw MatrixError.missingParam("'dir' is required");
        }
        if (!dir.equals("b") && !dir.equals("f")) {
            throw MatrixError.invalidParam("'dir' must be 'b' or 'f'");
        }
        boolean back = dir.equals("b");
        String fromParam = call.query().first("from");
        Long from = fromParam == null || fromParam.isEmpty() ? null : SyncToken.parse(fromParam, "from");
        String toParam = call.query().first("to");
        Long to = toParam == null || toParam.isEmpty() ? null : SyncToken.parse(toParam, "to");
        int limit = limit(call.query().first("limit"));
        EventFilter filter = filter(call.query().first("filter"));

        StepStorage storage = call.storage();
        ClientEvents events = ClientEvents.of(call);
        long room = storage.interner().find(IdKind.ROOM, roomId);
        Memberships.Membership m = room == 0 ? null : new Memberships(storage).get(who.userId(), room);
        Visibility vis = new Visibility(new RoomStore(storage), who.userId(), m);
        RoomView view = new RoomView(events, room, roomId, vis);
        long position = storage.streams().position(SyncToken.STREAM);

        long upper = readableUpTo(view, vis, m, room);

        RoomView.Walk walk;
        long start;
        String end = null;
        if (back) {
            start = from != null ? from : upper == Long.MAX_VALUE ? position : upper;
            long lower = to != null ? to : Long.MIN_VALUE;
            walk = view.backwards(Math.min(start, upper), lower, filter, limit);
            if (walk.more()) {
                end = SyncToken.format(walk.items().isEmpty() ? start
                        : walk.items().get(walk.items().size() - 1).meta().ordering() - 1);
            } else if (walk.cut()) {
                end = SyncToken.format(walk.lastSeen() - 1);
            } else if (walk.atBound() && to != null) {
                end = SyncToken.format(to);
            }
        } else {
            long first = storage.events().firstOrdering(room);
            start = from != null ? from : first == 0 ? position : first - 1;
            long bound = Math.min(upper, to != null ? to : Long.MAX_VALUE);
            walk = view.forwards(start, bound, filter, limit);
            if (walk.more()) {
                end = SyncToken.format(walk.items().isEmpty() ? start
                        : walk.items().get(walk.items().size() - 1).meta().ordering());
            } else if (walk.cut()) {
                end = SyncToken.format(walk.lastSeen());
            } else if (walk.atBound() && to != null && to <= upper) {
                end = SyncToken.format(to);
            }
        }

        ObjectNode body = Json.object();
        ArrayNode chunk = body.putArray("chunk");
        Set<String> senders = new LinkedHashSet<>();
        for (RoomView.Item it : walk.items()) {
            ObjectNode e = events.format(it.event(), true);
            if (e != null) {
                chunk.add(e);
                senders.add(it.sender());
            }
        }
        body.put("start", SyncToken.format(start));
        if (end != null) {
            body.put("end", end);
        }
        if (filter.lazyLoadMembers()) {
            ArrayNode state = body.putArray("state");
            StateSnapshot at = walk.items().isEmpty() ? null
                    : storage.eventStates().after(walk.items().get(0).event());
            if (at != null) {
                for (String sender : senders) {
                    long key = storage.interner().find(IdKind.STATE_KEY, sender);
                    long e = key == 0 ? 0 : at.get(WellKnown.M_ROOM_MEMBER, key);
                    ObjectNode member = e == 0 ? null : events.format(e, true);
                    if (member != null) {
                        state.add(member);
                    }
                }
            }
        }
        return Responses.ok(body);
    }

    /**
     * How far the caller may read the room's timeline: everything as a member (or anyone in a
     * {@code world_readable} room), up to the departure after one; 403 {@code M_FORBIDDEN} for
     * anyone else.
     *
     * @param m the caller's latest membership of the room, or null
     */
    static long readableUpTo(RoomView view, Visibility vis, Memberships.Membership m, long room) {
        if (m != null && m.membership().equals("join")) {
            return Long.MAX_VALUE;
        }
        if (m != null && (m.membership().equals("leave") || m.membership().equals("ban"))) {
            return m.ordering();
        }
        StateSnapshot now = room == 0 ? null : view.stateAt(Long.MAX_VALUE);
        if (now == null || !vis.historyVisibility(now).equals("world_readable")) {
            throw MatrixError.forbidden("You are not a member of this room and may not read its history");
        }
        return Long.MAX_VALUE;
    }

    static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return (int) Math.min(n, MAX_LIMIT);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw MatrixError.invalidParam("'limit' must be a non-negative integer");
    }

    static EventFilter filter(String value) {
        if (value == null || value.isEmpty()) {
            return EventFilter.ALL;
        }
        ObjectNode f = SyncFilter.inline(value);
        FilterHandler.validateRoomEventFilter(f);
        return EventFilter.of(f);
    }
}
