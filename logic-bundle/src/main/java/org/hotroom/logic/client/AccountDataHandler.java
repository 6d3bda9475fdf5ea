package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.AccountData;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.account.PushRules;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;

// Spec: client-server API, "Modules" / "Client Config" — GET and PUT /_matrix/client/v3/user/{userId}/account_data/{type}
// and /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}.

/**
 * The caller's account data, global or for one room (see {@link AccountData}: each write
 * advances the {@code account_data} stream for {@code /sync}).
 *
 * <ul>
 *   <li>Another user's ID in the path: 403 {@code M_FORBIDDEN}.</li>
 *   <li>A {@code roomId} that is not a room ID: 400 {@code M_INVALID_PARAM}. The room need not
 *       be known to the server, as with Synapse.</li>
 *   <li>{@code GET}: the content; 404 {@code M_NOT_FOUND} when none was stored. The types the
 *       server manages read "as normal": global {@code m.push_rules} is the ruleset of
 *       {@link PushRules} as {@code {"global": ...}}.</li>
 *   <li>{@code PUT}: the body is the content (a JSON object). {@code m.fully_read} and
 *       {@code m.push_rules} are managed by the server and refused with 405 {@code M_BAD_JSON},
 *       global or per room, as "Server Behaviour" requires. A type longer than 255 bytes is
 *       400 {@code M_INVALID_PARAM}; a number without a canonical JSON form 400
 *       {@code M_BAD_JSON}.</li>
 * </ul>
 */
public final class AccountDataHandler implements Handler {

    /** Types the server manages ("Client Config" / "Server Behaviour"). */
    public static final Set<String> SERVER_MANAGED = Set.of("m.fully_read", PushRules.EVENT_TYPE);

    private final boolean perRoom;

    /** @param variant {@code "global"}, or {@code "room"} for {@code /rooms/{roomId}/account_data/{type}} */
    public AccountDataHandler(String variant) {
        this.perRoom = switch (variant) {
            case "global" -> false;
            case "room" -> true;
            default -> throw new IllegalArgumentException("AccountDataHandler has no variant " + variant);
        };
    }

    @Override
    public Outcome handle(Call call) {
        boolean get = call.request().method().equals("GET");
        ClientChecks.requireSelf(call, get ? "read account data" : "add account data");
        String roomId = null;
        if (perRoom) {
            roomId = call.param("roomId");
            if (!ClientChecks.isRoomId(roomId)) {
                throw MatrixError.invalidParam("'" + (roomId.length() > 64 ? roomId.substring(0, 64) + "..." : roomId)
                        + "' is not a room ID");
            }
        }
        String type = call.param("type");
        Authenticated who = call.auth();
        AccountData data = new AccountData(call.storage());
        if (get) {
            ObjectNode content = roomId == null && type.equals(PushRules.EVENT_TYPE)
                    ? pushRules(call, who)
                    : data.content(who.localpart(), roomId, type);
            if (content == null) {
                throw new MatrixError(404, "M_NOT_FOUND", roomId == null ? "Account data not found" : "Room account data not found");
            }
            return Responses.ok(content);
        }
        if (SERVER_MANAGED.contains(type)) {
            throw new MatrixError(405, "M_BAD_JSON", "Cannot set " + type + " through this API");
        }
        if (type.getBytes(StandardCharsets.UTF_8).length > AccountData.MAX_TYPE_BYTES) {
            throw MatrixError.invalidParam("An account data type is at most " + AccountData.MAX_TYPE_BYTES + " bytes long");
        }
        ObjectNode content = ClientChecks.canonical(call.body().node(), "The content");
        data.put(who.localpart(), roomId, type, content);
        return Responses.emptyObject();
    }

    private static ObjectNode pushRules(Call call, Authenticated who) {
        ObjectNode content = Json.object();
        content.set("global", new PushRules(call.storage()).ruleset(who.localpart(), who.userId()));
        return content;
    }
}
