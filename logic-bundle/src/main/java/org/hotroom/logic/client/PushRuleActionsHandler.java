package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.account.PushRules;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;

// Spec: client-server API, "Push Notifications" / "Push Rules: API" (and "Push Rules" / "Actions")
// — GET and PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/actions.

/**
 * The actions of a push rule: {@code GET} answers {@code {"actions": [...]}}, {@code PUT} takes
 * the same body and works on server-default rules too. 404 {@code M_NOT_FOUND} for a rule the
 * caller does not have, 400 {@code M_INVALID_PARAM} for an unknown kind, 400 {@code M_BAD_JSON}
 * for malformed actions (see {@link #actions}).
 */
public final class PushRuleActionsHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        String kind = PushRuleHandler.kind(call);
        String ruleId = call.param("ruleId");
        PushRules rules = new PushRules(call.storage());
        if (call.request().method().equals("GET")) {
            ObjectNode rule = PushRuleHandler.found(rules.rule(who.localpart(), who.userId(), kind, ruleId));
            ObjectNode body = Json.object();
            body.set("actions", rule.get("actions"));
            return Responses.ok(body);
        }
        if (!rules.setActions(who.localpart(), who.userId(), kind, ruleId, actions(call.body()))) {
            throw PushRuleHandler.notFound();
        }
        return Responses.emptyObject();
    }

    /**
     * The {@code actions} of a request body ("Actions"): an array of {@code "notify"} and
     * {@code {"set_tweak": name, ...}} objects (tweaks pass through unchanged). The historical
     * {@code "dont_notify"} and {@code "coalesce"} are accepted and stripped, as the spec
     * requires; any other string, or an object without a string {@code set_tweak}, is 400
     * {@code M_BAD_JSON}.
     */
    static ArrayNode actions(JsonBody body) {
        JsonNode value = body.node().get("actions");
        if (value == null || value.isNull()) {
            throw MatrixError.badJson("missing required field 'actions' (an array)");
        }
        if (!(value instanceof ArrayNode arr)) {
            throw MatrixError.badJson("field 'actions' must be an array");
        }
        ArrayNode out = Json.array();
        for (JsonNode a : arr) {
            if (a.isTextual()) {
                switch (a.textValue()) {
                    case "notify":
                        out.add(a);
                        break;
                    case "dont_notify":
                    case "coalesce":
                        break; // historical: ignored
                    default:
                        throw MatrixError.badJson("Unrecognised push rule action '" + a.textValue() + "'");
                }
            } else if (a instanceof ObjectNode o && o.path("set_tweak").isTextual()) {
                out.add(o);
            } else {
                throw MatrixError.badJson("A push rule action is \"notify\" or an object with a string 'set_tweak'");
            }
        }
        return ClientChecks.canonical(out, "actions");
    }
}
