package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hotroom.api.Outcome;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.room.RoomVersion;
import org.hotroom.logic.room.RoomVersions;
import org.hotroom.logic.rooms.LocalEvents;
import org.hotroom.logic.rooms.RoomAliases;
import org.hotroom.logic.rooms.RoomDirectory;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StepContext;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "Rooms" / "Creation" — POST /_matrix/client/v3/createRoom.

/**
 * Creates a room, sending its first events in the spec's order, each through
 * {@link LocalEvents} (so each is checked by the authorisation rules):
 * <ol>
 *   <li>{@code m.room.create}: {@code creation_content} with {@code room_version} (and
 *       {@code creator} before v11) set by the server; in v12 with {@code trusted_private_chat},
 *       the invitees join {@code additional_creators};</li>
 *   <li>the creator's {@code m.room.member} join, with their display name and avatar;</li>
 *   <li>{@code m.room.power_levels}: the defaults below, then {@code power_level_content_override}
 *       on top (key by key);</li>
 *   <li>{@code m.room.canonical_alias} for {@code room_alias_name};</li>
 *   <li>the preset's {@code m.room.join_rules}, {@code m.room.history_visibility} and
 *       {@code m.room.guest_access}, each unless {@code initial_state} sets it;</li>
 *   <li>{@code initial_state} in order (its name and topic left out when {@code name} or
 *       {@code topic} is given);</li>
 *   <li>{@code m.room.name}, {@code m.room.topic} (plain text, also as {@code m.topic});</li>
 *   <li>an {@code m.room.member} invite per {@code invite} entry (with {@code is_direct}).</li>
 * </ol>
 * Presets: {@code private_chat} and {@code trusted_private_chat}: invite-only, history
 * {@code shared}, guests {@code can_join}, anyone may invite; {@code trusted_private_chat} also
 * gives invitees the creator's power (v1 to v11: level 100; v12: they are creators). {@code
 * public_chat}: public, {@code shared}, guests {@code forbidden}. Without a preset, the visibility
 * picks one ({@code public} gives {@code public_chat}). Default power levels: the creator 100 (not
 * listed in v12, where creators outrank everyone), state 50, events 0, invite 50 ({@code 0} in
 * private presets), kick, ban and redact 50, power levels, history visibility, server ACLs,
 * encryption and tombstones 100 (tombstones 150 in v12, "higher than state_default").
 * {@code visibility: public} publishes the room in the directory.
 *
 * <p>Errors: 400 {@code M_UNSUPPORTED_ROOM_VERSION}, 400 {@code M_ROOM_IN_USE} (alias taken),
 * 400 {@code M_INVALID_PARAM} (visibility, preset, alias or invitee malformed), 400
 * {@code M_INVALID_ROOM_STATE} when the rules reject an event the request implies (the reason
 * names the rule), 403 for invitees of other servers (needs the federation), 404 for local
 * invitees without an account. {@code invite_3pid} is not supported (400 when not empty).
 * Nothing of a refused request is kept.
 */
public final class CreateRoomHandler implements Handler {

    static final List<String> PRESETS = List.of("private_chat", "trusted_private_chat", "public_chat");

    @Override
    public Outcome handle(Call call) {
        JsonBody body = call.body();
        ClientChecks.canonical(body.node(), "The request");
        String me = call.auth().userId();

        String visibility = body.optString("visibility");
        if (visibility == null) {
            visibility = "private";
        } else if (!visibility.equals("public") && !visibility.equals("private")) {
            throw MatrixError.invalidParam("visibility must be 'public' or 'private'");
        }
        String preset = body.optString("preset");
        if (preset == null) {
            preset = visibility.equals("public") ? "public_chat" : "private_chat";
        } else if (!PRESETS.contains(preset)) {
            throw MatrixError.invalidParam("preset must be one of " + PRESETS);
        }
        RoomVersion version = roomVersion(body.optString("room_version"));
        String name = body.optString("name");
        String topic = body.optString("topic");
        boolean isDirect = body.optBoolean("is_direct", false);
        List<String> invitees = invitees(call, body);
        JsonNode threePids = body.node().get("invite_3pid");
        if (threePids != null && !threePids.isNull() && (!threePids.isArray() || !threePids.isEmpty())) {
            throw MatrixError.invalidParam("invite_3pid: third-party invites are not supported by this server");
        }
        List<InitialState> initialState = initialState(body);
        JsonBody creation = body.optObject("creation_content");
        JsonBody override = body.optObject("power_level_content_override");
        String alias = null;
        String aliasName = body.optString("room_alias_name");
        if (aliasName != null && !aliasName.isEmpty()) { // clients send "" for "no alias"
            alias = "#" + aliasName + ":" + call.serverName();
            String err = RoomAliases.newAliasError(alias);
            if (err != null || aliasName.contains(":")) {
                throw MatrixError.invalidParam("room_alias_name does not make a valid alias: "
                        + (err != null ? err : "it must not contain ':'"));
            }
        }

        call.storage().beginWrite();
        RoomAliases aliases = new RoomAliases(call.storage().keyValue());
        if (alias != null && aliases.get(alias) != null) {
            throw new MatrixError(400, "M_ROOM_IN_USE", "Room alias " + alias + " is already taken");
        }
        LocalEvents local = new LocalEvents(StepContext.of(call));
        boolean trusted = preset.equals("trusted_private_chat");
        boolean privatePreset = !preset.equals("public_chat");

        // 1. m.room.create
        ObjectNode createContent = creation == null ? Json.object() : creation.node().deepCopy();
        createContent.remove("creator");
        createContent.remove("room_version");
        if (trusted && version.roomCreatorsPrivileged() && !invitees.isEmpty()) {
            Set<String> creators = new LinkedHashSet<>();
            JsonNode given = createContent.get("additional_creators");
            if (given != null && given.isArray()) {
                given.forEach(c -> creators.add(c.isTextual() ? c.textValue() : c.toString()));
            }
            creators.addAll(invitees);
            createContent.set("additional_creators", Json.strings(creators.toArray(String[]::new)));
        }
        StoredEvent create = step(() -> local.createRoom(version, me, createContent));
        RoomStore.Room room = local.rooms().find(create.roomId());

        // 2. the creator joins
        step(() -> local.send(room, me, "m.room.member", me, RoomAccess.memberContent(call, me, "join", null)));

        // 3. power levels
        ObjectNode levels = defaultPowerLevels(version, me, trusted ? invitees : List.of(), privatePreset);
        if (override != null) {
            for (Map.Entry<String, JsonNode> e : override.node().properties()) {
                levels.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        step(() -> local.send(room, me, "m.room.power_levels", "", levels));

        // 4. canonical alias
        if (alias != null) {
            aliases.put(alias, room.id(), room.roomId(), me);
            ObjectNode content = Json.object().put("alias", alias);
            step(() -> local.send(room, me, "m.room.canonical_alias", "", content));
        }

        // 5. the preset's events, unless initial_state sets them
        Set<TypeAndKey> initialKeys = new LinkedHashSet<>();
        for (InitialState s : initialState) {
            initialKeys.add(TypeAndKey.of(s.type, s.stateKey));
        }
        ObjectNode joinRules = Json.object().put("join_rule", privatePreset ? "invite" : "public");
        ObjectNode history = Json.object().put("history_visibility", "shared");
        ObjectNode guests = Json.object().put("guest_access", privatePreset ? "can_join" : "forbidden");
        Map<String, ObjectNode> presetState = new LinkedHashMap<>();
        presetState.put("m.room.join_rules", joinRules);
        presetState.put("m.room.history_visibility", history);
        presetState.put("m.room.guest_access", guests);
        for (Map.Entry<String, ObjectNode> e : presetState.entrySet()) {
            if (!initialKeys.contains(TypeAndKey.of(e.getKey(), ""))) {
                step(() -> local.send(room, me, e.getKey(), "", e.getValue()));
            }
        }

        // 6. initial_state
        for (InitialState s : initialState) {
            boolean overridden = s.stateKey.isEmpty()
                    && ((name != null && s.type.equals("m.room.name")) || (topic != null && s.type.equals("m.room.topic")));
            if (!overridden) {
                step(() -> local.send(room, me, s.type, s.stateKey, s.content));
            }
        }

        // 7. name and topic
        if (name != null) {
            step(() -> local.send(room, me, "m.room.name", "", Json.object().put("name", name)));
        }
        if (topic != null) {
            ObjectNode content = Json.object().put("topic", topic);
            ArrayNode text = content.putObject("m.topic").putArray("m.text");
            text.addObject().put("body", topic).put("mimetype", "text/plain");
            step(() -> local.send(room, me, "m.room.topic", "", content));
        }

        // 8. invites
        for (String invitee : invitees) {
            ObjectNode content = RoomAccess.memberContent(call, invitee, "invite", null);
            if (isDirect) {
                content.put("is_direct", true);
            }
            step(() -> local.send(room, me, "m.room.member", invitee, content));
        }

        if (visibility.equals("public")) {
            new RoomDirectory(call.storage().keyValue()).setPublished(room.id(), true);
        }
        return Responses.ok(Json.object().put("room_id", room.roomId()));
    }

    /** The version asked for, or the default that {@link CapabilitiesHandler} reports. */
    static RoomVersion roomVersion(String id) {
        if (id == null) {
            return RoomVersions.DEFAULT;
        }
        return RoomVersions.find(id).orElseThrow(() -> new MatrixError(400, "M_UNSUPPORTED_ROOM_VERSION",
                "Room version '" + RoomAccess.shorten(id) + "' is not supported; supported: " + RoomVersions.supportedList()));
    }

    /**
     * The power levels of a new room. Creators have level 100 up to v11 and are left out from v12
     * (they outrank everyone); trusted invitees likewise.
     */
    static ObjectNode defaultPowerLevels(RoomVersion version, String creator, List<String> trustedInvitees,
                                         boolean privatePreset) {
        ObjectNode levels = Json.object();
        ObjectNode users = levels.putObject("users");
        if (!version.roomCreatorsPrivileged()) {
            users.put(creator, 100);
            for (String invitee : trustedInvitees) {
                users.put(invitee, 100);
            }
        }
        levels.put("users_default", 0);
        ObjectNode events = levels.putObject("events");
        events.put("m.room.name", 50);
        events.put("m.room.power_levels", 100);
        events.put("m.room.history_visibility", 100);
        events.put("m.room.canonical_alias", 50);
        events.put("m.room.avatar", 50);
        events.put("m.room.tombstone", version.roomCreatorsPrivileged() ? 150 : 100);
        events.put("m.room.server_acl", 100);
        events.put("m.room.encryption", 100);
        levels.put("events_default", 0);
        levels.put("state_default", 50);
        levels.put("ban", 50);
        levels.put("kick", 50);
        levels.put("redact", 50);
        levels.put("invite", privatePreset ? 0 : 50);
        levels.putObject("notifications").put("room", 50);
        return levels;
    }

    private static List<String> invitees(Call call, JsonBody body) {
        JsonNode invite = body.node().get("invite");
        List<String> out = new ArrayList<>();
        if (invite == null || invite.isNull()) {
            return out;
        }
        if (!invite.isArray()) {
            throw MatrixError.badJson("field 'invite' must be an array of user IDs");
        }
        for (JsonNode u : invite) {
            if (!u.isTextual()) {
                throw MatrixError.badJson("field 'invite' must be an array of user IDs");
            }
            String userId = RoomAccess.requireUserId(u.textValue());
            RoomAccess.requireLocalInvitee(call, userId);
            if (!out.contains(userId)) {
                out.add(userId);
            }
        }
        return out;
    }

    private record InitialState(String type, String stateKey, ObjectNode content) {}

    private static List<InitialState> initialState(JsonBody body) {
        JsonNode given = body.node().get("initial_state");
        List<InitialState> out = new ArrayList<>();
        if (given == null || given.isNull()) {
            return out;
        }
        if (!given.isArray()) {
            throw MatrixError.badJson("field 'initial_state' must be an array of state events");
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode e = given.get(i);
            String at = "initial_state[" + i + "]";
            if (!e.isObject()) {
                throw MatrixError.badJson(at + " must be an object with type, state_key and content");
            }
            JsonNode type = e.get("type");
            JsonNode key = e.get("state_key");
            JsonNode content = e.get("content");
            if (type == null || !type.isTextual()) {
                throw MatrixError.badJson(at + ".type must be a string");
            }
            if (key != null && !key.isNull() && !key.isTextual()) {
                throw MatrixError.badJson(at + ".state_key must be a string");
            }
            if (content == null || !content.isObject()) {
                throw MatrixError.badJson(at + ".content must be an object");
            }
            out.add(new InitialState(type.textValue(), key == null || key.isNull() ? "" : key.textValue(),
                    (ObjectNode) content));
        }
        return out;
    }

    /** Runs one event of the request; a rejection by the rules is 400 {@code M_INVALID_ROOM_STATE}. */
    private static StoredEvent step(Supplier<StoredEvent> send) {
        try {
            return send.get();
        } catch (MatrixError e) {
            if (e.status() == 403) {
                throw new MatrixError(400, "M_INVALID_ROOM_STATE", "The room's initial state is not allowed: " + e.getMessage());
            }
            throw e;
        }
    }
}
