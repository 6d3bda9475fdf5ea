package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.account.PushRules;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;

// Spec: client-server API, "Push Notifications" / "Push Rules: API" (and "Push Rules" / "Conditions")
// — GET, PUT and DELETE /_matrix/client/v3/pushrules/global/{kind}/{ruleId}.

/**
 * One push rule of the caller.
 *
 * <ul>
 *   <li>{@code GET}: the rule in client format; 404 {@code M_NOT_FOUND} when there is none.</li>
 *   <li>{@code PUT}: adds or updates a user-defined rule (see {@link PushRules#putUserRule} for
 *       placement, {@code before} and {@code after}). 400 {@code M_INVALID_PARAM} for a
 *       {@code ruleId} starting with {@code .} (reserved for server-default rules), holding
 *       {@code /} or {@code \} (allowed in {@code sender} rules, whose ID is a user ID that may
 *       contain {@code /}), or longer than 255 bytes; for a {@code room} rule whose ID is not a
 *       room ID or a {@code sender} rule whose ID is not a user ID; and for {@code before} or
 *       {@code after} naming a server-default rule. 400 {@code M_UNKNOWN} when they name no rule
 *       (the spec's example). 400 {@code M_BAD_JSON} for malformed {@code actions},
 *       {@code conditions} ({@code override}, {@code underride}) or {@code pattern}
 *       ({@code content}, required).</li>
 *   <li>{@code DELETE}: removes a user-defined rule; 404 {@code M_NOT_FOUND} when there is none,
 *       400 {@code M_INVALID_PARAM} for a server-default rule (those can only be disabled).</li>
 * </ul>
 * An unknown {@code kind} is 400 {@code M_INVALID_PARAM}.
 */
public final class PushRuleHandler implements Handler {

    /** Longest rule ID accepted, in UTF-8 bytes (room and user IDs are at most 255). */
    static final int MAX_RULE_ID_BYTES = 255;

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        String kind = kind(call);
        String ruleId = call.param("ruleId");
        PushRules rules = new PushRules(call.storage());
        switch (call.request().method()) {
            case "GET":
                return Responses.ok(found(rules.rule(who.localpart(), who.userId(), kind, ruleId)));
            case "DELETE":
                if (ruleId.startsWith(".") && rules.rule(who.localpart(), who.userId(), kind, ruleId) != null) {
                    throw MatrixError.invalidParam("Server-default push rules cannot be deleted, only disabled");
                }
                if (!rules.deleteUserRule(who.localpart(), kind, ruleId)) {
                    throw notFound();
                }
                return Responses.emptyObject();
            default:
                return put(call, who, kind, ruleId, rules);
        }
    }

    private static Outcome put(Call call, Authenticated who, String kind, String ruleId, PushRules rules) {
        if (ruleId.startsWith(".")) {
            throw MatrixError.invalidParam("Rule IDs starting with '.' are reserved for server-default rules");
        }
        if (!kind.equals("sender") && (ruleId.contains("/") || ruleId.contains("\\"))) {
            throw MatrixError.invalidParam("Rule IDs must not contain '/' or '\\'");
        }
        if (ruleId.getBytes(StandardCharsets.UTF_8).length > MAX_RULE_ID_BYTES) {
            throw MatrixError.invalidParam("Rule IDs are at most " + MAX_RULE_ID_BYTES + " bytes long");
        }
        if (kind.equals("room") && !ClientChecks.isRoomId(ruleId)) {
            throw MatrixError.invalidParam("The ID of a room rule must be a room ID");
        }
        if (kind.equals("sender") && Identifiers.userIdError(ruleId) != null) {
            throw MatrixError.invalidParam("The ID of a sender rule must be a user ID");
        }
        String before = call.query().first("before");
        String after = call.query().first("after");
        for (String anchor : new String[] {before, after}) {
            if (anchor != null && anchor.startsWith(".")) {
                throw MatrixError.invalidParam("A rule cannot be placed relative to a server-default rule");
            }
        }
        JsonBody body = call.body();
        ObjectNode rule = Json.object();
        rule.put("rule_id", ruleId);
        rule.set("actions", PushRuleActionsHandler.actions(body));
        if (kind.equals("override") || kind.equals("underride")) {
            rule.set("conditions", conditions(body.node().get("conditions")));
        } else if (kind.equals("content")) {
            rule.put("pattern", body.requireString("pattern"));
        }
        rules.putUserRule(who.localpart(), kind, rule, before, after);
        return Responses.emptyObject();
    }

    /** The {@code kind} path parameter, checked. */
    static String kind(Call call) {
        String kind = call.param("kind");
        if (!PushRules.isKind(kind)) {
            throw MatrixError.invalidParam("Unknown push rule kind '" + kind + "'; expected one of " + PushRules.KINDS);
        }
        return kind;
    }

    /** The rule, or 404 {@code M_NOT_FOUND}. */
    static ObjectNode found(ObjectNode rule) {
        if (rule == null) {
            throw notFound();
        }
        return rule;
    }

    static MatrixError notFound() {
        return new MatrixError(404, "M_NOT_FOUND", "The push rule was not found");
    }

    /**
     * Checks the conditions of an override or underride rule ("Conditions"): an array of objects,
     * each with a string {@code kind} and the parameters its kind requires. Conditions of an
     * unknown kind are kept: the spec says they never match, which disables the rule.
     */
    private static ArrayNode conditions(JsonNode value) {
        if (value == null || value.isNull()) {
            return Json.array();
        }
        if (!(value instanceof ArrayNode arr)) {
            throw MatrixError.badJson("field 'conditions' must be an array");
        }
        for (int i = 0; i < arr.size(); i++) {
            String where = "conditions[" + i + "]";
            if (!(arr.get(i) instanceof ObjectNode c)) {
                throw MatrixError.badJson(where + " must be an object");
            }
            String kind = text(c, "kind", where);
            switch (kind) {
                case "event_match":
                    text(c, "key", where);
                    text(c, "pattern", where);
                    break;
                case "event_property_is":
                case "event_property_contains":
                    text(c, "key", where);
                    JsonNode v = c.get("value");
                    if (v == null || !(v.isTextual() || v.isIntegralNumber() || v.isBoolean() || v.isNull())) {
                        throw MatrixError.badJson(where + ".value must be a string, an integer, a boolean or null");
                    }
                    break;
                case "room_member_count":
                    if (!text(c, "is", where).matches("(==|<|>|<=|>=)?[0-9]+")) {
                        throw MatrixError.badJson(where + ".is must be a decimal integer with an optional prefix ==, <, >, <= or >=");
                    }
                    break;
                case "sender_notification_permission":
                    text(c, "key", where);
                    break;
                default:
                    break; // contains_display_name has no parameters; unknown kinds never match
            }
        }
        return ClientChecks.canonical(arr, "conditions");
    }

    private static String text(ObjectNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw MatrixError.badJson(where + "." + field + " must be a string");
        }
        return v.textValue();
    }
}
