package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.api.Outcome;
import org.hotroom.api.Wait;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.account.AccountData;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.account.Filters;
import org.hotroom.logic.account.PushRules;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.ClientEvents;
import org.hotroom.logic.rooms.Memberships;
import org.hotroom.logic.rooms.Typing;

// Spec: client-server API, GET /_matrix/client/v3/sync (sync.yaml), "Syncing", "Filtering".

/**
 * {@code GET /sync}: an initial sync without {@code since}, else what happened after it, up to
 * the stream position this step sees, which becomes {@code next_batch} (see {@link SyncToken}).
 *
 * <ul>
 *   <li>{@code rooms.join}: see {@link RoomSync}; a room joined after {@code since} gets its full
 *       state and recent history, as on an initial sync. {@code rooms.invite} and {@code rooms.knock}: stripped state, when the invite or
 *       knock is new. {@code rooms.leave}: a departure after {@code since} (always), or every
 *       departure on an initial sync with {@code room.include_leave} (forgotten rooms never).</li>
 *   <li>{@code account_data}: global account data changed since {@code since} (all of it on an
 *       initial sync, with {@code m.push_rules} always); room account data goes with its room.</li>
 *   <li>{@code presence}, {@code to_device}, {@code device_lists}: empty.</li>
 * </ul>
 *
 * <p>Long-poll: an incremental sync that finds nothing for the caller answers
 * {@code Wait("sync", position, timeout)}; the shell calls again once the stream moves, and the
 * step looks again. When what arrived does not concern the caller, it waits again for what is
 * left of {@code timeout}, counted from the exchange's first step; once that is over, or with
 * {@code timeout=0} or {@code full_state=true}, it answers, possibly empty. A wait ends early at
 * the next typing expiry in the caller's rooms, so that expiry is reported when it happens.
 *
 * <p>Typing notifications whose time ran out in the caller's joined rooms are removed by the sync
 * that finds them (a write, and a change on the stream, see {@link Typing}).
 */
public final class SyncHandler implements Handler {

    /** Waits per exchange at most, well below the shell's step limit; then the sync answers empty. */
    static final int MAX_WAITS = 128;
    /** Longest {@code timeout} honoured. */
    static final long MAX_TIMEOUT = 600_000;

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        StepStorage storage = call.storage();
        SyncFilter filter = SyncFilter.fromParam(call.query().first("filter"), new Filters(storage.keyValue()),
                who.localpart());
        String sinceParam = call.query().first("since");
        Long since = sinceParam == null || sinceParam.isEmpty() ? null : SyncToken.parse(sinceParam, "since");
        boolean fullState = bool(call.query().first("full_state"), "full_state");
        long timeout = Math.min(timeout(call.query().first("timeout")), MAX_TIMEOUT);
        long now = call.now();

        long user = storage.interner().find(IdKind.USER, who.userId());
        Memberships memberships = new Memberships(storage);
        List<Memberships.Membership> rooms = memberships.all(who.userId());
        if (expireTyping(storage, rooms, now)) {
            rooms = memberships.all(who.userId()); // the writer lock shows the latest data
        }
        long position = storage.streams().position(SyncToken.STREAM);
        if (since != null && since > position) {
            since = position; // a token from the future (another store, say): nothing after it yet
        }
        ClientEvents events = new ClientEvents(storage, now, who.userId(), who.deviceId());
        SyncContext ctx = new SyncContext(storage, events, who.userId(), user, filter, since, fullState, position, now);
        boolean[] empty = {true};
        ObjectNode body = build(ctx, rooms, who, empty);

        if (!empty[0] || since == null || fullState || timeout == 0) {
            return Responses.ok(body);
        }
        long remaining = call.exchange().startMillis() + timeout - now;
        if (remaining <= 0 || call.exchange().woken().size() >= MAX_WAITS) {
            return Responses.ok(body);
        }
        if (ctx.typingExpiry() != Long.MAX_VALUE) {
            remaining = Math.max(1, Math.min(remaining, ctx.typingExpiry() - now));
        }
        return new Wait(SyncToken.STREAM, position, remaining);
    }

    private static boolean expireTyping(StepStorage storage, List<Memberships.Membership> rooms, long now) {
        Typing typing = new Typing(storage);
        boolean changed = false;
        for (Memberships.Membership m : rooms) {
            if (m.membership().equals("join")) {
                changed |= typing.expire(m.room(), now);
            }
        }
        return changed;
    }

    private static ObjectNode build(SyncContext ctx, List<Memberships.Membership> rooms, Authenticated who, boolean[] empty) {
        StepStorage storage = ctx.storage();
        SyncFilter filter = ctx.filter();
        AccountData data = new AccountData(storage);

        ArrayNode global = Json.array();
        Map<String, ArrayNode> perRoom = new HashMap<>();
        if (ctx.incremental()) {
            for (AccountData.Change c : data.changesSince(who.localpart(), ctx.since())) {
                ObjectNode content = c.roomId() == null && c.type().equals(PushRules.EVENT_TYPE)
                        ? pushRules(storage, who) : data.content(who.localpart(), c.roomId(), c.type());
                if (content != null) {
                    accountData(filter, global, perRoom, c.roomId(), c.type(), content);
                }
            }
        } else {
            boolean rules = false;
            for (AccountData.Entry e : data.all(who.localpart())) {
                boolean isRules = e.roomId() == null && e.type().equals(PushRules.EVENT_TYPE);
                rules |= isRules;
                ObjectNode content = isRules ? pushRules(storage, who) : e.content();
                if (content != null) {
                    accountData(filter, global, perRoom, e.roomId(), e.type(), content);
                }
            }
            if (!rules) {
                accountData(filter, global, perRoom, null, PushRules.EVENT_TYPE, pushRules(storage, who));
            }
        }

        ObjectNode join = Json.object();
        ObjectNode invite = Json.object();
        ObjectNode leave = Json.object();
        ObjectNode knock = Json.object();
        RoomSync rs = new RoomSync(ctx);
        for (Memberships.Membership m : rooms) {
            String roomId = storage.interner().lookup(IdKind.ROOM, m.room());
            if (roomId == null || !filter.rooms().allowsRoom(roomId)) {
                continue;
            }
            boolean isNew = !ctx.incremental() || m.ordering() > ctx.since();
            ArrayNode roomData = perRoom.getOrDefault(roomId, Json.array());
            switch (m.membership()) {
                case "join" -> {
                    ObjectNode r = rs.joined(m, roomId, roomData);
                    if (r != null) {
                        join.set(roomId, r);
                    }
                }
                case "invite" -> {
                    if (isNew) {
                        invite.set(roomId, rs.invited(m));
                    }
                }
                case "knock" -> {
                    if (isNew) {
                        knock.set(roomId, rs.knocked(m));
                    }
                }
                case "leave", "ban" -> {
                    boolean wanted = ctx.incremental() ? isNew : filter.includeLeave();
                    if (wanted && !new Memberships(storage).isForgotten(ctx.userId(), m.room())) {
                        ObjectNode r = rs.left(m, roomId, roomData);
                        if (r != null) {
                            leave.set(roomId, r);
                        }
                    }
                }
                default -> { }
            }
        }

        empty[0] = join.isEmpty() && invite.isEmpty() && leave.isEmpty() && knock.isEmpty() && global.isEmpty();
        ObjectNode body = Json.object();
        body.put("next_batch", SyncToken.format(ctx.position()));
        ObjectNode roomsNode = body.putObject("rooms");
        roomsNode.set("join", join);
        roomsNode.set("invite", invite);
        roomsNode.set("leave", leave);
        roomsNode.set("knock", knock);
        body.set("account_data", RoomSync.events(global));
        body.set("presence", RoomSync.events(Json.array()));
        body.set("to_device", RoomSync.events(Json.array()));
        ObjectNode devices = body.putObject("device_lists");
        devices.putArray("changed");
        devices.putArray("left");
        return body;
    }

    private static void accountData(SyncFilter filter, ArrayNode global, Map<String, ArrayNode> perRoom, String roomId,
                                    String type, ObjectNode content) {
        EventFilter f = roomId == null ? filter.accountData() : filter.roomAccountData();
        if (!f.allowsType(type) || (roomId != null && !f.allowsRoom(roomId))) {
            return;
        }
        ObjectNode e = Json.object();
        e.put("type", type);
        e.set("content", content);
        (roomId == null ? global : perRoom.computeIfAbsent(roomId, r -> Json.array())).add(e);
    }

    private static ObjectNode pushRules(StepStorage storage, Authenticated who) {
        ObjectNode content = Json.object();
        content.set("global", new PushRules(storage).ruleset(who.localpart(), who.userId()));
        return content;
    }

    static boolean bool(String value, String name) {
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw MatrixError.invalidParam("'" + name + "' must be true or false");
        };
    }

    private static long timeout(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long t = Long.parseLong(value);
            if (t >= 0) {
                return t;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw MatrixError.invalidParam("'timeout' must be a non-negative integer of milliseconds");
    }
}
