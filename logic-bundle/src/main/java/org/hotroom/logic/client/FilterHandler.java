package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.Filters;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Filtering" / "API endpoints" — POST /_matrix/client/v3/user/{userId}/filter
// and GET /_matrix/client/v3/user/{userId}/filter/{filterId} (schemas: definitions/sync_filter,
// room_event_filter, event_filter).

/**
 * Uploads ({@code POST}) and downloads ({@code GET}) the caller's filters; another user's ID in
 * the path is 403 {@code M_FORBIDDEN}, an unknown filter 404 {@code M_NOT_FOUND}. Filters are kept
 * as uploaded (see {@link Filters} for IDs).
 *
 * <p>An upload is checked against the spec's {@code Filter} schema and refused with 400
 * {@code M_BAD_JSON} when a field has the wrong type: objects where the schema has objects,
 * arrays of strings, room IDs in {@code rooms}/{@code not_rooms}, user IDs in
 * {@code senders}/{@code not_senders}, booleans, {@code event_format} one of {@code client} and
 * {@code federation}, {@code limit} a non-negative integer (the spec asks for more than 0, but
 * clients send 0 for "no timeline"). An unknown field is refused unless it is namespaced (has a
 * {@code .}, e.g. {@code org.matrix.msc3773.unread_thread_notifications}), or is one of
 * {@code related_by_senders} and {@code related_by_rel_types} (MSC3440), which clients send.
 */
public final class FilterHandler implements Handler {

    private static final Set<String> EVENT_FILTER = Set.of("limit", "not_senders", "senders", "not_types", "types");
    private static final Set<String> ROOM_EVENT_FILTER = Set.of("limit", "not_senders", "senders", "not_types", "types",
            "unread_thread_notifications", "lazy_load_members", "include_redundant_members", "not_rooms", "rooms",
            "contains_url", "related_by_senders", "related_by_rel_types");
    private static final Set<String> ROOM_FILTER = Set.of("not_rooms", "rooms", "ephemeral", "include_leave", "state",
            "timeline", "account_data");
    private static final Set<String> FILTER = Set.of("event_fields", "event_format", "presence", "account_data", "room");

    @Override
    public Outcome handle(Call call) {
        String what = call.request().method().equals("GET") ? "download filters" : "upload filters";
        ClientChecks.requireSelf(call, what);
        Filters filters = new Filters(call.storage().keyValue());
        String localpart = call.auth().localpart();
        if (call.request().method().equals("GET")) {
            ObjectNode filter = filters.get(localpart, call.param("filterId"));
            if (filter == null) {
                throw new MatrixError(404, "M_NOT_FOUND", "No filter with this ID");
            }
            return Responses.ok(filter);
        }
        ObjectNode filter = ClientChecks.canonical(call.body().node(), "The filter");
        check(filter, "", FILTER);
        ObjectNode body = Json.object();
        body.put("filter_id", filters.put(localpart, filter));
        return Responses.ok(body);
    }

    /**
     * 400 {@code M_BAD_JSON} unless {@code filter} fits the {@code Filter} schema as an upload
     * must: for filters given inline to {@code /sync}.
     */
    public static void validate(JsonNode filter) {
        check(filter, "", FILTER);
    }

    /**
     * 400 {@code M_BAD_JSON} unless {@code filter} fits the {@code RoomEventFilter} schema: for the
     * {@code filter} parameter of {@code /messages}.
     */
    public static void validateRoomEventFilter(JsonNode filter) {
        check(filter, "", ROOM_EVENT_FILTER);
    }

    /** Checks one object of the filter against its known fields; {@code path} names it in errors. */
    private static void check(JsonNode node, String path, Set<String> known) {
        if (!(node instanceof ObjectNode o)) {
            throw bad(path.isEmpty() ? "the filter" : path, "an object");
        }
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String name = e.getKey();
            String at = path + name;
            JsonNode v = e.getValue();
            if (!known.contains(name)) {
                if (name.contains(".")) {
                    continue; // a namespaced extension: not ours to judge
                }
                throw MatrixError.badJson("unknown filter field '" + at + "'");
            }
            switch (name) {
                case "limit":
                    if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0) {
                        throw bad(at, "a non-negative integer");
                    }
                    break;
                case "senders":
                case "not_senders":
                    for (JsonNode s : strings(v, at)) {
                        if (Identifiers.userIdError(s.textValue()) != null) {
                            throw bad(at, "an array of user IDs");
                        }
                    }
                    break;
                case "rooms":
                case "not_rooms":
                    for (JsonNode s : strings(v, at)) {
                        if (!ClientChecks.isRoomId(s.textValue())) {
                            throw bad(at, "an array of room IDs");
                        }
                    }
                    break;
                case "types":
                case "not_types":
                case "event_fields":
                case "related_by_senders":
                case "related_by_rel_types":
                    strings(v, at);
                    break;
                case "unread_thread_notifications":
                case "lazy_load_members":
                case "include_redundant_members":
                case "contains_url":
                case "include_leave":
                    if (!v.isBoolean()) {
                        throw bad(at, "a boolean");
                    }
                    break;
                case "event_format":
                    if (!v.isTextual() || !(v.textValue().equals("client") || v.textValue().equals("federation"))) {
                        throw bad(at, "\"client\" or \"federation\"");
                    }
                    break;
                case "presence":
                    check(v, at + ".", EVENT_FILTER);
                    break;
                case "account_data":
                    check(v, at + ".", path.isEmpty() ? EVENT_FILTER : ROOM_EVENT_FILTER);
                    break;
                case "room":
                    check(v, at + ".", ROOM_FILTER);
                    break;
                case "ephemeral":
                case "state":
                case "timeline":
                    check(v, at + ".", ROOM_EVENT_FILTER);
                    break;
                default:
                    throw new IllegalStateException("known filter field without a check: " + name);
            }
        }
    }

    private static JsonNode strings(JsonNode v, String at) {
        if (!v.isArray()) {
            throw bad(at, "an array of strings");
        }
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw bad(at, "an array of strings");
            }
        }
        return v;
    }

    private static MatrixError bad(String at, String expected) {
        return MatrixError.badJson("filter field '" + at + "' must be " + expected);
    }
}
