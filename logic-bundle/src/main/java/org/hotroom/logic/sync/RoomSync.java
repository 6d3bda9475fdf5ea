package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.ClientEvents;
import org.hotroom.logic.rooms.Memberships;
import org.hotroom.logic.rooms.Receipts;
import org.hotroom.logic.rooms.Typing;

// Spec: client-server API, GET /sync (rooms.join, rooms.invite, rooms.knock, rooms.leave),
// "Syncing", "Lazy-loading room members", "Typing Notifications", "Receipts".

/**
 * One room's entry in a {@code /sync} response, for one user.
 *
 * <p>Timeline: the last {@code limit} events the user may see and the timeline filter passes,
 * after {@code since} (all history on an initial sync, and in a room joined since {@code since},
 * as other servers do and clients expect: a client that joins sees the room's recent history
 * without paginating) and up to the sync's position (up to the user's departure for a left room). {@code limited} when more passing events came after
 * {@code since}; {@code prev_batch} is the token just before the first event returned.
 *
 * <p>State: the whole state at the start of the timeline on an initial sync, with
 * {@code full_state}, or for a room joined since {@code since}; otherwise the difference between
 * the state at {@code since} and at the start of the timeline when the timeline is limited (the
 * state changes in the gap), and nothing when it is not (they are all in the timeline). With
 * {@code lazy_load_members}, member events are given only for the senders of the timeline, the
 * syncing user and the heroes, plus every member change in a gap; they may be redundant.
 */
final class RoomSync {

    /** Most events in one timeline. */
    static final int MAX_TIMELINE = 500;
    static final int DEFAULT_TIMELINE = 10;
    /** Longest gap walked to find the state changes in it; a longer one compares whole states. */
    static final int MAX_GAP_WALK = 5000;

    private final SyncContext ctx;

    RoomSync(SyncContext ctx) {
        this.ctx = ctx;
    }

    /** The {@code rooms.join} entry, or null when an incremental sync has nothing to say about the room. */
    ObjectNode joined(Memberships.Membership m, String roomId, ArrayNode accountData) {
        long since = ctx.since();
        boolean newlyJoined = ctx.incremental() && m.ordering() > since;
        boolean full = !ctx.incremental() || ctx.fullState() || newlyJoined;
        // a room joined since the token comes as on an initial sync: its recent history too
        long lower = ctx.incremental() && !newlyJoined ? since : Long.MIN_VALUE;
        ArrayNode ephemeral = ephemeral(m.room(), roomId);
        boolean quiet = ctx.incremental() && !full && ctx.storage().events().lastOrdering(m.room()) <= since;
        if (quiet && ephemeral.isEmpty() && accountData.isEmpty()) {
            return null; // the common case of a long-poll: no event since the token, checked without a walk
        }
        Visibility vis = new Visibility(ctx.rooms(), ctx.userId(), m);
        RoomView view = new RoomView(ctx.events(), m.room(), roomId, vis);
        ObjectNode out = Json.object();
        Built b = build(view, lower, Long.MAX_VALUE, full, out);
        if (ctx.incremental() && !full && b.timeline.items().isEmpty() && !b.limited && b.state.isEmpty()
                && ephemeral.isEmpty() && accountData.isEmpty()) {
            return null;
        }
        out.set("ephemeral", events(ephemeral));
        out.set("account_data", events(accountData));
        ObjectNode counts = out.putObject("unread_notifications");
        counts.put("highlight_count", 0);
        counts.put("notification_count", 0);
        return out;
    }

    /** The {@code rooms.leave} entry for a departure (leave or ban), or null when there is nothing to show. */
    ObjectNode left(Memberships.Membership m, String roomId, ArrayNode accountData) {
        long leave = m.eventId() == null ? 0 : ctx.storage().events().find(m.eventId());
        EventMeta leaveMeta = leave == 0 ? null : ctx.storage().events().meta(leave);
        if (leaveMeta == null) {
            return null;
        }
        Visibility vis = new Visibility(ctx.rooms(), ctx.userId(), m);
        RoomView view = new RoomView(ctx.events(), m.room(), roomId, vis);
        ObjectNode out = Json.object();
        StateSnapshot before = ctx.storage().eventStates().before(leave);
        boolean wasJoined = before != null && "join".equals(membershipOf(before, ctx.userId()));
        if (!wasJoined) {
            // a rejected or withdrawn invite, a kick or ban before joining: only the user's own event
            ObjectNode timeline = out.putObject("timeline");
            ArrayNode list = timeline.putArray("events");
            ObjectNode e = ctx.events().format(leave, false);
            if (e != null) {
                list.add(e);
            }
            timeline.put("limited", false);
            timeline.put("prev_batch", SyncToken.format(leaveMeta.ordering() - 1));
            out.putObject("state").putArray("events");
        } else {
            long lower = ctx.incremental() ? ctx.since() : Long.MIN_VALUE;
            build(view, lower, leaveMeta.ordering(), !ctx.incremental() || ctx.fullState(), out);
        }
        out.set("account_data", events(accountData));
        return out;
    }

    /** The {@code rooms.invite} entry. */
    ObjectNode invited(Memberships.Membership m) {
        ObjectNode out = Json.object();
        out.putObject("invite_state").set("events", strippedState(m));
        return out;
    }

    /** The {@code rooms.knock} entry. */
    ObjectNode knocked(Memberships.Membership m) {
        ObjectNode out = Json.object();
        out.putObject("knock_state").set("events", strippedState(m));
        return out;
    }

    private ArrayNode strippedState(Memberships.Membership m) {
        long e = m.eventId() == null ? 0 : ctx.storage().events().find(m.eventId());
        if (e == 0) {
            return Json.array();
        }
        ObjectNode pdu = ctx.events().pdu(e);
        JsonNode unsigned = pdu == null ? null : pdu.get("unsigned");
        for (String key : new String[] {"invite_room_state", "knock_room_state"}) {
            if (unsigned != null && unsigned.get(key) instanceof ArrayNode theirs) {
                // another server's invite: its stripped state, then the event itself
                ArrayNode list = ClientEvents.strippedList(theirs);
                ObjectNode self = ctx.events().stripped(e);
                if (self != null) {
                    list.add(self);
                }
                return list;
            }
        }
        return ctx.events().strippedState(ctx.storage().eventStates().before(e), e);
    }

    private record Built(RoomView.Walk timeline, boolean limited, List<ObjectNode> state) {}

    /** Fills in timeline, state and summary of a joined or left room. */
    private Built build(RoomView view, long lower, long upper, boolean full, ObjectNode out) {
        SyncFilter f = ctx.filter();
        int limit = f.timeline().limit(DEFAULT_TIMELINE, MAX_TIMELINE);
        RoomView.Walk walk = view.backwards(upper, lower, f.timeline(), limit);
        List<RoomView.Item> items = new ArrayList<>(walk.items());
        java.util.Collections.reverse(items); // oldest first
        boolean limited = walk.more() || walk.cut();
        long prevBatch = !items.isEmpty() ? items.get(0).meta().ordering() - 1
                : walk.cut() ? walk.lastSeen() - 1
                : upper == Long.MAX_VALUE ? ctx.position() : upper;

        boolean lazy = f.state().lazyLoadMembers();
        boolean memberInTimeline = false;
        for (RoomView.Item it : items) {
            memberInTimeline |= it.meta().type() == WellKnown.M_ROOM_MEMBER;
        }
        boolean stateNeeded = full || limited || memberInTimeline || (lazy && !items.isEmpty());
        // the state at the start of the timeline, and at its end
        StateSnapshot start = !stateNeeded ? null : items.isEmpty() ? view.stateAt(upper)
                : ctx.storage().eventStates().before(items.get(0).event());
        StateSnapshot end = !stateNeeded ? null : items.isEmpty() ? start : view.stateAt(upper);

        Set<String> wanted = new LinkedHashSet<>();
        if (lazy) {
            for (RoomView.Item it : items) {
                wanted.add(it.sender());
            }
        }
        boolean memberChange = full || memberInTimeline;

        List<ObjectNode> state = new ArrayList<>();
        ObjectNode summary = memberChange && end != null ? summary(end, view) : null;
        if (start != null && f.state().allowsRoom(view.roomId)) {
            Set<Long> taken = new HashSet<>();
            for (RoomView.Item it : items) {
                taken.add(it.event());
            }
            if (full) {
                if (lazy) {
                    wanted.add(ctx.userId());
                    if (summary != null) {
                        summary.get("m.heroes").forEach(h -> wanted.add(h.textValue()));
                    }
                }
                Set<Long> wantedKeys = lazy ? stateKeys(wanted) : null;
                start.forEach((type, key, event) -> {
                    if (type == WellKnown.M_ROOM_MEMBER && lazy && !wantedKeys.contains(key)) {
                        return true;
                    }
                    addState(view, event, taken, state);
                    return true;
                });
            } else {
                if (limited) {
                    gap(view, lower, items.isEmpty() ? upper : items.get(0).meta().ordering(), start, taken, state);
                    for (ObjectNode s : state) {
                        memberChange |= "m.room.member".equals(s.path("type").asText());
                    }
                }
                if (lazy) {
                    Set<Long> have = new HashSet<>();
                    for (ObjectNode s : state) {
                        have.add(ctx.storage().events().find(s.get("event_id").textValue()));
                    }
                    for (long key : stateKeys(wanted)) {
                        long e = start.get(WellKnown.M_ROOM_MEMBER, key);
                        if (e != 0 && !have.contains(e)) {
                            addState(view, e, taken, state);
                        }
                    }
                }
            }
        }
        if (summary == null && memberChange && end != null) {
            summary = summary(end, view); // a member change in the gap
        }

        ObjectNode timeline = out.putObject("timeline");
        ArrayNode list = timeline.putArray("events");
        for (RoomView.Item it : items) {
            ObjectNode e = ctx.events().format(it.event(), false);
            if (e != null) {
                list.add(e);
            }
        }
        timeline.put("limited", limited);
        timeline.put("prev_batch", SyncToken.format(prevBatch));
        ArrayNode stateList = out.putObject("state").putArray("events");
        state.forEach(stateList::add);
        if (summary != null) {
            out.set("summary", summary);
        }
        return new Built(walk, limited, state);
    }

    /** Adds a state event (not one of the timeline's) that the state filter passes. */
    private void addState(RoomView view, long event, Set<Long> taken, List<ObjectNode> state) {
        if (taken.contains(event)) {
            return;
        }
        EventMeta meta = ctx.storage().events().meta(event);
        if (meta == null) {
            return;
        }
        EventFilter f = ctx.filter().state();
        String type = view.type(meta.type());
        if (!f.allowsTypeAndSender(type, view.user(meta.sender()))) {
            return;
        }
        if (f.needsContent() && !f.allowsContent(ctx.events().content(event))) {
            return;
        }
        ObjectNode e = ctx.events().format(event, false);
        if (e != null) {
            state.add(e);
            taken.add(event);
        }
    }

    /**
     * The state changes between the state at {@code lower} and {@code start} (the state before the
     * event at {@code first}): the keys of the state events in between, as {@code start} holds
     * them. A long gap compares the two states whole.
     */
    private void gap(RoomView view, long lower, long first, StateSnapshot start, Set<Long> taken, List<ObjectNode> out) {
        StateSnapshot atLower = view.stateAt(lower);
        Set<Long> seen = new HashSet<>();
        List<long[]> keys = new ArrayList<>();
        boolean[] tooLong = {false};
        int[] n = {0};
        view.store.timeline(view.room, first, false, (position, event) -> {
            if (position <= lower) {
                return false;
            }
            if (++n[0] > MAX_GAP_WALK) {
                tooLong[0] = true;
                return false;
            }
            EventMeta meta = view.store.meta(event);
            if (meta != null && meta.isState() && !meta.has(EventMeta.REJECTED)) {
                long packed = meta.type() << 32 | meta.stateKey();
                if (seen.add(packed)) {
                    keys.add(new long[] {meta.type(), meta.stateKey()});
                }
            }
            return true;
        });
        if (tooLong[0]) {
            start.forEach((type, key, event) -> {
                if (atLower == null || atLower.get(type, key) != event) {
                    addState(view, event, taken, out);
                }
                return true;
            });
            return;
        }
        for (long[] k : keys) {
            long now = start.get(k[0], k[1]);
            if (now != 0 && (atLower == null || atLower.get(k[0], k[1]) != now)) {
                addState(view, now, taken, out);
            }
        }
    }

    /** The room summary: heroes and member counts, from {@code state}. */
    private ObjectNode summary(StateSnapshot state, RoomView view) {
        record Member(String user, String membership, long ordering) {}
        List<Member> members = new ArrayList<>();
        state.forEach(WellKnown.M_ROOM_MEMBER, (type, key, event) -> {
            ObjectNode content = ctx.events().content(event);
            JsonNode m = content == null ? null : content.get("membership");
            EventMeta meta = ctx.storage().events().meta(event);
            String user = ctx.storage().interner().lookup(IdKind.STATE_KEY, key);
            if (m != null && m.isTextual() && user != null) {
                members.add(new Member(user, m.textValue(), meta == null ? 0 : meta.ordering()));
            }
            return true;
        });
        members.sort(Comparator.comparingLong(Member::ordering).thenComparing(Member::user));
        int joined = 0;
        int invited = 0;
        List<String> heroes = new ArrayList<>();
        List<String> departed = new ArrayList<>();
        for (Member m : members) {
            switch (m.membership()) {
                case "join" -> joined++;
                case "invite" -> invited++;
                default -> { }
            }
            if (m.user().equals(ctx.userId())) {
                continue;
            }
            if (m.membership().equals("join") || m.membership().equals("invite")) {
                if (heroes.size() < 5) {
                    heroes.add(m.user());
                }
            } else if ((m.membership().equals("leave") || m.membership().equals("ban")) && departed.size() < 5) {
                departed.add(m.user());
            }
        }
        ObjectNode out = Json.object();
        ArrayNode h = out.putArray("m.heroes");
        (heroes.isEmpty() ? departed : heroes).forEach(h::add);
        out.put("m.joined_member_count", joined);
        out.put("m.invited_member_count", invited);
        return out;
    }

    /** The ephemeral events of a joined room: typing and receipts, as changed since {@code since}. */
    private ArrayNode ephemeral(long room, String roomId) {
        ArrayNode out = Json.array();
        EventFilter f = ctx.filter().ephemeral();
        if (!f.allowsRoom(roomId)) {
            return out;
        }
        if (f.allowsType("m.typing")) {
            Typing typing = new Typing(ctx.storage());
            List<Long> users = typing.typing(room, ctx.now());
            boolean report = ctx.incremental() ? typing.lastChange(room) > ctx.since() : !users.isEmpty();
            if (report) {
                ObjectNode e = Json.object();
                e.put("type", "m.typing");
                ArrayNode ids = e.putObject("content").putArray("user_ids");
                for (long u : users) {
                    ids.add(ctx.storage().interner().lookup(IdKind.USER, u));
                }
                out.add(e);
            }
            ctx.typingExpiry(typing.nextExpiry(room, ctx.now()));
        }
        if (f.allowsType("m.receipt")) {
            Receipts receipts = new Receipts(ctx.storage());
            List<Receipts.Receipt> list = ctx.incremental() ? receipts.since(room, ctx.since()) : receipts.all(room);
            ObjectNode content = Json.object();
            for (Receipts.Receipt r : list) {
                if (r.type().equals(Receipts.READ_PRIVATE) && r.user() != ctx.user()) {
                    continue; // "Servers MUST NOT send the m.read.private receipt to any other user"
                }
                String user = ctx.storage().interner().lookup(IdKind.USER, r.user());
                if (user == null || !f.allowsTypeAndSender("m.receipt", user)) {
                    continue;
                }
                ObjectNode at = child(child(content, r.eventId()), r.type());
                ObjectNode rec = at.putObject(user);
                rec.put("ts", r.ts());
                if (!r.thread().isEmpty()) {
                    rec.put("thread_id", r.thread());
                }
            }
            if (!content.isEmpty()) {
                ObjectNode e = Json.object();
                e.put("type", "m.receipt");
                e.set("content", content);
                out.add(e);
            }
        }
        return out;
    }

    private static ObjectNode child(ObjectNode parent, String key) {
        return parent.get(key) instanceof ObjectNode o ? o : parent.putObject(key);
    }

    private Set<Long> stateKeys(Set<String> users) {
        Set<Long> out = new LinkedHashSet<>();
        for (String u : users) {
            long k = u == null ? 0 : ctx.storage().interner().find(IdKind.STATE_KEY, u);
            if (k != 0) {
                out.add(k);
            }
        }
        return out;
    }

    private String membershipOf(StateSnapshot state, String userId) {
        long k = ctx.storage().interner().find(IdKind.STATE_KEY, userId);
        long e = k == 0 ? 0 : state.get(WellKnown.M_ROOM_MEMBER, k);
        ObjectNode content = e == 0 ? null : ctx.events().content(e);
        JsonNode m = content == null ? null : content.get("membership");
        return m != null && m.isTextual() ? m.textValue() : null;
    }

    static ObjectNode events(ArrayNode list) {
        ObjectNode o = Json.object();
        o.set("events", list);
        return o;
    }
}
