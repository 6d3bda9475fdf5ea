package org.hotroom.logic.client;

import java.util.List;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.account.PasswordHasher;
import org.hotroom.logic.account.UserInteractiveAuth;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.JsonBody;

// Spec: client-server API, "Legacy API" / "Account management" / "Password management"
// — POST /_matrix/client/v3/account/password (with "User-Interactive Authentication API").

/**
 * Changes the caller's password, behind User-Interactive Authentication with the single flow
 * {@code [m.login.password]} (the current password).
 *
 * <p>The spec lets this endpoint be called without an access token, for a password reset proved
 * by a third-party identifier; this server has none, so an access token is required (401
 * {@code M_MISSING_TOKEN} otherwise).
 *
 * <ol>
 *   <li>{@code new_password} is type-checked first (400 {@code M_BAD_JSON}; longer than
 *       {@link RegisterHandler#MAX_PASSWORD_LENGTH} characters: 400 {@code M_INVALID_PARAM}),
 *       so nothing unusable is carried through the session.</li>
 *   <li>Without completed {@code auth}: 401 with the flows.</li>
 *   <li>Then {@code new_password} is required (400 {@code M_MISSING_PARAM}; empty: 400
 *       {@code M_WEAK_PASSWORD}). The new hash is stored; with {@code logout_devices} (default
 *       true) every other device of the user is deleted and its token revoked. The request's own
 *       token stays valid, as the spec says it SHOULD.</li>
 * </ol>
 */
public final class AccountPasswordHandler implements Handler {

    public static final List<List<String>> FLOWS = List.of(List.of(UserInteractiveAuth.PASSWORD));

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        JsonBody body = call.body();
        String newPassword = body.optString("new_password");
        boolean logoutDevices = body.optBoolean("logout_devices", true);
        if (newPassword != null && newPassword.length() > RegisterHandler.MAX_PASSWORD_LENGTH) {
            throw MatrixError.invalidParam("Password is longer than " + RegisterHandler.MAX_PASSWORD_LENGTH + " characters");
        }
        UserInteractiveAuth.Result uia = UserInteractiveAuth.check(call, body, "account_password " + who.userId(), FLOWS, who);
        if (!uia.completed()) {
            return uia.challenge();
        }
        if (newPassword == null) {
            throw MatrixError.missingParam("Missing field 'new_password'");
        }
        if (newPassword.isEmpty()) {
            throw new MatrixError(400, "M_WEAK_PASSWORD", "The password must not be empty");
        }
        // hash before taking the writer lock: PBKDF2 is deliberately slow
        String hash = PasswordHasher.hash(newPassword, call.random("password_salt", 16), call.config().passwordIterations());
        call.storage().beginWrite();
        AccountStore accounts = new AccountStore(call.storage().keyValue());
        if (!accounts.setPasswordHash(who.localpart(), hash)) {
            throw MatrixError.forbidden("The account no longer exists");
        }
        UserInteractiveAuth.finish(call, uia);
        if (logoutDevices) {
            accounts.deleteDevicesExcept(who.localpart(), who.deviceId());
        }
        return Responses.emptyObject();
    }
}
