package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotroom.logic.auth.AuthEvent;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.AuthState;
import org.hotroom.logic.auth.Decision;
import org.hotroom.logic.auth.JsonAuthEvent;
import org.hotroom.logic.auth.RuleSet;
import org.hotroom.logic.auth.ServerSignatureCheck;
import org.hotroom.logic.crypto.Ed25519;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RoomVersion;

/**
 * {@code check-auth}: {@code {"room_version": V, "event": {...}, "auth_events": [{...}, ...]}} to
 * {@code {"allowed": true}} or {@code {"allowed": false, "reason": "rule 4.6.2 (v10): ..."}}: the
 * authorisation rules of the room version ({@link AuthRules}) and nothing else: no signature, hash
 * or PDU-format checks.
 *
 * <ul>
 *   <li>Every event carries its {@code event_id} (in every room version). References in
 *       {@code auth_events} and {@code prev_events} may be {@code [id, {hashes}]} pairs or strings.</li>
 *   <li>When the event has {@code auth_events}, this is receipt step 4: rule 2 (v12: 3) on the
 *       events it cites, which must all be among the given {@code auth_events}, then every other
 *       rule against them. In v12 the {@code m.room.create} event, which events do not cite, is
 *       taken from the given events by the ID its {@code room_id} names.</li>
 *   <li>When the event has no {@code auth_events} property, the given events are the state to check
 *       against and rule 2 is skipped.</li>
 *   <li>Optional {@code "rejected": ["$id", ...]}: given events to treat as rejected (rule 2.3,
 *       v12 rule 2).</li>
 *   <li>Third-party invite signatures (rule 4.4.1.7) are verified with Ed25519; the signature of
 *       the server of {@code join_authorised_via_users_server} (rule 4.2.1, v8+) is only looked for
 *       in {@code signatures}, not verified.</li>
 * </ul>
 */
public final class CheckAuthTool implements Tool {

    private static final AuthRules RULES = new AuthRules(
            (publicKey, message, signature) -> Ed25519.preferred().verify(publicKey, message, signature),
            ServerSignatureCheck.SIGNATURE_PRESENT);

    @Override
    public String name() {
        return "check-auth";
    }

    @Override
    public String synopsis() {
        return "{\"room_version\": V, \"event\": PDU, \"auth_events\": [PDU, ...][, \"rejected\": [ID, ...]]}"
                + " -> {\"allowed\": true} | {\"allowed\": false, \"reason\": \"rule N (vV): ...\"}";
    }

    @Override
    public ObjectNode handle(ToolRequest request) {
        RoomVersion version = request.roomVersion();
        RuleSet rules;
        try {
            rules = RuleSet.forVersion(version.id());
        } catch (IllegalArgumentException e) {
            throw new ToolException(e.getMessage());
        }
        ObjectNode eventJson = request.requireObject("event");
        JsonAuthEvent event = event(eventJson, "event");

        JsonNode given = request.require("auth_events");
        if (!given.isArray()) {
            throw new ToolException("field 'auth_events' must be an array of events");
        }
        Set<String> rejected = request.optionalEventIds("rejected");
        Map<String, AuthEvent> byId = new LinkedHashMap<>();
        List<AuthEvent> all = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode a = given.get(i);
            if (!a.isObject()) {
                throw new ToolException("auth_events[" + i + "] must be an object (an event)");
            }
            JsonAuthEvent e = event(a, "auth_events[" + i + "]");
            AuthEvent ae = e.withRejected(rejected.contains(e.eventId()));
            byId.put(ae.eventId(), ae);
            all.add(ae);
        }

        Decision d = eventJson.has("auth_events")
                ? RULES.checkWithAuthEvents(rules, event, byId::get)
                : RULES.check(rules, event, AuthState.of(all));
        ObjectNode out = Json.object();
        out.put("allowed", d.allowed());
        if (!d.allowed()) {
            out.put("reason", d.reason());
        }
        return out;
    }

    private static JsonAuthEvent event(JsonNode json, String where) {
        JsonNode id = json.get("event_id");
        if (id == null || !id.isTextual()) {
            throw new ToolException(where + " has no event_id (check-auth needs explicit event IDs in every room version)");
        }
        return JsonAuthEvent.of(json);
    }
}
