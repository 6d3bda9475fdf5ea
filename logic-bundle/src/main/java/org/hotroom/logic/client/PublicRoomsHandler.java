package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.rooms.HistoryVisibility;
import org.hotroom.logic.rooms.RoomDirectory;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "Published room directory" — GET and POST /_matrix/client/v3/publicRooms.

/**
 * This server's published rooms ({@link RoomDirectory}), each summarised from its current state:
 * {@code room_id}, {@code num_joined_members}, {@code world_readable}, {@code guest_can_join},
 * and when set {@code name}, {@code topic} (the plain text one), {@code canonical_alias},
 * {@code avatar_url}, {@code join_rule}, {@code room_type}.
 *
 * <p>Ordered by joined members, most first, then room ID. Paginated by {@code limit} and
 * {@code since}: the tokens {@code next_batch} / {@code prev_batch} are {@code o<offset>}, an
 * offset into that order (stable enough for a directory; a room published meanwhile may shift a
 * page by one). {@code total_room_count_estimate} counts the rooms that pass the filter.
 *
 * <p>{@code GET} takes {@code limit} and {@code since} from the query, without an access token;
 * {@code POST} from the body, with an access token, plus {@code filter.generic_search_term}
 * (case-insensitive, in the name, topic, canonical alias and room ID) and {@code
 * filter.room_types} ({@code null} for rooms without a type). {@code include_all_networks} and
 * {@code third_party_instance_id} have nothing to select (no bridges). {@code server} naming
 * another server needs the federation: 400 {@code M_INVALID_PARAM}. A malformed or negative
 * {@code limit}, or a malformed {@code since}, is 400 {@code M_INVALID_PARAM} (a {@code limit} of
 * the wrong JSON type in a {@code POST} body 400 {@code M_BAD_JSON}); {@code limit} 0 means no limit.
 */
public final class PublicRoomsHandler implements Handler {

    private static final String TOKEN_PREFIX = "o";

    @Override
    public Outcome handle(Call call) {
        String server = call.query().first("server");
        if (server != null && !server.equals(call.serverName())) {
            throw MatrixError.invalidParam("Listing the rooms of another server (" + RoomAccess.shorten(server)
                    + ") needs the federation, which this server does not support yet");
        }
        long limit;
        String since;
        String term = null;
        List<String> roomTypes = null;
        boolean anyType = true;
        if (call.request().method().equals("POST")) {
            JsonBody body = call.body();
            limit = body.optLong("limit", 0);
            since = body.optString("since");
            JsonBody filter = body.optObject("filter");
            if (filter != null) {
                term = filter.optString("generic_search_term");
                JsonNode types = filter.node().get("room_types");
                if (types != null && !types.isNull()) {
                    if (!types.isArray()) {
                        throw MatrixError.badJson("filter.room_types must be an array");
                    }
                    anyType = false;
                    roomTypes = new ArrayList<>();
                    for (JsonNode t : types) {
                        if (!t.isNull() && !t.isTextual()) {
                            throw MatrixError.badJson("filter.room_types must be an array of room types (strings) and null");
                        }
                        roomTypes.add(t.isNull() ? null : t.textValue());
                    }
                }
            }
        } else {
            String l = call.query().first("limit");
            try {
                limit = l == null ? 0 : Long.parseLong(l);
            } catch (NumberFormatException e) {
                throw MatrixError.invalidParam("limit must be an integer");
            }
            since = call.query().first("since");
        }
        if (limit < 0) {
            throw MatrixError.invalidParam("limit must not be negative");
        }
        int offset = offset(since);

        RoomStore rooms = new RoomStore(call.storage());
        HistoryVisibility visibility = new HistoryVisibility(rooms);
        List<ObjectNode> entries = new ArrayList<>();
        for (long id : new RoomDirectory(call.storage().keyValue()).published()) {
            RoomStore.Room room = rooms.get(id);
            if (room == null) {
                continue;
            }
            ObjectNode entry = summary(rooms, visibility, room);
            if (!anyType && !roomTypes.contains(entry.has("room_type") ? entry.get("room_type").textValue() : null)) {
                continue;
            }
            if (term != null && !term.isEmpty() && !matches(entry, term)) {
                continue;
            }
            entries.add(entry);
        }
        entries.sort(Comparator.comparingLong((ObjectNode e) -> -e.get("num_joined_members").longValue())
                .thenComparing(e -> e.get("room_id").textValue()));

        int from = Math.min(offset, entries.size());
        int to = limit <= 0 ? entries.size() : (int) Math.min(entries.size() - from, limit) + from;
        ObjectNode body = Json.object();
        ArrayNode chunk = body.putArray("chunk");
        entries.subList(from, to).forEach(chunk::add);
        if (to < entries.size()) {
            body.put("next_batch", TOKEN_PREFIX + to);
        }
        if (from > 0) {
            body.put("prev_batch", TOKEN_PREFIX + (limit <= 0 ? 0 : Math.max(0, from - Math.min(from, limit))));
        }
        body.put("total_room_count_estimate", entries.size());
        return Responses.ok(body);
    }

    private static int offset(String since) {
        if (since == null || since.isEmpty()) {
            return 0;
        }
        if (since.startsWith(TOKEN_PREFIX)) {
            try {
                int o = Integer.parseInt(since.substring(TOKEN_PREFIX.length()));
                if (o >= 0) {
                    return o;
                }
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        throw MatrixError.invalidParam("since is not a token of this server's room directory");
    }

    static ObjectNode summary(RoomStore rooms, HistoryVisibility visibility, RoomStore.Room room) {
        StateSnapshot state = rooms.currentState(room);
        ObjectNode e = Json.object();
        e.put("room_id", room.roomId());
        long joined = 0;
        for (StoredEvent m : rooms.members(state)) {
            if ("join".equals(m.membership())) {
                joined++;
            }
        }
        e.put("num_joined_members", joined);
        text(rooms.stateContent(state, "m.room.name", ""), "name").ifPresent(v -> e.put("name", v));
        topic(rooms.stateContent(state, "m.room.topic", "")).ifPresent(v -> e.put("topic", v));
        text(rooms.stateContent(state, "m.room.canonical_alias", ""), "alias").ifPresent(v -> e.put("canonical_alias", v));
        text(rooms.stateContent(state, "m.room.avatar", ""), "url").ifPresent(v -> e.put("avatar_url", v));
        text(rooms.stateContent(state, "m.room.join_rules", ""), "join_rule").ifPresent(v -> e.put("join_rule", v));
        text(rooms.stateContent(state, "m.room.create", ""), "type").ifPresent(v -> e.put("room_type", v));
        e.put("world_readable", visibility.visibility(state).equals("world_readable"));
        JsonNode guests = rooms.stateContent(state, "m.room.guest_access", "");
        e.put("guest_can_join", guests != null && "can_join".equals(guests.path("guest_access").textValue()));
        return e;
    }

    private static Optional<String> text(JsonNode content, String field) {
        JsonNode v = content == null ? null : content.get(field);
        return v != null && v.isTextual() && !v.textValue().isEmpty() ? Optional.of(v.textValue())
                : Optional.empty();
    }

    /** The plain text topic: the {@code text/plain} entry of {@code m.topic}, else {@code topic}. */
    private static Optional<String> topic(JsonNode content) {
        if (content == null) {
            return Optional.empty();
        }
        JsonNode text = content.path("m.topic").path("m.text");
        if (text.isArray()) {
            for (JsonNode t : text) {
                String mime = t.path("mimetype").isTextual() ? t.get("mimetype").textValue() : "text/plain";
                if (mime.equals("text/plain") && t.path("body").isTextual()) {
                    return Optional.of(t.get("body").textValue());
                }
            }
        }
        return text(content, "topic");
    }

    private static boolean matches(ObjectNode entry, String term) {
        String t = term.toLowerCase(Locale.ROOT);
        for (String field : new String[] {"name", "topic", "canonical_alias", "room_id"}) {
            JsonNode v = entry.get(field);
            if (v != null && v.textValue().toLowerCase(Locale.ROOT).contains(t)) {
                return true;
            }
        }
        return false;
    }
}
