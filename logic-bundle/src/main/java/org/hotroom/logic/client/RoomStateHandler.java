package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.hotroom.api.Outcome;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.LocalEvents;
import org.hotroom.logic.rooms.RoomAliases;
import org.hotroom.logic.rooms.ClientEvents;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StepContext;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "Getting events for a room" — GET /_matrix/client/v3/rooms/{roomId}/state,
// GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}; "Sending events to a room" —
// PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}.

/**
 * A room's state.
 *
 * <ul>
 *   <li>{@code GET .../state}: every state event, in the client format.</li>
 *   <li>{@code GET .../state/{eventType}/{stateKey}}: the content of one state event
 *       ({@code ?format=event}: the whole event; {@code format} other than {@code content} and
 *       {@code event} is 400 {@code M_INVALID_PARAM}); 404 {@code M_NOT_FOUND} when the key is not
 *       in the state. A redacted event's content is served redacted.</li>
 *   <li>Reading: the current state for joined users (and anyone, when the room is
 *       {@code world_readable}); for users who left or were kicked or banned, the state when they
 *       left; 403 {@code M_FORBIDDEN} for everyone else.</li>
 *   <li>{@code PUT .../state/{eventType}/{stateKey}}: sends a state event (the body is its
 *       content) and answers its {@code event_id}; the authorisation rules decide (403). For
 *       {@code m.room.canonical_alias}, aliases new to the event must be valid (400
 *       {@code M_INVALID_PARAM}) and, when they are this server's, point to this room (400
 *       {@code M_BAD_ALIAS}); other servers' aliases are taken as they are until the federation
 *       can resolve them.</li>
 * </ul>
 * The state key may be empty, with or without the trailing slash (two routes).
 */
public final class RoomStateHandler implements Handler {

    /** Which route. */
    public enum Shape {
        /** {@code /state}: the whole state. */
        ALL,
        /** {@code /state/{eventType}}: the empty state key without the slash. */
        TYPE,
        /** {@code /state/{eventType}/{stateKey}}, the key possibly empty. */
        TYPE_AND_KEY
    }

    private final Shape shape;

    /** @param variant the shape in lower case: {@code "all"}, {@code "type"}, {@code "type_and_key"} */
    public RoomStateHandler(String variant) {
        this.shape = switch (variant) {
            case "all" -> Shape.ALL;
            case "type" -> Shape.TYPE;
            case "type_and_key" -> Shape.TYPE_AND_KEY;
            default -> throw new IllegalArgumentException("RoomStateHandler has no variant " + variant);
        };
    }

    @Override
    public Outcome handle(Call call) {
        String roomId = RoomAccess.roomId(call);
        String me = call.auth().userId();
        if (call.request().method().equals("PUT")) {
            return put(call, roomId, me);
        }
        String format = shape == Shape.ALL ? null : call.query().first("format");
        if (format != null && !format.equals("content") && !format.equals("event")) {
            throw MatrixError.invalidParam("format must be 'content' or 'event'");
        }
        RoomStore rooms = new RoomStore(call.storage());
        StateSnapshot state = RoomAccess.readableState(rooms, roomId, me);
        ClientEvents clientEvents = ClientEvents.of(call);
        if (shape == Shape.ALL) {
            ArrayNode out = Json.array();
            for (StoredEvent e : rooms.all(state)) {
                out.add(clientEvents.format(e.id()));
            }
            return Responses.json(200, out);
        }
        StoredEvent e = rooms.stateEvent(state, call.param("eventType"), stateKey(call));
        if (e == null) {
            throw new MatrixError(404, "M_NOT_FOUND", "Event not found.");
        }
        ObjectNode event = clientEvents.format(e.id());
        if ("event".equals(format)) {
            return Responses.ok(event);
        }
        return Responses.ok((ObjectNode) event.get("content"));
    }

    private Outcome put(Call call, String roomId, String me) {
        String type = call.param("eventType");
        String stateKey = stateKey(call);
        ObjectNode content = ClientChecks.canonical(call.body().node(), "The content");
        call.storage().beginWrite();
        LocalEvents local = new LocalEvents(StepContext.of(call));
        RoomStore rooms = local.rooms();
        RoomStore.Room room = RoomAccess.knownRoom(rooms, roomId);
        if (type.equals("m.room.canonical_alias") && stateKey.isEmpty()) {
            checkAliases(call, rooms, room, content);
        }
        StoredEvent e = local.send(room, me, type, stateKey, content);
        return Responses.ok(Json.object().put("event_id", e.eventId()));
    }

    private String stateKey(Call call) {
        return shape == Shape.TYPE_AND_KEY ? call.param("stateKey") : "";
    }

    /** The aliases of a new {@code m.room.canonical_alias} that the current one does not list must be valid and ours must point here. */
    private static void checkAliases(Call call, RoomStore rooms, RoomStore.Room room, ObjectNode content) {
        Set<String> known = new HashSet<>();
        JsonNode current = rooms.stateContent(rooms.currentState(room), "m.room.canonical_alias", "");
        if (current != null) {
            aliases(current, known, false);
        }
        Set<String> given = new HashSet<>();
        aliases(content, given, true);
        RoomAliases aliases = new RoomAliases(call.storage().keyValue());
        for (String alias : given) {
            if (known.contains(alias)) {
                continue;
            }
            String err = RoomAliases.aliasError(alias);
            if (err != null) {
                throw MatrixError.invalidParam("'" + RoomAccess.shorten(alias) + "' is not a valid room alias: " + err);
            }
            if (RoomAliases.serverOf(alias).equals(call.serverName())) {
                RoomAliases.Target t = aliases.get(alias);
                if (t == null || !t.roomId().equals(room.roomId())) {
                    throw new MatrixError(400, "M_BAD_ALIAS", "Room alias " + alias + " does not point to this room");
                }
            }
        }
    }

    private static void aliases(JsonNode content, Set<String> into, boolean strict) {
        JsonNode alias = content.get("alias");
        if (alias != null && !alias.isNull()) {
            if (alias.isTextual()) {
                into.add(alias.textValue());
            } else if (strict) {
                throw MatrixError.invalidParam("alias must be a string");
            }
        }
        JsonNode alt = content.get("alt_aliases");
        if (alt != null && !alt.isNull()) {
            if (!alt.isArray()) {
                if (strict) {
                    throw MatrixError.invalidParam("alt_aliases must be an array of strings");
                }
                return;
            }
            for (JsonNode a : alt) {
                if (a.isTextual()) {
                    into.add(a.textValue());
                } else if (strict) {
                    throw MatrixError.invalidParam("alt_aliases must be an array of strings");
                }
            }
        }
    }
}
