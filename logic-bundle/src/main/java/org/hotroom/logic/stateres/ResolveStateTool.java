package org.hotroom.logic.stateres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.ServerSignatureCheck;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.crypto.Ed25519;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.tool.Tool;
import org.hotroom.logic.tool.ToolException;
import org.hotroom.logic.tool.ToolRequest;

/**
 * {@code resolve-state}: {@code {"room_version": V, "state_sets": [[event_id, ...], ...],
 * "events": [PDU, ...]}} to {@code {"state": [event_id, ...]}}, the resolved state of the state sets
 * ({@link StateResolver}, the algorithm of the room version).
 *
 * <ul>
 *   <li>Each state set lists the event IDs of one state (each event under its own type and
 *       state_key; two events of one set with the same key are refused).</li>
 *   <li>{@code events} holds every event of the state sets and of their auth chains (room version
 *       1: of the state sets), each with an explicit {@code event_id}, {@code type},
 *       {@code sender}, {@code content}, {@code origin_server_ts}, {@code depth},
 *       {@code auth_events} and {@code prev_events} ({@code [id, {hashes}]} pairs or ID strings),
 *       {@code state_key} and {@code room_id} (room version 12's create event has none). Hashes and
 *       signatures are not checked; third-party invite signatures (an authorisation rule) are.</li>
 *   <li>Optional {@code "rejected": [event_id, ...]}: events to treat as rejected.</li>
 *   <li>Optional {@code "interpretation": "spec" | "synapse"} ({@link Interpretation}; default
 *       {@code "spec"}).</li>
 *   <li>The answer lists the event IDs of the resolved state sorted by code point (byte order of
 *       their UTF-8), so that equal states give equal lines.</li>
 *   <li>Errors: {@code {"error": "..."}}, naming missing events (all of them, with an event citing
 *       each).</li>
 * </ul>
 */
public final class ResolveStateTool implements Tool {

    private static final AuthRules RULES = new AuthRules(
            (publicKey, message, signature) -> Ed25519.preferred().verify(publicKey, message, signature),
            ServerSignatureCheck.SIGNATURE_PRESENT);

    private static final String[] REQUIRED_INTEGERS = {"origin_server_ts", "depth"};
    private static final String[] REQUIRED_STRINGS = {"event_id", "type", "sender"};

    @Override
    public String name() {
        return "resolve-state";
    }

    @Override
    public String synopsis() {
        return "{\"room_version\": V, \"state_sets\": [[ID, ...], ...], \"events\": [PDU, ...][, \"rejected\": [ID, ...]]"
                + "[, \"interpretation\": \"spec\"|\"synapse\"]} -> {\"state\": [ID, ...]} (sorted)";
    }

    @Override
    public ObjectNode handle(ToolRequest request) {
        RoomVersion version = request.roomVersion();
        Interpretation interpretation = Interpretation.SPEC;
        JsonNode in = request.node().get("interpretation");
        if (in != null) {
            interpretation = in.isTextual() ? Interpretation.ofLabel(in.textValue()) : null;
            if (interpretation == null) {
                throw new ToolException("field 'interpretation' must be \"spec\" or \"synapse\"");
            }
        }
        JsonNode setsJson = request.require("state_sets");
        if (!setsJson.isArray()) {
            throw new ToolException("field 'state_sets' must be an array of arrays of event IDs");
        }
        List<List<String>> sets = new ArrayList<>();
        for (int s = 0; s < setsJson.size(); s++) {
            JsonNode set = setsJson.get(s);
            if (!set.isArray()) {
                throw new ToolException("state_sets[" + s + "] must be an array of event IDs");
            }
            List<String> ids = new ArrayList<>(set.size());
            for (int i = 0; i < set.size(); i++) {
                if (!set.get(i).isTextual()) {
                    throw new ToolException("state_sets[" + s + "][" + i + "] must be an event ID string");
                }
                ids.add(set.get(i).textValue());
            }
            sets.add(ids);
        }
        JsonNode eventsJson = request.require("events");
        if (!eventsJson.isArray()) {
            throw new ToolException("field 'events' must be an array of events");
        }
        List<JsonNode> events = new ArrayList<>(eventsJson.size());
        for (int i = 0; i < eventsJson.size(); i++) {
            events.add(validEvent(eventsJson.get(i), "events[" + i + "]"));
        }
        Set<String> rejected = request.optionalEventIds("rejected");

        Map<TypeAndKey, String> state;
        try {
            EventSource source = JsonStateResEvent.sourceOf(events, rejected);
            StateResolver resolver = new StateResolver(RULES, interpretation);
            state = resolver.resolve(version, StateResolver.stateSetsOf(sets, source), source);
        } catch (StateResolutionException | IllegalArgumentException e) {
            throw new ToolException(e.getMessage());
        }
        List<String> ids = new ArrayList<>(state.values());
        ids.sort(EventIds.ORDER);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("state");
        for (String id : ids) {
            arr.add(id);
        }
        return out;
    }

    private static JsonNode validEvent(JsonNode e, String where) {
        if (!e.isObject()) {
            throw new ToolException(where + " must be an object (an event)");
        }
        String id = e.path("event_id").isTextual() ? e.get("event_id").textValue() : null;
        String name = id == null ? where : where + " (" + id + ")";
        for (String f : REQUIRED_STRINGS) {
            if (!e.path(f).isTextual()) {
                throw new ToolException(name + " needs a string '" + f + "'");
            }
        }
        for (String f : REQUIRED_INTEGERS) {
            JsonNode v = e.get(f);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new ToolException(name + " needs an integer '" + f + "'");
            }
        }
        if (!e.path("content").isObject()) {
            throw new ToolException(name + " needs an object 'content'");
        }
        for (String f : new String[] {"auth_events", "prev_events"}) {
            if (!e.path(f).isArray()) {
                throw new ToolException(name + " needs an array '" + f + "'");
            }
        }
        return e;
    }
}
