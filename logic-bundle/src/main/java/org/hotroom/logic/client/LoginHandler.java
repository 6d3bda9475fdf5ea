package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.account.PasswordHasher;
import org.hotroom.logic.account.UserIds;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;

// Spec: client-server API, "Legacy API" / "Login" — POST /_matrix/client/v3/login
// (user identifiers: "User-Interactive Authentication API" / "Identifier types").

/**
 * Password login. The user is named by {@code identifier: {type: m.id.user, user}} or the
 * deprecated top-level {@code user}, as a full user ID of this server or a localpart.
 *
 * <ul>
 *   <li>a {@code type} other than {@code m.login.password}: 400 {@code M_UNKNOWN};</li>
 *   <li>an identifier type other than {@code m.id.user}: third-party ones
 *       ({@code m.id.thirdparty}, {@code m.id.phone}, deprecated {@code medium}/{@code address})
 *       are 403 {@code M_FORBIDDEN} as the spec requires for an unknown 3PID (this server has
 *       none); anything else 400 {@code M_UNKNOWN};</li>
 *   <li>unknown user, another server's user, or a wrong password: 403 {@code M_FORBIDDEN}, after
 *       the same hashing work in every case.</li>
 * </ul>
 * Returns {@code user_id}, {@code access_token}, {@code device_id} and the deprecated
 * {@code home_server}. A known {@code device_id} is reused (its old token revoked).
 */
public final class LoginHandler implements Handler {

    public static final String PASSWORD = "m.login.password";

    @Override
    public Outcome handle(Call call) {
        JsonBody body = call.body();
        String type = body.requireString("type");
        if (!type.equals(PASSWORD)) {
            throw MatrixError.badRequest("Unknown login type '" + type + "'");
        }
        String user = user(body);
        String password = body.requireString("password");
        String deviceId = body.optString("device_id");
        String displayName = body.optString("initial_device_display_name");
        body.optBoolean("refresh_token", false); // type-checked, otherwise ignored
        RegisterHandler.checkDeviceId(deviceId);

        AccountStore accounts = new AccountStore(call.storage().keyValue());
        String localpart = UserIds.localpartForLogin(user, call.serverName());
        ObjectNode account = localpart == null ? null : accounts.account(localpart);
        boolean ok = account == null
                ? PasswordHasher.decoy(password, call.config().passwordIterations())
                : PasswordHasher.verify(password, account.path("password_hash").asText());
        if (!ok) {
            throw MatrixError.forbidden("Invalid username or password");
        }

        call.storage().beginWrite();
        if (!accounts.exists(localpart)) {
            throw MatrixError.forbidden("Invalid username or password"); // gone since the check
        }
        String device = deviceId != null ? deviceId : accounts.newDeviceId(call.exchange().entropy(), localpart);
        String token = accounts.issueToken(call.exchange().entropy(), localpart, device, displayName, call.now());

        ObjectNode reply = Json.object();
        reply.put("user_id", UserIds.userId(localpart, call.serverName()));
        reply.put("access_token", token);
        reply.put("device_id", device);
        reply.put("home_server", call.serverName());
        return Responses.ok(reply);
    }

    /** The user named by the request, or an error for identifiers this server cannot resolve. */
    private static String user(JsonBody body) {
        JsonBody identifier = body.optObject("identifier");
        if (identifier != null) {
            String idType = identifier.requireString("type");
            switch (idType) {
                case "m.id.user":
                    return identifier.requireString("user");
                case "m.id.thirdparty":
                case "m.id.phone":
                    throw MatrixError.forbidden("No third-party identifiers are bound to accounts on this server");
                default:
                    throw MatrixError.badRequest("Unknown identifier type '" + idType + "'");
            }
        }
        if (body.has("user")) {
            return body.requireString("user");
        }
        if (body.has("medium") || body.has("address")) {
            throw MatrixError.forbidden("No third-party identifiers are bound to accounts on this server");
        }
        throw MatrixError.badJson("Missing field 'identifier'");
    }
}
