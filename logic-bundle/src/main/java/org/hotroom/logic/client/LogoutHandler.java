package org.hotroom.logic.client;

import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;

// Spec: client-server API, "Legacy API" / "Login" — POST /_matrix/client/v3/logout.

/**
 * Revokes the request's access token and deletes its device. The spec gives this endpoint an
 * empty request body, so whatever body is sent is ignored.
 */
public final class LogoutHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        call.storage().beginWrite();
        new AccountStore(call.storage().keyValue()).deleteDevice(who.localpart(), who.deviceId());
        return Responses.emptyObject();
    }
}
