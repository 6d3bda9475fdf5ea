package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountStore;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Modules" / "Device Management" — GET /_matrix/client/v3/devices.

/**
 * The caller's devices, in device ID order: {@code device_id} and, when set,
 * {@code display_name}. {@code last_seen_ip} and {@code last_seen_ts} are optional in the spec
 * and left out: this server does not record when a device was last seen.
 */
public final class DevicesHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        String localpart = call.auth().localpart();
        AccountStore accounts = new AccountStore(call.storage().keyValue());
        ObjectNode body = Json.object();
        ArrayNode devices = body.putArray("devices");
        for (String id : accounts.deviceIds(localpart)) {
            ObjectNode device = accounts.device(localpart, id);
            if (device != null) {
                devices.add(clientFormat(id, device));
            }
        }
        return Responses.ok(body);
    }

    /** A stored device as the spec's {@code Device}. */
    static ObjectNode clientFormat(String deviceId, ObjectNode stored) {
        ObjectNode d = Json.object();
        d.put("device_id", deviceId);
        if (stored.hasNonNull("display_name")) {
            d.set("display_name", stored.get("display_name"));
        }
        return d;
    }
}
