package org.hotroom.logic.client;

import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.account.Profiles;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;

// Spec: client-server API, "User Data" / "Profiles" — GET /_matrix/client/v3/profile/{userId}.

/**
 * A user's whole profile: {@code displayname} and {@code avatar_url}, each only when set (see
 * {@link Profiles}); {@code {}} when neither is. No access token is needed (the spec's endpoint
 * has none), and every local user's profile is public.
 *
 * <p>400 {@code M_INVALID_PARAM} for a {@code userId} that is not a user ID; 404
 * {@code M_NOT_FOUND} for a local user without an account ("or this user does not exist"), and
 * for users of other servers, until profile queries go over federation.
 */
public final class ProfileHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String localpart = existingLocalUser(call, call.param("userId"));
        return Responses.ok(new Profiles(call.storage().keyValue()).profile(localpart));
    }

    /** The localpart of an existing local account named by {@code userId}, or 400 / 404 as above. */
    static String existingLocalUser(Call call, String userId) {
        if (Identifiers.userIdError(userId) != null) {
            throw MatrixError.invalidParam("'" + shorten(userId) + "' is not a user ID");
        }
        if (!Identifiers.domainOf(userId).equals(call.serverName())) {
            throw profileNotFound("Profiles of users on other servers cannot be looked up yet");
        }
        String localpart = userId.substring(1, userId.indexOf(':'));
        if (!new AccountStore(call.storage().keyValue()).exists(localpart)) {
            throw profileNotFound("Profile not found");
        }
        return localpart;
    }

    static MatrixError profileNotFound(String error) {
        return new MatrixError(404, "M_NOT_FOUND", error);
    }

    private static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
