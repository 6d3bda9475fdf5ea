package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.account.PushRules;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Push Notifications" / "Push Rules: API" — GET /_matrix/client/v3/pushrules/
// and GET /_matrix/client/v3/pushrules/global/.

/**
 * The caller's push rules: {@code {"global": ruleset}} for {@code /pushrules/}, the ruleset alone
 * for {@code /pushrules/global/} (see {@link PushRules} for the default rules and their order).
 * Both are asked for with a trailing slash (matrix-js-sdk does); the router tolerates either.
 */
public final class PushRulesHandler implements Handler {

    private final boolean allScopes;

    /** @param variant {@code "all"} for {@code /pushrules/} ({@code {"global": ...}}), {@code "global"} for {@code /pushrules/global/} */
    public PushRulesHandler(String variant) {
        this.allScopes = switch (variant) {
            case "all" -> true;
            case "global" -> false;
            default -> throw new IllegalArgumentException("PushRulesHandler has no variant " + variant);
        };
    }

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        ObjectNode ruleset = new PushRules(call.storage()).ruleset(who.localpart(), who.userId());
        if (!allScopes) {
            return Responses.ok(ruleset);
        }
        ObjectNode body = Json.object();
        body.set("global", ruleset);
        return Responses.ok(body);
    }
}
