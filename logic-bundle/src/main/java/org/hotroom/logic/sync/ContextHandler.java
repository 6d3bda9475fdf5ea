package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.ClientEvents;
import org.hotroom.logic.rooms.Memberships;
import org.hotroom.logic.rooms.RoomStore;

// Spec: client-server API, "Event context" — GET /_matrix/client/v3/rooms/{roomId}/context/{eventId}
// (event_context.yaml), "Lazy-loading room members".

/**
 * {@code GET /rooms/{roomId}/context/{eventId}}: an event with the events around it, as clients
 * ask when they open a room at its read marker or follow a link to an event.
 *
 * <ul>
 *   <li>{@code event}: the event, unfiltered. One the caller may not see (by the room's history
 *       visibility, or after their departure), or that is not in the room's timeline, is 404
 *       {@code M_NOT_FOUND}; a caller who may not read the room at all gets 403, as from
 *       {@code /messages}.</li>
 *   <li>{@code events_before} (newest first) and {@code events_after} (oldest first): up to
 *       {@code limit} events together (default {@value #DEFAULT_LIMIT}, at most
 *       {@value MessagesHandler#MAX_LIMIT}), half of them before, that the caller may see and
 *       {@code filter} (a {@code RoomEventFilter} as JSON) lets through.</li>
 *   <li>{@code start} and {@code end}: {@code /messages} tokens before the first and after the
 *       last event returned.</li>
 *   <li>{@code state}: the state at the last event returned, through the filter; with
 *       {@code lazy_load_members}, of the member events only those of the events' senders.</li>
 * </ul>
 */
public final class ContextHandler implements Handler {

    static final int DEFAULT_LIMIT = 10;

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        String roomId = call.param("roomId");
        String eventId = call.param("eventId");
        String limitParam = call.query().first("limit");
        int limit = limitParam == null || limitParam.isEmpty() ? DEFAULT_LIMIT : MessagesHandler.limit(limitParam);
        EventFilter filter = MessagesHandler.filter(call.query().first("filter"));

        StepStorage storage = call.storage();
        ClientEvents events = ClientEvents.of(call);
        long room = storage.interner().find(IdKind.ROOM, roomId);
        Memberships.Membership m = room == 0 ? null : new Memberships(storage).get(who.userId(), room);
        Visibility vis = new Visibility(new RoomStore(storage), who.userId(), m);
        RoomView view = new RoomView(events, room, roomId, vis);
        long upper = MessagesHandler.readableUpTo(view, vis, m, room);

        long event = storage.events().find(eventId);
        EventMeta meta = event == 0 ? null : storage.events().meta(event);
        if (meta == null || meta.room() != room || !RoomView.shown(meta) || meta.ordering() > upper
                || !vis.canSee(event, meta)) {
            throw new MatrixError(404, "M_NOT_FOUND", "Event not found.");
        }
        long at = meta.ordering();
        int before = limit / 2;
        RoomView.Walk back = view.backwards(at - 1, Long.MIN_VALUE, filter, before);
        RoomView.Walk forth = view.forwards(at, upper, filter, limit - back.items().size());

        ObjectNode body = Json.object();
        body.put("start", SyncToken.format(back.items().isEmpty() ? (back.cut() ? back.lastSeen() - 1 : at - 1)
                : back.items().get(back.items().size() - 1).meta().ordering() - 1));
        body.put("end", SyncToken.format(forth.items().isEmpty() ? (forth.cut() ? forth.lastSeen() : at)
                : forth.items().get(forth.items().size() - 1).meta().ordering()));
        Set<String> senders = new LinkedHashSet<>();
        body.set("events_before", list(events, back.items(), senders));
        body.set("event", events.format(event, true));
        senders.add(view.user(meta.sender()));
        body.set("events_after", list(events, forth.items(), senders));

        long last = forth.items().isEmpty() ? event : forth.items().get(forth.items().size() - 1).event();
        StateSnapshot state = storage.eventStates().after(last);
        ArrayNode stateList = body.putArray("state");
        if (state != null && filter.allowsRoom(roomId)) {
            Set<Long> keys = new LinkedHashSet<>();
            for (String sender : senders) {
                long key = sender == null ? 0 : storage.interner().find(IdKind.STATE_KEY, sender);
                if (key != 0) {
                    keys.add(key);
                }
            }
            boolean lazy = filter.lazyLoadMembers();
            state.forEach((type, key, e) -> {
                if (type == WellKnown.M_ROOM_MEMBER && lazy && !keys.contains(key)) {
                    return true;
                }
                EventMeta em = storage.events().meta(e);
                if (em != null && filter.allowsTypeAndSender(view.type(em.type()), view.user(em.sender()))
                        && (!filter.needsContent() || filter.allowsContent(events.content(e)))) {
                    ObjectNode formatted = events.format(e, true);
                    if (formatted != null) {
                        stateList.add(formatted);
                    }
                }
                return true;
            });
        }
        return Responses.ok(body);
    }

    private static ArrayNode list(ClientEvents events, List<RoomView.Item> items, Set<String> senders) {
        ArrayNode out = Json.array();
        for (RoomView.Item it : items) {
            ObjectNode e = events.format(it.event(), true);
            if (e != null) {
                out.add(e);
                senders.add(it.sender());
            }
        }
        return out;
    }
}
