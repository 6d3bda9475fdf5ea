package org.hotroom.logic.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.room.RedactionRules;
import org.hotroom.logic.room.RoomVersion;

/**
 * The redaction algorithm of each room version: "Upon receipt of a redaction event, the server
 * must strip off any keys not in the following list ... The content object must also be stripped
 * of all keys, unless it is one of the following event types" (rooms fragments v1-redactions,
 * v6-redactions, v9-redactions, v11-redactions and rooms/v8 "Redactions"). The differences between
 * versions are the flags of {@link RedactionRules}.
 *
 * <p>The result always has a {@code content} object (empty when nothing is kept), and no
 * {@code unsigned}: it is not in any list. The input is not modified; kept values are copied.
 *
 * <p>One case the text leaves open: v11 keeps "the {@code signed} key of the
 * {@code third_party_invite} key" of member events. A {@code third_party_invite} object is kept
 * holding only {@code signed} (an empty object when it has none); a {@code third_party_invite}
 * that is not an object has no {@code signed} key and is dropped. This is what Synapse does;
 * matching it keeps reference hashes (event IDs) of such events equal across servers.
 */
public final class Redaction {

    /** Top-level keys every version keeps (fragment v11-redactions, a subset of all the others). */
    private static final Set<String> KEPT_TOP_LEVEL = Set.of(
            "event_id", "type", "room_id", "sender", "state_key", "content", "hashes", "signatures",
            "depth", "prev_events", "auth_events", "origin_server_ts");

    /** Kept up to v10 only (rooms/v11: "no longer protected from redaction"). */
    private static final Set<String> KEPT_TOP_LEVEL_BEFORE_V11 = Set.of("prev_state", "origin", "membership");

    /** Power level keys every version keeps; v11 adds {@code invite}. */
    private static final Set<String> POWER_LEVELS_KEPT = Set.of(
            "ban", "events", "events_default", "kick", "redact", "state_default", "users", "users_default");

    private Redaction() {}

    /** The redacted copy of {@code event} under the rules of {@code version}. */
    public static ObjectNode redact(RoomVersion version, ObjectNode event) {
        return redact(version, event, true);
    }

    /**
     * With {@code copy} false the result shares kept values with {@code event}: for callers that
     * only read it (hashing), and only modify its top level.
     */
    static ObjectNode redact(RoomVersion version, ObjectNode event, boolean copy) {
        RedactionRules rules = version.redaction();
        ObjectNode out = Json.object();
        boolean contentPlaced = false;
        for (Map.Entry<String, JsonNode> e : event.properties()) {
            String key = e.getKey();
            if (key.equals("content")) {
                out.set("content", redactContent(rules, event, copy));
                contentPlaced = true;
            } else if (KEPT_TOP_LEVEL.contains(key)
                    || (rules.keepOriginMembershipPrevState() && KEPT_TOP_LEVEL_BEFORE_V11.contains(key))) {
                out.set(key, copy ? e.getValue().deepCopy() : e.getValue());
            }
        }
        if (!contentPlaced) {
            out.set("content", Json.object());
        }
        return out;
    }

    private static ObjectNode redactContent(RedactionRules rules, ObjectNode event, boolean copy) {
        ObjectNode kept = Json.object();
        JsonNode typeNode = event.get("type");
        if (!(event.get("content") instanceof ObjectNode content) || typeNode == null || !typeNode.isTextual()) {
            return kept;
        }
        String type = typeNode.textValue();
        if (type.equals("m.room.create") && rules.keepAllCreateContent()) {
            return copy ? content.deepCopy() : content;
        }
        // in the content's own key order, so the redacted tree reads like the original
        for (Map.Entry<String, JsonNode> e : content.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (type.equals("m.room.member") && key.equals("third_party_invite")) {
                if (rules.keepThirdPartyInviteSigned() && value instanceof ObjectNode invite) {
                    ObjectNode signedOnly = Json.object();
                    JsonNode signed = invite.get("signed");
                    if (signed != null) {
                        signedOnly.set("signed", copy ? signed.deepCopy() : signed);
                    }
                    kept.set(key, signedOnly);
                }
            } else if (keeps(rules, type, key)) {
                kept.set(key, copy ? value.deepCopy() : value);
            }
        }
        return kept;
    }

    /** Whether {@code key} of the content of a {@code type} event survives redaction. */
    private static boolean keeps(RedactionRules rules, String type, String key) {
        return switch (type) {
            case "m.room.member" -> key.equals("membership")
                    || (rules.keepJoinAuthorisedViaUsersServer() && key.equals("join_authorised_via_users_server"));
            case "m.room.create" -> key.equals("creator");
            case "m.room.join_rules" -> key.equals("join_rule") || (rules.keepJoinRulesAllow() && key.equals("allow"));
            case "m.room.power_levels" -> POWER_LEVELS_KEPT.contains(key)
                    || (rules.keepPowerLevelsInvite() && key.equals("invite"));
            case "m.room.aliases" -> rules.keepAliases() && key.equals("aliases");
            case "m.room.history_visibility" -> key.equals("history_visibility");
            case "m.room.redaction" -> rules.keepRedactionRedacts() && key.equals("redacts");
            default -> false;
        };
    }
}
