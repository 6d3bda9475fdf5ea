package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.account.PasswordHasher;
import org.hotroom.logic.account.UserIds;
import org.hotroom.logic.account.UserInteractiveAuth;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.util.Entropy;

// Spec: client-server API, "Legacy API" / "Account registration" — POST /_matrix/client/v3/register
// (with "User-Interactive Authentication API").

/**
 * Registers an account, behind User-Interactive Authentication with the single flow
 * {@code [m.login.dummy]}.
 *
 * <ol>
 *   <li>{@code kind=guest}: 403 {@code M_GUEST_ACCESS_FORBIDDEN} (no guest accounts);
 *       another kind than {@code user}: 400 {@code M_INVALID_PARAM}.</li>
 *   <li>The requested {@code username} is checked before authentication, as the spec requires:
 *       400 {@code M_INVALID_USERNAME} or {@code M_USER_IN_USE}.</li>
 *   <li>Without {@code auth}: 401 with the flows and a new session.</li>
 *   <li>With a completed {@code auth}: the account is created. A {@code password} is required
 *       then (400 {@code M_MISSING_PARAM}; an empty one is 400 {@code M_WEAK_PASSWORD}): this server has no
 *       other way to log in. Without {@code username} a localpart is generated. Unless
 *       {@code inhibit_login}, a device ({@code device_id} or a generated one, named
 *       {@code initial_device_display_name}) and an access token are returned too.</li>
 * </ol>
 * {@code refresh_token} is accepted and ignored: tokens do not expire, which the spec allows.
 */
public final class RegisterHandler implements Handler {

    public static final String ENDPOINT = "register";
    public static final List<List<String>> FLOWS = List.of(List.of(UserInteractiveAuth.DUMMY));
    /** Longest password accepted, in characters. */
    public static final int MAX_PASSWORD_LENGTH = 512;
    /** Length of a generated localpart (lower-case base32: 60 bits). */
    private static final int GENERATED_LOCALPART_LENGTH = 12;

    static MatrixError userInUse() {
        return new MatrixError(400, "M_USER_IN_USE", "Desired user ID is already taken");
    }

    @Override
    public Outcome handle(Call call) {
        String kind = call.query().first("kind");
        if ("guest".equals(kind)) {
            throw new MatrixError(403, "M_GUEST_ACCESS_FORBIDDEN", "Guest accounts are not supported on this server");
        }
        if (kind != null && !kind.equals("user")) {
            throw MatrixError.invalidParam("Unknown account kind '" + kind + "'");
        }
        JsonBody body = call.body();
        String username = body.optString("username");
        String password = body.optString("password");
        String deviceId = body.optString("device_id");
        String displayName = body.optString("initial_device_display_name");
        boolean inhibitLogin = body.optBoolean("inhibit_login", false);
        body.optBoolean("refresh_token", false); // type-checked, otherwise ignored
        checkDeviceId(deviceId);
        if (password != null && password.length() > MAX_PASSWORD_LENGTH) {
            throw MatrixError.invalidParam("Password is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }

        AccountStore accounts = new AccountStore(call.storage().keyValue());
        String localpart = null;
        if (username != null) {
            localpart = UserIds.localpartForRegistration(username, call.serverName());
            if (accounts.exists(localpart)) {
                throw userInUse();
            }
        }

        UserInteractiveAuth.Result uia = UserInteractiveAuth.check(call, body, ENDPOINT, FLOWS);
        if (!uia.completed()) {
            return uia.challenge();
        }
        if (password == null) {
            throw MatrixError.missingParam("Missing field 'password'");
        }
        if (password.isEmpty()) {
            throw new MatrixError(400, "M_WEAK_PASSWORD", "The password must not be empty");
        }

        // hash before taking the writer lock: PBKDF2 is deliberately slow
        String hash = PasswordHasher.hash(password, call.random("password_salt", 16), call.config().passwordIterations());
        call.storage().beginWrite();
        if (localpart == null) {
            localpart = generateLocalpart(call, accounts);
        } else if (accounts.exists(localpart)) {
            throw userInUse(); // registered by someone else while this client authenticated
        }
        UserInteractiveAuth.finish(call, uia);
        accounts.createAccount(localpart, hash, call.now());

        ObjectNode reply = Json.object();
        reply.put("user_id", UserIds.userId(localpart, call.serverName()));
        reply.put("home_server", call.serverName());
        if (!inhibitLogin) {
            String device = deviceId != null ? deviceId : accounts.newDeviceId(call.exchange().entropy(), localpart);
            String token = accounts.issueToken(call.exchange().entropy(), localpart, device, displayName, call.now());
            reply.put("access_token", token);
            reply.put("device_id", device);
        }
        return Responses.ok(reply);
    }

    /** 400 M_INVALID_PARAM for a device ID that is empty or too long to key. */
    static void checkDeviceId(String deviceId) {
        if (deviceId != null && (deviceId.isEmpty()
                || deviceId.getBytes(StandardCharsets.UTF_8).length > AccountStore.MAX_DEVICE_ID_BYTES)) {
            throw MatrixError.invalidParam("device_id must be 1 to " + AccountStore.MAX_DEVICE_ID_BYTES + " bytes long");
        }
    }

    private static String generateLocalpart(Call call, AccountStore accounts) {
        for (int attempt = 0; attempt < 8; attempt++) {
            String candidate = Entropy.base32Lower(call.exchange().entropy(), "localpart/" + attempt,
                    GENERATED_LOCALPART_LENGTH);
            if (!accounts.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot generate a free localpart: is the entropy constant?");
    }
}
