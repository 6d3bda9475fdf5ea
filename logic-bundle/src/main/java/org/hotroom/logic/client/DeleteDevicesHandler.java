package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.account.UserInteractiveAuth;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.JsonBody;

// Spec: client-server API, "Modules" / "Device Management" — POST /_matrix/client/v3/delete_devices
// (with "User-Interactive Authentication API").

/**
 * Deletes several of the caller's devices and revokes their access tokens, behind the same
 * User-Interactive Authentication as {@link DeviceHandler}'s {@code DELETE} (sessions are shared
 * between the two). {@code devices} is checked first: 400 {@code M_MISSING_PARAM} without it,
 * {@code M_BAD_JSON} when it is not an array of strings. Unknown device IDs are skipped.
 */
public final class DeleteDevicesHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        JsonBody body = call.body();
        JsonNode devices = body.node().get("devices");
        if (devices == null || devices.isNull()) {
            throw MatrixError.missingParam("Missing field 'devices'");
        }
        if (!devices.isArray()) {
            throw MatrixError.badJson("field 'devices' must be an array of device IDs");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode d : devices) {
            if (!d.isTextual()) {
                throw MatrixError.badJson("field 'devices' must be an array of device IDs");
            }
            ids.add(d.textValue());
        }
        UserInteractiveAuth.Result uia = UserInteractiveAuth.check(call, body, DeviceHandler.uiaEndpoint(who),
                DeviceHandler.FLOWS, who);
        if (!uia.completed()) {
            return uia.challenge();
        }
        call.storage().beginWrite();
        UserInteractiveAuth.finish(call, uia);
        AccountStore accounts = new AccountStore(call.storage().keyValue());
        for (String id : ids) {
            if (AccountStore.isStorableDeviceId(id)) {
                accounts.deleteDevice(who.localpart(), id);
            }
        }
        return Responses.emptyObject();
    }
}
