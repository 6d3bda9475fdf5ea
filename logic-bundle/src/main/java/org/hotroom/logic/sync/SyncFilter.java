package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.account.Filters;
import org.hotroom.logic.client.FilterHandler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.json.JsonRejectedException;
import org.hotroom.logic.json.StrictJson;

// Spec: client-server API, GET /sync parameter `filter`; definitions/sync_filter.

/**
 * The {@code filter} of a {@code /sync}: a filter ID from {@code POST /user/{userId}/filter}, or
 * a filter as inline JSON (a value starting with <code>{</code>). An unknown ID is 400
 * {@code M_INVALID_PARAM}; inline JSON that does not parse is 400 {@code M_NOT_JSON}, one that
 * does not fit the schema 400 {@code M_BAD_JSON}.
 *
 * @param accountData  top-level {@code account_data}
 * @param rooms        {@code room.rooms} / {@code room.not_rooms} (its other fields unused)
 * @param includeLeave {@code room.include_leave}
 * @param timeline     {@code room.timeline}
 * @param state        {@code room.state}
 * @param ephemeral    {@code room.ephemeral}
 * @param roomAccountData {@code room.account_data}
 */
public record SyncFilter(EventFilter accountData, EventFilter rooms, boolean includeLeave, EventFilter timeline,
                         EventFilter state, EventFilter ephemeral, EventFilter roomAccountData) {

    public static final SyncFilter DEFAULT = of(null);

    /** The filter from the {@code filter} query parameter (null: none) of user {@code localpart}. */
    public static SyncFilter fromParam(String param, Filters filters, String localpart) {
        if (param == null || param.isEmpty()) {
            return DEFAULT;
        }
        ObjectNode filter;
        if (param.startsWith("{")) {
            filter = inline(param);
            FilterHandler.validate(filter);
        } else {
            filter = filters.get(localpart, param);
            if (filter == null) {
                throw MatrixError.invalidParam("No filter with ID '"
                        + (param.length() > 64 ? param.substring(0, 64) + "..." : param) + "'");
            }
        }
        return of(filter);
    }

    /** Inline filter JSON: 400 {@code M_NOT_JSON} or {@code M_BAD_JSON} when it is not a JSON object. */
    static ObjectNode inline(String json) {
        try {
            return StrictJson.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (JsonRejectedException e) {
            throw e.reason() == JsonRejectedException.Reason.NOT_JSON
                    ? MatrixError.notJson("filter is not JSON: " + e.getMessage())
                    : MatrixError.badJson("filter: " + e.getMessage());
        }
    }

    /** The filter in a validated {@code Filter} object (null: the default filter). */
    public static SyncFilter of(ObjectNode filter) {
        JsonNode room = filter == null ? null : filter.get("room");
        JsonNode includeLeave = room == null ? null : room.get("include_leave");
        return new SyncFilter(
                EventFilter.of(filter == null ? null : filter.get("account_data")),
                EventFilter.of(room),
                includeLeave != null && includeLeave.isBoolean() && includeLeave.booleanValue(),
                EventFilter.of(room == null ? null : room.get("timeline")),
                EventFilter.of(room == null ? null : room.get("state")),
                EventFilter.of(room == null ? null : room.get("ephemeral")),
                EventFilter.of(room == null ? null : room.get("account_data")));
    }
}
