package org.hotroom.logic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.account.Profiles;
import org.hotroom.logic.event.Identifiers;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.rooms.LocalEvents;
import org.hotroom.logic.rooms.Memberships;
import org.hotroom.logic.rooms.RoomStore;
import org.hotroom.logic.rooms.StepContext;
import org.hotroom.logic.rooms.StoredEvent;

// Spec: client-server API, "User Data" / "Profiles" — GET and PUT /_matrix/client/v3/profile/{userId}/displayname
// and /_matrix/client/v3/profile/{userId}/avatar_url (the keyName endpoint, for these two keys).

/**
 * One profile field, {@code displayname} or {@code avatar_url}.
 *
 * <ul>
 *   <li>{@code GET} (no access token): {@code {field: value}}; 404 {@code M_NOT_FOUND} when the
 *       field is not set or the user does not exist (and for remote users, as
 *       {@link ProfileHandler}); 400 {@code M_INVALID_PARAM} for a malformed user ID.</li>
 *   <li>{@code PUT} (access token): only for the caller's own user ID, 403 {@code M_FORBIDDEN}
 *       otherwise. The body must hold the field: 400 {@code M_MISSING_PARAM} without it,
 *       {@code M_BAD_JSON} when it is not a string ({@code null} included: the spec lets servers
 *       refuse nulls). The empty string removes the field. A display name is at most 256
 *       characters and an avatar URL at most 1000, and must be an {@code mxc://} URI
 *       ({@code mxc://<server-name>/<media-id>}, "Matrix Content (mxc://) URIs"): 400
 *       {@code M_INVALID_PARAM} otherwise.</li>
 * </ul>
 * A change is stored in the profile and sent into the rooms the user is joined to as a new
 * {@code m.room.member} join event with the new {@code displayname}/{@code avatar_url}, as
 * "Events on Change of Profile Information" describes: at most {@value #MAX_PROPAGATED_ROOMS}
 * rooms per change, to keep one request bounded (the others show the new profile from the user's
 * next change or join on). A room whose rules refuse the event (its power levels forbid member
 * events of the user, say) keeps the old one. The presence update the spec also describes comes
 * with presence.
 */
public final class ProfileFieldHandler implements Handler {

    public static final int MAX_DISPLAYNAME_LENGTH = 256;
    public static final int MAX_AVATAR_URL_LENGTH = 1000;
    /** The most rooms one profile change is sent into. */
    public static final int MAX_PROPAGATED_ROOMS = 100;

    private final String field;

    /** @param field the variant: {@link Profiles#DISPLAYNAME} or {@link Profiles#AVATAR_URL} */
    public ProfileFieldHandler(String field) {
        if (!field.equals(Profiles.DISPLAYNAME) && !field.equals(Profiles.AVATAR_URL)) {
            throw new IllegalArgumentException("not a profile field: " + field);
        }
        this.field = field;
    }

    @Override
    public Outcome handle(Call call) {
        Profiles profiles = new Profiles(call.storage().keyValue());
        if (call.request().method().equals("GET")) {
            String localpart = ProfileHandler.existingLocalUser(call, call.param("userId"));
            JsonNode value = profiles.profile(localpart).get(field);
            if (value == null) {
                throw ProfileHandler.profileNotFound("No " + field + " is set for this user");
            }
            ObjectNode body = Json.object();
            body.set(field, value);
            return Responses.ok(body);
        }
        ClientChecks.requireSelf(call, "change the profile");
        JsonNode value = call.body().node().get(field);
        if (value == null) {
            throw MatrixError.missingParam("Missing field '" + field + "'");
        }
        if (!value.isTextual()) {
            throw MatrixError.badJson("field '" + field + "' must be a string");
        }
        String text = value.textValue();
        if (field.equals(Profiles.DISPLAYNAME)) {
            if (text.codePointCount(0, text.length()) > MAX_DISPLAYNAME_LENGTH) {
                throw MatrixError.invalidParam("A display name is at most " + MAX_DISPLAYNAME_LENGTH + " characters long");
            }
        } else if (!text.isEmpty()) {
            if (text.length() > MAX_AVATAR_URL_LENGTH) {
                throw MatrixError.invalidParam("An avatar URL is at most " + MAX_AVATAR_URL_LENGTH + " characters long");
            }
            if (!isMxcUri(text)) {
                throw MatrixError.invalidParam("avatar_url must be an mxc:// URI (mxc://<server-name>/<media-id>)");
            }
        }
        call.storage().beginWrite();
        profiles.set(call.auth().localpart(), field, text.isEmpty() ? null : text);
        propagate(call, call.auth().userId());
        return Responses.emptyObject();
    }

    /** Sends the new profile into the rooms {@code userId} is joined to (see the class comment). */
    private static void propagate(Call call, String userId) {
        LocalEvents local = new LocalEvents(StepContext.of(call));
        RoomStore rooms = local.rooms();
        int sent = 0;
        for (Memberships.Membership m : new Memberships(call.storage()).withMembership(userId, "join")) {
            if (sent >= MAX_PROPAGATED_ROOMS) {
                break;
            }
            RoomStore.Room room = rooms.get(m.room());
            StoredEvent current = room == null ? null : rooms.stateEvent(rooms.currentState(room), "m.room.member", userId);
            if (current == null || !"join".equals(current.membership())) {
                continue;
            }
            ObjectNode content = RoomAccess.memberContent(call, userId, "join", null);
            if (content.equals(current.content())) {
                continue;
            }
            sent++;
            try {
                local.send(room, userId, "m.room.member", userId, content);
            } catch (MatrixError e) {
                if (e.status() != 403) {
                    throw e;
                }
            }
        }
    }

    /** {@code mxc://<server-name>/<media-id>}: a valid server name, and a media ID of {@code A-Z a-z 0-9 _ -}. */
    static boolean isMxcUri(String s) {
        if (!s.startsWith("mxc://")) {
            return false;
        }
        String rest = s.substring("mxc://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String server = rest.substring(0, slash);
        String media = rest.substring(slash + 1);
        if (media.isEmpty() || Identifiers.serverNameError(server) != null) {
            return false;
        }
        for (int i = 0; i < media.length(); i++) {
            char c = media.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
