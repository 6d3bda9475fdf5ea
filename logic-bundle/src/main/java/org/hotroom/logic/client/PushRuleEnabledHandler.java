package org.hotroom.logic.client;

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

// Spec: client-server API, "Push Notifications" / "Push Rules: API"
// — GET and PUT /_matrix/client/v3/pushrules/global/{kind}/{ruleId}/enabled.

/**
 * Whether a push rule is enabled: {@code GET} answers {@code {"enabled": bool}}, {@code PUT}
 * takes the same body (400 {@code M_BAD_JSON} without a boolean {@code enabled}). Server-default
 * rules can be switched too (enabling {@code .m.rule.master} mutes everything). 404
 * {@code M_NOT_FOUND} for a rule the caller does not have, 400 {@code M_INVALID_PARAM} for an
 * unknown kind.
 */
public final class PushRuleEnabledHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        String kind = PushRuleHandler.kind(call);
        String ruleId = call.param("ruleId");
        PushRules rules = new PushRules(call.storage());
        if (call.request().method().equals("GET")) {
            ObjectNode rule = PushRuleHandler.found(rules.rule(who.localpart(), who.userId(), kind, ruleId));
            ObjectNode body = Json.object();
            body.put("enabled", rule.get("enabled").booleanValue());
            return Responses.ok(body);
        }
        JsonBody body = call.body();
        if (!body.has("enabled")) {
            throw MatrixError.badJson("missing required field 'enabled' (a boolean)");
        }
        boolean enabled = body.optBoolean("enabled", true);
        if (!rules.setEnabled(who.localpart(), who.userId(), kind, ruleId, enabled)) {
            throw PushRuleHandler.notFound();
        }
        return Responses.emptyObject();
    }
}
