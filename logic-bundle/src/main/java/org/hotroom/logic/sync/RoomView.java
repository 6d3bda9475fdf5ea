package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.Interner;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.rooms.ClientEvents;

/**
 * One user's view of one room's timeline, shared by {@code /sync} and {@code /messages}: walks
 * the timeline in either direction and keeps the events the user may see ({@link Visibility})
 * and the filter lets through, skipping rejected, soft-failed and outlier events.
 */
final class RoomView {

    /** The most events one walk looks at, whatever it finds, so a walk through hidden history stays short. */
    static final int SCAN_LIMIT = 2000;

    /** An event the walk kept. */
    record Item(long event, EventMeta meta, String type, String sender) {}

    /**
     * What a walk found: the kept events in walk order; whether it stopped because it had
     * {@code limit} events and more passing ones followed ({@code more}); whether it stopped at the
     * scan limit ({@code cut}, when {@code lastSeen} is the ordering of the last event looked at);
     * {@code atBound} when it stopped at its bound; when none of these, it reached the end of the
     * timeline.
     */
    record Walk(List<Item> items, boolean more, boolean cut, long lastSeen, boolean atBound) {}

    final ClientEvents events;
    final Events store;
    final Interner interner;
    final long room;
    final String roomId;
    final Visibility visibility;
    private final Map<Long, String> types = new HashMap<>();
    private final Map<Long, String> users = new HashMap<>();

    RoomView(ClientEvents events, long room, String roomId, Visibility visibility) {
        this.events = events;
        this.store = events.storage().events();
        this.interner = events.storage().interner();
        this.room = room;
        this.roomId = roomId;
        this.visibility = visibility;
    }

    String type(long id) {
        return types.computeIfAbsent(id, t -> interner.lookup(IdKind.EVENT_TYPE, t));
    }

    String user(long id) {
        return users.computeIfAbsent(id, u -> interner.lookup(IdKind.USER, u));
    }

    /** Whether the event belongs in timelines at all. */
    static boolean shown(EventMeta meta) {
        return meta != null && meta.ordering() != 0
                && !meta.has(EventMeta.REJECTED) && !meta.has(EventMeta.SOFT_FAILED) && !meta.has(EventMeta.OUTLIER);
    }

    /**
     * Walks backwards from {@code upper} (inclusive) down to {@code lower} (exclusive), keeping
     * up to {@code limit} events. {@code more} is true when another passing event follows the
     * last kept one within the bounds (looking at most {@value #SCAN_LIMIT} events further).
     */
    Walk backwards(long upper, long lower, EventFilter filter, int limit) {
        return walk(upper == Long.MAX_VALUE ? Long.MAX_VALUE : upper + 1, false, lower, filter, limit);
    }

    /** Walks forwards from {@code lower} (exclusive) up to {@code upper} (inclusive). */
    Walk forwards(long lower, long upper, EventFilter filter, int limit) {
        return walk(lower, true, upper, filter, limit);
    }

    private Walk walk(long from, boolean forwards, long bound, EventFilter filter, int limit) {
        List<Item> items = new ArrayList<>();
        boolean allowed = filter.allowsRoom(roomId);
        int[] scanned = {0};
        boolean[] state = new boolean[3]; // more, cut, at bound
        long[] last = {from};
        store.timeline(room, from, forwards, (position, event) -> {
            if (forwards ? position > bound : position <= bound) {
                state[2] = true;
                return false;
            }
            if (++scanned[0] > SCAN_LIMIT + limit) {
                state[1] = true;
                return false;
            }
            last[0] = position;
            EventMeta meta = store.meta(event);
            if (!shown(meta) || !allowed) {
                return true;
            }
            Item item = keep(event, meta, filter);
            if (item == null) {
                return true;
            }
            if (items.size() >= limit) {
                state[0] = true;
                return false;
            }
            items.add(item);
            return true;
        });
        return new Walk(items, state[0], state[1], last[0], state[2]);
    }

    /** The item when the user may see the event and the filter lets it through, else null. */
    Item keep(long event, EventMeta meta, EventFilter filter) {
        String type = type(meta.type());
        String sender = user(meta.sender());
        if (!filter.allowsTypeAndSender(type, sender)) {
            return null;
        }
        if (filter.needsContent()) {
            ObjectNode pdu = events.pdu(event);
            if (!filter.allowsContent(pdu == null ? null : pdu.get("content"))) {
                return null;
            }
        }
        if (visibility != null && !visibility.canSee(event, meta)) {
            return null;
        }
        return new Item(event, meta, type, sender);
    }

    /**
     * The room's state after the last timeline event at or before {@code upper}; null when the
     * room has no such event.
     */
    StateSnapshot stateAt(long upper) {
        long[] found = {0};
        store.timeline(room, upper == Long.MAX_VALUE ? Long.MAX_VALUE : upper + 1, false, (position, event) -> {
            EventMeta meta = store.meta(event);
            if (meta != null && !meta.has(EventMeta.REJECTED) && !meta.has(EventMeta.OUTLIER)) {
                found[0] = event;
                return false;
            }
            return true;
        });
        return found[0] == 0 ? null : events.storage().eventStates().after(found[0]);
    }
}
