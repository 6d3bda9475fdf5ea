package org.hotroom.logic.client;

import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;

// Spec: client-server API, "Legacy API" / "Login" — POST /_matrix/client/v3/logout/all.

/** Revokes every access token of the user, the request's own included, and deletes all devices. */
public final class LogoutAllHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        call.storage().beginWrite();
        new AccountStore(call.storage().keyValue()).deleteAllDevices(call.auth().localpart());
        return Responses.emptyObject();
    }
}
