package org.hotroom.logic.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.StrictJson;

/**
 * A user's push rules (client-server API, "Push Notifications" / "Push Rules" and "Predefined
 * Rules"): the server-default rules of the current spec, the user's changes to their
 * {@code enabled} and {@code actions}, and the rules the user defined.
 *
 * <pre>
 * table "push_rules": localpart -> {
 *     "user":     {kind: [rule, ...]},                          user-defined rules, most important first;
 *                                                               a rule is {"rule_id", "enabled", "actions",
 *                                                               "conditions"? (override, underride), "pattern"? (content)}
 *     "defaults": {kind: {rule_id: {"enabled"?, "actions"?}}}   changes to server-default rules
 * }
 * </pre>
 * No record means no changes. Every write also logs an {@code m.push_rules} change in
 * {@link AccountData} (global), as the spec delivers the ruleset through {@code /sync}'s
 * {@code account_data}.
 *
 * <p>Order within a kind: {@code .m.rule.master} first, then user-defined rules, then the other
 * server-default rules ("server-default rules ... operate at a lower priority than user-defined
 * rules, except for the {@code .m.rule.master} rule"). The default rules are those of spec v1.17
 * and later, which removed the legacy body-matching rules ({@code .m.rule.contains_display_name},
 * {@code .m.rule.contains_user_name}, {@code .m.rule.roomnotif}); there are no default
 * {@code content} rules.
 */
public final class PushRules {

    public static final String TABLE = "push_rules";
    /** The account data type the ruleset is delivered as. */
    public static final String EVENT_TYPE = "m.push_rules";
    /** The kinds, in the order they are evaluated. */
    public static final List<String> KINDS = List.of("override", "content", "room", "sender", "underride");

    private static final String USER_ID_PLACEHOLDER = "[the user's Matrix ID]";
    private static final String MASTER = ".m.rule.master";

    /** The spec's predefined rules, verbatim, in their order; the user ID is filled in per user. */
    private static final String DEFAULTS_JSON = """
            {
              "override": [
                {"rule_id": ".m.rule.master", "default": true, "enabled": false, "conditions": [], "actions": []},
                {"rule_id": ".m.rule.suppress_notices", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_match", "key": "content.msgtype", "pattern": "m.notice"}],
                 "actions": []},
                {"rule_id": ".m.rule.invite_for_me", "default": true, "enabled": true,
                 "conditions": [{"key": "type", "kind": "event_match", "pattern": "m.room.member"},
                                {"key": "content.membership", "kind": "event_match", "pattern": "invite"},
                                {"key": "state_key", "kind": "event_match", "pattern": "[the user's Matrix ID]"}],
                 "actions": ["notify", {"set_tweak": "sound", "value": "default"}]},
                {"rule_id": ".m.rule.member_event", "default": true, "enabled": true,
                 "conditions": [{"key": "type", "kind": "event_match", "pattern": "m.room.member"}],
                 "actions": []},
                {"rule_id": ".m.rule.is_user_mention", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_property_contains", "key": "content.m\\\\.mentions.user_ids",
                                 "value": "[the user's Matrix ID]"}],
                 "actions": ["notify", {"set_tweak": "sound", "value": "default"}, {"set_tweak": "highlight"}]},
                {"rule_id": ".m.rule.is_room_mention", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_property_is", "key": "content.m\\\\.mentions.room", "value": true},
                                {"kind": "sender_notification_permission", "key": "room"}],
                 "actions": ["notify", {"set_tweak": "highlight"}]},
                {"rule_id": ".m.rule.tombstone", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_match", "key": "type", "pattern": "m.room.tombstone"},
                                {"kind": "event_match", "key": "state_key", "pattern": ""}],
                 "actions": ["notify", {"set_tweak": "highlight"}]},
                {"rule_id": ".m.rule.reaction", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_match", "key": "type", "pattern": "m.reaction"}],
                 "actions": []},
                {"rule_id": ".m.rule.room.server_acl", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_match", "key": "type", "pattern": "m.room.server_acl"},
                                {"kind": "event_match", "key": "state_key", "pattern": ""}],
                 "actions": []},
                {"rule_id": ".m.rule.suppress_edits", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_property_is", "key": "content.m\\\\.relates_to.rel_type", "value": "m.replace"}],
                 "actions": []}
              ],
              "content": [],
              "room": [],
              "sender": [],
              "underride": [
                {"rule_id": ".m.rule.call", "default": true, "enabled": true,
                 "conditions": [{"key": "type", "kind": "event_match", "pattern": "m.call.invite"}],
                 "actions": ["notify", {"set_tweak": "sound", "value": "ring"}]},
                {"rule_id": ".m.rule.encrypted_room_one_to_one", "default": true, "enabled": true,
                 "conditions": [{"kind": "room_member_count", "is": "2"},
                                {"kind": "event_match", "key": "type", "pattern": "m.room.encrypted"}],
                 "actions": ["notify", {"set_tweak": "sound", "value": "default"}]},
                {"rule_id": ".m.rule.room_one_to_one", "default": true, "enabled": true,
                 "conditions": [{"kind": "room_member_count", "is": "2"},
                                {"kind": "event_match", "key": "type", "pattern": "m.room.message"}],
                 "actions": ["notify", {"set_tweak": "sound", "value": "default"}]},
                {"rule_id": ".m.rule.message", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_match", "key": "type", "pattern": "m.room.message"}],
                 "actions": ["notify"]},
                {"rule_id": ".m.rule.encrypted", "default": true, "enabled": true,
                 "conditions": [{"kind": "event_match", "key": "type", "pattern": "m.room.encrypted"}],
                 "actions": ["notify"]}
              ]
            }
            """;

    private static final ObjectNode DEFAULTS = StrictJson.parseObject(DEFAULTS_JSON.getBytes(StandardCharsets.UTF_8));

    private final StepStorage storage;
    private final KeyValue kv;

    public PushRules(StepStorage storage) {
        this.storage = storage;
        this.kv = storage.keyValue();
    }

    /** Whether {@code kind} is one of {@link #KINDS}. */
    public static boolean isKind(String kind) {
        return KINDS.contains(kind);
    }

    /** The server-default rules for {@code userId}, by kind, as the spec defines them (a fresh copy). */
    public static ObjectNode defaults(String userId) {
        ObjectNode copy = DEFAULTS.deepCopy();
        fillIn(copy, userId);
        return copy;
    }

    /** The user's whole ruleset, in the shape of the spec's {@code PushRuleset}. */
    public ObjectNode ruleset(String localpart, String userId) {
        ObjectNode rec = load(localpart);
        ObjectNode defaults = defaults(userId);
        ObjectNode out = Json.object();
        for (String kind : KINDS) {
            ArrayNode list = out.putArray(kind);
            ArrayNode defs = (ArrayNode) defaults.get(kind);
            int next = 0;
            if (defs.size() > 0 && defs.get(0).get("rule_id").textValue().equals(MASTER)) {
                list.add(applyChanges(rec, kind, (ObjectNode) defs.get(0)));
                next = 1;
            }
            for (JsonNode r : userRules(rec, kind)) {
                list.add(clientFormat(kind, (ObjectNode) r));
            }
            for (int i = next; i < defs.size(); i++) {
                list.add(applyChanges(rec, kind, (ObjectNode) defs.get(i)));
            }
        }
        return out;
    }

    /** One rule in client format, or null when the user has no such rule. */
    public ObjectNode rule(String localpart, String userId, String kind, String ruleId) {
        for (JsonNode r : ruleset(localpart, userId).path(kind)) {
            if (r.get("rule_id").textValue().equals(ruleId)) {
                return (ObjectNode) r;
            }
        }
        return null;
    }

    /** Enables or disables a rule; false when there is no such rule. */
    public boolean setEnabled(String localpart, String userId, String kind, String ruleId, boolean enabled) {
        return change(localpart, userId, kind, ruleId, "enabled", BooleanNode.valueOf(enabled));
    }

    /** Replaces a rule's actions; false when there is no such rule. */
    public boolean setActions(String localpart, String userId, String kind, String ruleId, ArrayNode actions) {
        return change(localpart, userId, kind, ruleId, "actions", actions);
    }

    /**
     * Adds or updates a user-defined rule ({@code rule_id}, {@code actions}, and the
     * {@code conditions} or {@code pattern} of its kind, already validated). A new rule is enabled
     * and goes first among the user's rules of its kind unless {@code before} or {@code after}
     * names another of them ({@code before} wins when both are given); an updated rule keeps its
     * place and its {@code enabled} unless moved. 400 {@code M_UNKNOWN} when {@code before} or
     * {@code after} names no user-defined rule of the kind.
     */
    public void putUserRule(String localpart, String kind, ObjectNode rule, String before, String after) {
        storage.beginWrite();
        ObjectNode rec = load(localpart);
        ArrayNode list = userList(rec, kind);
        String ruleId = rule.get("rule_id").textValue();
        int existing = indexOf(list, ruleId);
        ObjectNode stored = rule.deepCopy();
        stored.put("enabled", existing < 0 || list.get(existing).path("enabled").asBoolean(true));
        String anchor = before != null ? before : after;
        if (anchor != null && anchor.equals(ruleId)) {
            throw MatrixError.badRequest("A rule cannot be placed relative to itself");
        }
        if (anchor != null && indexOf(list, anchor) < 0) {
            throw MatrixError.badRequest("before/after rule not found: " + anchor);
        }
        if (existing >= 0) {
            if (anchor == null) {
                list.set(existing, stored);
                save(localpart, rec);
                return;
            }
            list.remove(existing);
        }
        int at = anchor == null ? 0 : indexOf(list, anchor) + (before != null ? 0 : 1);
        list.insert(at, stored);
        save(localpart, rec);
    }

    /** Deletes a user-defined rule; false when the user has none with this ID. */
    public boolean deleteUserRule(String localpart, String kind, String ruleId) {
        storage.beginWrite();
        ObjectNode rec = load(localpart);
        ArrayNode list = userList(rec, kind);
        int i = indexOf(list, ruleId);
        if (i < 0) {
            return false;
        }
        list.remove(i);
        save(localpart, rec);
        return true;
    }

    // --- internals ---

    private boolean change(String localpart, String userId, String kind, String ruleId, String field, JsonNode value) {
        storage.beginWrite();
        ObjectNode rec = load(localpart);
        ArrayNode list = userList(rec, kind);
        int i = indexOf(list, ruleId);
        if (i >= 0) {
            ((ObjectNode) list.get(i)).set(field, value);
        } else if (isDefault(userId, kind, ruleId)) {
            child(child(child(rec, "defaults"), kind), ruleId).set(field, value);
        } else {
            return false;
        }
        save(localpart, rec);
        return true;
    }

    private static boolean isDefault(String userId, String kind, String ruleId) {
        for (JsonNode r : defaults(userId).path(kind)) {
            if (r.get("rule_id").textValue().equals(ruleId)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode applyChanges(ObjectNode rec, String kind, ObjectNode defaultRule) {
        JsonNode changes = rec.path("defaults").path(kind).path(defaultRule.get("rule_id").textValue());
        if (changes instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                defaultRule.set(e.getKey(), e.getValue());
            }
        }
        return defaultRule;
    }

    private static ObjectNode clientFormat(String kind, ObjectNode stored) {
        ObjectNode r = Json.object();
        r.put("rule_id", stored.get("rule_id").textValue());
        r.put("default", false);
        r.put("enabled", stored.path("enabled").asBoolean(true));
        r.set("actions", stored.get("actions"));
        if (kind.equals("override") || kind.equals("underride")) {
            r.set("conditions", stored.has("conditions") ? stored.get("conditions") : Json.array());
        } else if (kind.equals("content")) {
            r.set("pattern", stored.get("pattern"));
        }
        return r;
    }

    private static Iterable<JsonNode> userRules(ObjectNode rec, String kind) {
        return rec.path("user").path(kind);
    }

    private static ArrayNode userList(ObjectNode rec, String kind) {
        ObjectNode user = child(rec, "user");
        JsonNode list = user.get(kind);
        return list instanceof ArrayNode a ? a : user.putArray(kind);
    }

    private static int indexOf(ArrayNode list, String ruleId) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("rule_id").textValue().equals(ruleId)) {
                return i;
            }
        }
        return -1;
    }

    private ObjectNode load(String localpart) {
        byte[] v = kv.get(TABLE, key(localpart));
        return v == null ? Json.object() : Json.readRecord(v);
    }

    private void save(String localpart, ObjectNode rec) {
        kv.put(TABLE, key(localpart), Json.record(rec));
        new AccountData(storage).touch(localpart, null, EVENT_TYPE);
    }

    private static void fillIn(JsonNode node, String userId) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (e.getValue().isTextual() && e.getValue().textValue().equals(USER_ID_PLACEHOLDER)) {
                    e.setValue(TextNode.valueOf(userId));
                } else {
                    fillIn(e.getValue(), userId);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode child : a) {
                fillIn(child, userId);
            }
        }
    }

    /** The object under {@code name}, created when absent. */
    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode c = parent.get(name);
        return c instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static byte[] key(String localpart) {
        return localpart.getBytes(StandardCharsets.UTF_8);
    }
}
