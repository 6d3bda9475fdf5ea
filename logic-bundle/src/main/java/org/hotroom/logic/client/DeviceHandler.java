package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

// Spec: client-server API, "Modules" / "Device Management" — GET, PUT and DELETE /_matrix/client/v3/devices/{deviceId}
// (DELETE with "User-Interactive Authentication API").

/**
 * One of the caller's devices.
 *
 * <ul>
 *   <li>{@code GET}: the device ({@link DevicesHandler#clientFormat}); 404 {@code M_NOT_FOUND}
 *       when the caller has no such device.</li>
 *   <li>{@code PUT}: sets {@code display_name} when the body has one (a string, else 400
 *       {@code M_BAD_JSON}); 404 {@code M_NOT_FOUND} for an unknown device. Creating devices
 *       this way is for application services only, which this server does not have.</li>
 *   <li>{@code DELETE}: behind User-Interactive Authentication with the single flow
 *       {@code [m.login.password]} (the spec's security considerations ask for more than the
 *       access token); then deletes the device and revokes its access token, the caller's own
 *       included. 200 also when the device did not exist ("or had been removed previously"). The
 *       body may be empty on the first attempt.</li>
 * </ul>
 */
public final class DeviceHandler implements Handler {

    public static final List<List<String>> FLOWS = List.of(List.of(UserInteractiveAuth.PASSWORD));

    @Override
    public Outcome handle(Call call) {
        Authenticated who = call.auth();
        String deviceId = call.param("deviceId");
        AccountStore accounts = new AccountStore(call.storage().keyValue());
        boolean storable = AccountStore.isStorableDeviceId(deviceId);
        switch (call.request().method()) {
            case "GET": {
                ObjectNode device = storable ? accounts.device(who.localpart(), deviceId) : null;
                if (device == null) {
                    throw notFound();
                }
                return Responses.ok(DevicesHandler.clientFormat(deviceId, device));
            }
            case "PUT": {
                String name = call.body().optString("display_name");
                if (name == null) {
                    if (!storable || accounts.device(who.localpart(), deviceId) == null) {
                        throw notFound();
                    }
                    return Responses.emptyObject();
                }
                call.storage().beginWrite();
                if (!accounts.setDeviceDisplayName(who.localpart(), deviceId, name)) {
                    throw notFound();
                }
                return Responses.emptyObject();
            }
            default: {
                JsonBody body = ClientChecks.optionalObjectBody(call);
                UserInteractiveAuth.Result uia = UserInteractiveAuth.check(call, body, uiaEndpoint(who), FLOWS, who);
                if (!uia.completed()) {
                    return uia.challenge();
                }
                call.storage().beginWrite();
                UserInteractiveAuth.finish(call, uia);
                if (storable) {
                    accounts.deleteDevice(who.localpart(), deviceId);
                }
                return Responses.emptyObject();
            }
        }
    }

    /** The UIA endpoint name of device deletion: sessions are tied to the user. */
    static String uiaEndpoint(Authenticated who) {
        return "delete_devices " + who.userId();
    }

    private static MatrixError notFound() {
        return new MatrixError(404, "M_NOT_FOUND", "The current user has no device with this ID");
    }
}
