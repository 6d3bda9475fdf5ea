package org.hotroom.logic.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-server API, "Auth events selection": which state an event cites in its
 * {@code auth_events}. Rule 2.2 (3.2 in v12) rejects citations outside this selection; event
 * building uses it to fill {@code auth_events}; state resolution's iterative auth checks use it
 * to know which keys an event's auth events may stand in for.
 *
 * <blockquote>The {@code auth_events} for the {@code m.room.create} event in a room is empty; for
 * other events, it should be the following subset of the room state:
 * <ul>
 * <li>Depending on the room version, the {@code m.room.create} event.</li>
 * <li>The current {@code m.room.power_levels} event, if any.</li>
 * <li>The sender's current {@code m.room.member} event, if any.</li>
 * <li>If type is {@code m.room.member}:
 *   <ul>
 *   <li>The target's current {@code m.room.member} event, if any.</li>
 *   <li>If {@code membership} is {@code join}, {@code invite} or {@code knock}, the current
 *       {@code m.room.join_rules} event, if any.</li>
 *   <li>If membership is {@code invite} and {@code content} contains a {@code third_party_invite}
 *       property, the current {@code m.room.third_party_invite} event with {@code state_key}
 *       matching {@code content.third_party_invite.signed.token}, if any.</li>
 *   <li>If {@code membership} is {@code join}, {@code content.join_authorised_via_users_server} is
 *       present, and the room version supports restricted rooms, then the {@code m.room.member}
 *       event with {@code state_key} matching {@code content.join_authorised_via_users_server}.</li>
 *   </ul></li>
 * </ul></blockquote>
 *
 * "Depending on the room version": v1–11 select the create event; v12 must not (its room ID
 * stands for it).
 */
public final class AuthEventsSelection {

    private AuthEventsSelection() {}

    /** The keys {@code event} may cite, in the order above, without duplicates. */
    public static List<TypeAndKey> keys(RuleSet rules, AuthEvent event) {
        return keys(rules, event.type(), event.stateKey(), event.sender(), event.content());
    }

    /**
     * The keys an event of this type, state key, sender and content may cite. Empty for
     * {@code m.room.create}. A value that is missing or not a string leaves its key out (a member
     * event without a string state_key has no target; a token that is not a string names no
     * {@code m.room.third_party_invite}).
     */
    public static List<TypeAndKey> keys(RuleSet rules, String type, String stateKey, String sender, JsonNode content) {
        List<TypeAndKey> keys = new ArrayList<>(6);
        if (EventTypes.CREATE.equals(type)) {
            return keys;
        }
        if (rules.createInAuthEvents()) {
            keys.add(TypeAndKey.of(EventTypes.CREATE, ""));
        }
        keys.add(TypeAndKey.of(EventTypes.POWER_LEVELS, ""));
        if (sender != null) {
            keys.add(TypeAndKey.of(EventTypes.MEMBER, sender));
        }
        if (EventTypes.MEMBER.equals(type)) {
            if (stateKey != null) {
                add(keys, TypeAndKey.of(EventTypes.MEMBER, stateKey));
            }
            JsonNode m = content == null ? null : content.get("membership");
            String membership = m != null && m.isTextual() ? m.textValue() : null;
            if (EventTypes.JOIN.equals(membership) || EventTypes.INVITE.equals(membership)
                    || EventTypes.KNOCK.equals(membership)) {
                keys.add(TypeAndKey.of(EventTypes.JOIN_RULES, ""));
            }
            if (EventTypes.INVITE.equals(membership) && content.has("third_party_invite")) {
                JsonNode token = content.path("third_party_invite").path("signed").path("token");
                if (token.isTextual()) {
                    keys.add(TypeAndKey.of(EventTypes.THIRD_PARTY_INVITE, token.textValue()));
                }
            }
            if (EventTypes.JOIN.equals(membership) && rules.restrictedJoins()) {
                JsonNode via = content.get(EventTypes.AUTHORISING_USER);
                if (via != null && via.isTextual()) {
                    add(keys, TypeAndKey.of(EventTypes.MEMBER, via.textValue()));
                }
            }
        }
        return keys;
    }

    /** The events of {@code state} that {@code event} should cite: {@link #keys} that are present. */
    public static List<AuthEvent> select(RuleSet rules, AuthEvent event, AuthState state) {
        return select(keys(rules, event), state);
    }

    /** The present events for {@code keys}, in order. */
    public static List<AuthEvent> select(List<TypeAndKey> keys, AuthState state) {
        List<AuthEvent> out = new ArrayList<>(keys.size());
        for (TypeAndKey k : keys) {
            AuthEvent e = state.get(k);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static void add(List<TypeAndKey> keys, TypeAndKey k) {
        if (!keys.contains(k)) {
            keys.add(k);
        }
    }
}
