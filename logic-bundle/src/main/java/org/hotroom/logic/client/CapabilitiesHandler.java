package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;

// Spec: client-server API, "Capabilities negotiation" — GET /_matrix/client/v3/capabilities.

/**
 * What this server lets the caller do:
 * <ul>
 *   <li>{@code m.change_password}: enabled ({@link AccountPasswordHandler});</li>
 *   <li>{@code m.room_versions}: every version of {@link RoomVersions}, all stable, and its default;</li>
 *   <li>{@code m.set_displayname}, {@code m.set_avatar_url}: enabled ({@link ProfileFieldHandler});</li>
 *   <li>{@code m.3pid_changes}: disabled (this server stores no third-party identifiers).</li>
 * </ul>
 */
public final class CapabilitiesHandler implements Handler {

    @Override
    public Outcome handle(Call call) {
        ObjectNode caps = Json.object();
        caps.putObject("m.change_password").put("enabled", true);
        ObjectNode versions = caps.putObject("m.room_versions");
        versions.put("default", RoomVersions.DEFAULT.id());
        ObjectNode available = versions.putObject("available");
        for (RoomVersion v : RoomVersions.all()) {
            available.put(v.id(), "stable");
        }
        caps.putObject("m.set_displayname").put("enabled", true);
        caps.putObject("m.set_avatar_url").put("enabled", true);
        caps.putObject("m.3pid_changes").put("enabled", false);
        ObjectNode body = Json.object();
        body.set("capabilities", caps);
        return Responses.ok(body);
    }
}
