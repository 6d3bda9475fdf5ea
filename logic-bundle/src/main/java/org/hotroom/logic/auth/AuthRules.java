package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.EventTypes.AUTHORISING_USER;
import static org.hotroom.logic.auth.EventTypes.BAN;
import static org.hotroom.logic.auth.EventTypes.CREATE;
import static org.hotroom.logic.auth.EventTypes.INVITE;
import static org.hotroom.logic.auth.EventTypes.JOIN;
import static org.hotroom.logic.auth.EventTypes.KNOCK;
import static org.hotroom.logic.auth.EventTypes.KNOCK_RESTRICTED;
import static org.hotroom.logic.auth.EventTypes.LEAVE;
import static org.hotroom.logic.auth.EventTypes.MEMBER;
import static org.hotroom.logic.auth.EventTypes.POWER_LEVELS;
import static org.hotroom.logic.auth.EventTypes.PUBLIC;
import static org.hotroom.logic.auth.EventTypes.RESTRICTED;
import static org.hotroom.logic.auth.EventTypes.THIRD_PARTY_INVITE;
import static org.hotroom.logic.auth.Identifiers.domain;
import static org.hotroom.logic.auth.Identifiers.show;
import static org.hotroom.logic.auth.RuleNumbers.n;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The authorisation rules of room versions 1–12, rule by rule as each version's page of the spec
 * ("Authorisation rules", rooms/v1 … rooms/v12) states them. Comments quote the rule text and
 * give its number in the v6–v11 list unless said otherwise; {@link RuleNumbers} maps each point to
 * its number in every version, and every {@link Decision} names the rule by the number the room
 * version itself gives it.
 *
 * <p>Entry points, after the spec's "Checks performed on receipt of a PDU":
 * <ul>
 *   <li>{@link #checkWithAuthEvents}: step 4, "passes authorisation rules based on the event's auth
 *       events": rule 2 (v12: 3) on what the event cites, then every other rule against the cited
 *       events (v12: plus the create event its room ID names);</li>
 *   <li>{@link #check}: every rule but the one about cited auth events, against any state: the
 *       state before the event (step 5), the current state (step 6, soft failure), or the partial
 *       state of state resolution's iterative auth checks;</li>
 *   <li>{@link #checkAuthEvents}: rule 2 (v12: 3) alone.</li>
 * </ul>
 *
 * <p>Interpretations where the spec leaves something open (each also in the reason it produces):
 * <ul>
 *   <li>No {@code m.room.join_rules} event, or one without {@code join_rule}: the join rule is
 *       {@code invite}, as Synapse, Dendrite and ruma read it (a non-string join_rule matches no
 *       rule).</li>
 *   <li>"Membership state" of a user without an {@code m.room.member} event: none, which is neither
 *       {@code join}, {@code invite}, {@code knock} nor {@code ban}.</li>
 *   <li>{@code m.federate} counts as "set to false" only when it is the JSON boolean false.</li>
 *   <li>A power level value that the room version cannot read (e.g. {@code "fifty"} in v9, which
 *       only rule 9.1's {@code users} check would catch) rejects the event whose check needs it,
 *       as other servers fail such checks too.</li>
 * </ul>
 *
 * <p>The class is immutable and keeps no state between calls.
 */
public final class AuthRules {

    private static final String[] LEVEL_FIELDS = {
        "users_default", "events_default", "state_default", "ban", "redact", "kick", "invite"
    };

    private final SignatureVerifier ed25519;
    private final ServerSignatureCheck serverSignatures;

    /**
     * @param ed25519          verifies third-party invite signatures (rule 4.4.1.7)
     * @param serverSignatures answers "validly signed by the homeserver of
     *                         {@code join_authorised_via_users_server}" (rule 4.2.1, v8+)
     */
    public AuthRules(SignatureVerifier ed25519, ServerSignatureCheck serverSignatures) {
        this.ed25519 = Objects.requireNonNull(ed25519, "ed25519");
        this.serverSignatures = Objects.requireNonNull(serverSignatures, "serverSignatures");
    }

    /** Rules with {@code ed25519} and {@link ServerSignatureCheck#SIGNATURE_PRESENT}. */
    public static AuthRules of(SignatureVerifier ed25519) {
        return new AuthRules(ed25519, ServerSignatureCheck.SIGNATURE_PRESENT);
    }

    // ------------------------------------------------------------------------------------------
    // Entry points
    // ------------------------------------------------------------------------------------------

    /**
     * Receipt step 4: the rules against the event's own auth events. {@code lookup} finds an event
     * by ID (null when unknown); every cited ID must be known. In v12 the create event is looked up
     * by the ID its room ID implies ({@code !x} → {@code $x}).
     */
    public Decision checkWithAuthEvents(RuleSet rules, AuthEvent event, Function<String, AuthEvent> lookup) {
        if (CREATE.equals(event.type())) {
            return check(rules, event, AuthState.empty());
        }
        Decision cited = checkAuthEvents(rules, event, lookup);
        if (cited.rejected()) {
            return cited;
        }
        Map<TypeAndKey, AuthEvent> state = new HashMap<>();
        for (String id : event.authEventIds()) {
            AuthEvent a = lookup.apply(id);
            state.put(TypeAndKey.of(a), a);
        }
        if (rules.createEventIsRoomId()) {
            String createId = createEventIdOf(event.roomId());
            AuthEvent create = createId == null ? null : lookup.apply(createId);
            if (create != null && CREATE.equals(create.type()) && "".equals(create.stateKey())) {
                state.put(TypeAndKey.of(CREATE, ""), create);
            }
        }
        return check(rules, event, AuthState.of(state));
    }

    /**
     * Rule 2 (v12: rule 3), "Considering the event's {@code auth_events}". {@code lookup} finds a
     * cited event by ID; an unknown one rejects (it must be fetched before the event can be
     * authorised). An {@code m.room.create} event is decided by rule 1 alone and passes here.
     */
    public Decision checkAuthEvents(RuleSet rules, AuthEvent event, Function<String, AuthEvent> lookup) {
        RuleNumbers n = new RuleNumbers(rules);
        String r = Integer.toString(n.authEvents);
        if (CREATE.equals(event.type())) {
            return Decision.allow(n, "1", "m.room.create is decided by rule 1 alone");
        }
        List<AuthEvent> cited = new ArrayList<>();
        for (String id : event.authEventIds()) {
            AuthEvent a = lookup.apply(id);
            if (a == null) {
                return Decision.reject(n, r, "auth event " + id + " cited by " + event.eventId()
                        + " is unknown; fetch it (e.g. GET /_matrix/federation/v1/event_auth) before authorising");
            }
            cited.add(a);
        }
        // 2.1 If there are duplicate entries for a given type and state_key pair, reject.
        Map<TypeAndKey, String> seen = new HashMap<>();
        for (AuthEvent a : cited) {
            TypeAndKey k = TypeAndKey.of(a);
            if (k == null) {
                continue; // not a state event: rule 2.2 rejects it below
            }
            String before = seen.putIfAbsent(k, a.eventId());
            if (before != null) {
                return Decision.reject(n, n(n.authEvents, 1), "auth_events has two entries for " + k + ": "
                        + before + " and " + a.eventId());
            }
        }
        // 2.2 If there are entries whose type and state_key don't match those specified by the auth
        // events selection algorithm described in the server specification, reject.
        // (v1-11: "This room version requires an m.room.create event to be selected";
        //  v12: "In this room version, m.room.create MUST NOT be selected.")
        List<TypeAndKey> expected = AuthEventsSelection.keys(rules, event);
        for (AuthEvent a : cited) {
            TypeAndKey k = TypeAndKey.of(a);
            if (k == null) {
                return Decision.reject(n, n(n.authEvents, 2), "auth event " + a.eventId() + " (type "
                        + show(a.type()) + ") is not a state event, so the auth events selection cannot include it");
            }
            if (!expected.contains(k)) {
                return Decision.reject(n, n(n.authEvents, 2), "auth event " + a.eventId() + " is " + k
                        + ", which the auth events selection for this event does not include"
                        + (CREATE.equals(k.type()) && rules.createEventIsRoomId()
                                ? " (room version 12 events must not cite m.room.create: the room ID stands for it)"
                                : "")
                        + "; allowed: " + expected);
            }
        }
        // 2.3 If there are entries which were themselves rejected under the checks performed on
        // receipt of a PDU, reject.
        for (AuthEvent a : cited) {
            if (a.rejected()) {
                return Decision.reject(n, n(n.authEvents, 3), "auth event " + a.eventId() + " " + TypeAndKey.of(a)
                        + " was itself rejected");
            }
        }
        // 2.4 (v1-11) If there is no m.room.create event among the entries, reject.
        if (rules.createInAuthEvents() && !seen.containsKey(TypeAndKey.of(CREATE, ""))) {
            return Decision.reject(n, n(n.authEvents, 4), "auth_events cites no m.room.create event");
        }
        // 2.5 If any event in auth_events has a room_id which does not match that of the event
        // being authorised, reject.
        for (AuthEvent a : cited) {
            if (!Objects.equals(a.roomId(), event.roomId())) {
                return Decision.reject(n, n(n.authEvents, 5), "auth event " + a.eventId() + " is in room "
                        + show(a.roomId()) + ", not in " + show(event.roomId()));
            }
        }
        return Decision.allow(n, r, "the " + cited.size() + " auth events are distinct, selectable, accepted"
                + (rules.createInAuthEvents() ? ", include m.room.create" : "") + " and in the event's room");
    }

    /**
     * Every rule except rule 2 (v12: 3) about the cited auth events, with {@code state} as "the
     * room state": the event's auth events, the state before it, the current state, or a partial
     * state of state resolution.
     */
    public Decision check(RuleSet rules, AuthEvent event, AuthState state) {
        Check c = new Check(rules, event, state);
        try {
            return c.run();
        } catch (Rejection r) {
            return r.decision;
        }
    }

    /**
     * A "power event" of state resolution v2: {@code m.room.power_levels}, {@code m.room.join_rules},
     * or an {@code m.room.member} of membership {@code leave} or {@code ban} whose sender is not its
     * state key (state events only).
     */
    public static boolean isPowerEvent(AuthEvent e) {
        if (e.stateKey() == null) {
            return false;
        }
        String type = e.type();
        if (POWER_LEVELS.equals(type) || EventTypes.JOIN_RULES.equals(type)) {
            return true;
        }
        if (MEMBER.equals(type)) {
            String m = e.membership();
            return (LEAVE.equals(m) || BAN.equals(m)) && !e.stateKey().equals(e.sender());
        }
        return false;
    }

    /** v12: the create event ID a room ID names ({@code !x} → {@code $x}); null if not a room ID. */
    public static String createEventIdOf(String roomId) {
        return roomId != null && roomId.startsWith("!") ? "$" + roomId.substring(1) : null;
    }

    // ------------------------------------------------------------------------------------------
    // The rules
    // ------------------------------------------------------------------------------------------

    /** A rejection thrown from deep inside a rule (an unreadable power level); no stack trace. */
    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Decision decision;

        Rejection(Decision decision) {
            super(decision.reason(), null, false, false);
            this.decision = decision;
        }
    }

    private final class Check {
        final RuleSet rules;
        final RuleNumbers n;
        final AuthEvent event;
        final AuthState state;
        final String type;
        final String sender;
        final String stateKey;
        final JsonNode content;
        AuthEvent create;
        PowerLevels levels;

        Check(RuleSet rules, AuthEvent event, AuthState state) {
            this.rules = rules;
            this.n = new RuleNumbers(rules);
            this.event = event;
            this.state = state;
            this.type = event.type();
            this.sender = event.sender();
            this.stateKey = event.stateKey();
            this.content = event.content();
        }

        Decision allow(String rule, String why) {
            return Decision.allow(n, rule, why);
        }

        Decision reject(String rule, String why) {
            return Decision.reject(n, rule, why);
        }

        Decision run() {
            // 1. If type is m.room.create: ...
            if (CREATE.equals(type)) {
                return createRule();
            }
            create = state.create();
            if (rules.createEventIsRoomId()) {
                // 2 (v12). If the event's room_id is not an event ID for an accepted (not
                // rejected) m.room.create event, with the sigil ! instead of $, reject.
                String r = Integer.toString(n.roomIdIsCreate);
                String wanted = createEventIdOf(event.roomId());
                if (wanted == null) {
                    return reject(r, "room_id " + show(event.roomId()) + " is not a room ID (!...) naming the"
                            + " m.room.create event");
                }
                if (create == null) {
                    return reject(r, "room_id " + event.roomId() + " names the m.room.create event " + wanted
                            + ", which is not available to the check (fetch it)");
                }
                if (!wanted.equals(create.eventId())) {
                    return reject(r, "room_id " + event.roomId() + " names the m.room.create event " + wanted
                            + ", but the room's m.room.create event is " + create.eventId());
                }
                if (create.rejected()) {
                    return reject(r, "room_id " + event.roomId() + " names the m.room.create event " + wanted
                            + ", which was rejected");
                }
            } else if (create == null) {
                // Rule 2.4 demands a cited create event; a state without one cannot be checked.
                return reject(n(n.authEvents, 4), "there is no m.room.create event in the auth events / state"
                        + " the event is checked against");
            }

            // 3. If the content of the m.room.create event in the room state has the property
            // m.federate set to false, and the sender domain of the event does not match the
            // sender domain of the create event, reject.
            JsonNode federate = create.content().get("m.federate");
            if (federate != null && federate.isBoolean() && !federate.booleanValue()
                    && !Objects.equals(domain(sender), domain(create.sender()))) {
                return reject(Integer.toString(n.federate), "the room is not federated (m.federate is false)"
                        + " and the sender's domain " + show(domain(sender)) + " is not the creator's domain "
                        + show(domain(create.sender())));
            }

            // 4 (v1-5). If type is m.room.aliases: ...
            if (rules.aliasesRule() && EventTypes.ALIASES.equals(type)) {
                return aliasesRule();
            }

            // 4. If type is m.room.member: ...
            if (MEMBER.equals(type)) {
                return memberRule();
            }

            // 5. If the sender's current membership state is not join, reject.
            String senderMembership = membershipOf(sender);
            if (!JOIN.equals(senderMembership)) {
                return reject(Integer.toString(n.senderJoined), "sender " + sender + " is not joined (membership "
                        + showMembership(senderMembership) + ")");
            }

            // 6. If type is m.room.third_party_invite: Allow if and only if sender's current power
            // level is greater than or equal to the invite level.
            if (THIRD_PARTY_INVITE.equals(type)) {
                String r = Integer.toString(n.thirdPartyInvite);
                long senderLevel = level(sender, r);
                long invite = invite(r);
                if (senderLevel >= invite) {
                    return allow(r, "sender's power level " + PowerLevels.show(senderLevel)
                            + " reaches the invite level " + invite);
                }
                return reject(r, "sender " + sender + " has power level " + PowerLevels.show(senderLevel)
                        + ", below the invite level " + invite);
            }

            // 7. If the event type's required power level is greater than the sender's power
            // level, reject.
            {
                String r = Integer.toString(n.requiredLevel);
                long required = required(r);
                long senderLevel = level(sender, r);
                if (required > senderLevel) {
                    return reject(r, "sending " + type + (stateKey != null ? " (state)" : "") + " needs power level "
                            + required + requiredSource() + "; sender " + sender + " has "
                            + PowerLevels.show(senderLevel));
                }
            }

            // 8. If the event has a state_key that starts with an @ and does not match the sender,
            // reject.
            if (stateKey != null && stateKey.startsWith("@") && !stateKey.equals(sender)) {
                return reject(Integer.toString(n.stateKeyIsSender), "state_key " + show(stateKey)
                        + " starts with @ but is not the sender " + sender);
            }

            // 9. If type is m.room.power_levels: ...
            if (POWER_LEVELS.equals(type)) {
                return powerLevelsRule();
            }

            // 11 (v1-2). If type is m.room.redaction: ...
            if (rules.redactionRule() && EventTypes.REDACTION.equals(type)) {
                return redactionRule();
            }

            // 10. Otherwise, allow.
            return allow(Integer.toString(n.otherwise), "no rule forbids this " + show(type) + " event");
        }

        // --- rule 1 ------------------------------------------------------------------------------

        Decision createRule() {
            // 1.1 If it has any prev_events, reject.
            List<String> prev = event.prevEventIds();
            if (!prev.isEmpty()) {
                return reject("1.1", "m.room.create must have no prev_events; it has " + prev);
            }
            if (rules.createEventIsRoomId()) {
                // 1.2 (v12) If the event has a room_id, reject.
                if (event.hasRoomId()) {
                    return reject("1.2", "m.room.create must have no room_id in room version " + rules.version()
                            + " (the room ID is its event ID with sigil !); it has " + show(event.roomId()));
                }
            } else {
                // 1.2 If the domain of the room_id does not match the domain of the sender, reject.
                String roomDomain = domain(event.roomId());
                String senderDomain = domain(sender);
                if (roomDomain == null || !roomDomain.equals(senderDomain)) {
                    return reject("1.2", "the domain of room_id " + show(event.roomId()) + " ("
                            + show(roomDomain) + ") is not the domain of sender " + show(sender) + " ("
                            + show(senderDomain) + ")");
                }
            }
            // 1.3 If content.room_version is present and is not a recognised version, reject.
            JsonNode rv = content.get("room_version");
            if (rv != null && !(rv.isTextual() && RuleSet.isRecognised(rv.textValue()))) {
                return reject("1.3", "content.room_version " + rv + " is not a recognised room version (known: "
                        + String.join(", ", RuleSet.recognisedVersions()) + ", as strings)");
            }
            if (!rules.creatorIsSender()) {
                // 1.4 (v1-10) If content has no creator property, reject.
                if (!content.has("creator")) {
                    return reject("1.4", "content has no creator property (required up to room version 10)");
                }
                return allow("1.5", "m.room.create passes rules 1.1-1.4");
            }
            if (rules.infiniteCreators()) {
                // 1.4 (v12) If additional_creators is present in content and is not an array of
                // strings where each string passes the same user ID validation applied to sender,
                // reject.
                JsonNode extra = content.get("additional_creators");
                if (extra != null) {
                    if (!extra.isArray()) {
                        return reject("1.4", "content.additional_creators must be an array of user IDs; it is "
                                + extra.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
                    }
                    for (int i = 0; i < extra.size(); i++) {
                        JsonNode c = extra.get(i);
                        if (!c.isTextual() || !Identifiers.isValidUserId(c.textValue())) {
                            return reject("1.4", "content.additional_creators[" + i + "] = " + c
                                    + " is not a valid user ID (@localpart:server_name, at most 255 bytes)");
                        }
                    }
                }
                return allow("1.5", "m.room.create passes rules 1.1-1.4");
            }
            // v11: 1.4 Otherwise, allow.
            return allow("1.4", "m.room.create passes rules 1.1-1.3");
        }

        // --- rule 4 (v1-5) -----------------------------------------------------------------------

        Decision aliasesRule() {
            int a = n.aliases;
            // 4.1 If event has no state_key, reject.
            if (stateKey == null) {
                return reject(n(a, 1), "m.room.aliases must have a state_key (the sender's domain)");
            }
            // 4.2 If sender's domain doesn't match state_key, reject.
            if (!stateKey.equals(domain(sender))) {
                return reject(n(a, 2), "m.room.aliases state_key " + show(stateKey) + " is not the sender's domain "
                        + show(domain(sender)));
            }
            // 4.3 Otherwise, allow.
            return allow(n(a, 3), "m.room.aliases state_key is the sender's domain");
        }

        // --- rule 4: m.room.member ---------------------------------------------------------------

        Decision memberRule() {
            int m = n.member;
            // 4.1 If there is no state_key property, or no membership property in content, reject.
            if (stateKey == null) {
                return reject(n(m, n.mFields), "m.room.member must have a state_key (the target user ID)");
            }
            if (!content.has("membership")) {
                return reject(n(m, n.mFields), "m.room.member content has no membership property");
            }
            // 4.2 (v8+) If content has a join_authorised_via_users_server key: If the event is not
            // validly signed by the homeserver of the user ID denoted by the key, reject.
            if (rules.restrictedJoins() && content.has(AUTHORISING_USER)) {
                JsonNode via = content.get(AUTHORISING_USER);
                String server = via.isTextual() ? domain(via.textValue()) : null;
                if (server == null) {
                    return reject(n(m, n.mAuthorisingSignature, 1), "content." + AUTHORISING_USER + " = " + via
                            + " is not a user ID, so no homeserver can have signed for it");
                }
                if (!serverSignatures.isValidlySignedBy(event, server)) {
                    return reject(n(m, n.mAuthorisingSignature, 1), "the event is not validly signed by " + server
                            + ", the homeserver of content." + AUTHORISING_USER + " " + via.textValue());
                }
            }
            String membership = event.membership();
            if (JOIN.equals(membership)) {
                return join();
            }
            if (INVITE.equals(membership)) {
                return invite();
            }
            if (LEAVE.equals(membership)) {
                return leave();
            }
            if (BAN.equals(membership)) {
                return ban();
            }
            if (rules.knocking() && KNOCK.equals(membership)) {
                return knock();
            }
            // 4.8 Otherwise, the membership is unknown. Reject.
            return reject(n(m, n.mUnknown), "membership " + content.get("membership") + " is unknown in room version "
                    + rules.version() + " (known: join, invite, leave, ban" + (rules.knocking() ? ", knock" : "") + ")");
        }

        Decision join() {
            int m = n.member;
            int j = n.mJoin;
            // 4.3.1 If the only previous event is an m.room.create and the state_key is the creator
            // (v11+: the sender of the m.room.create), allow.
            List<String> prev = event.prevEventIds();
            String creator = PowerLevels.creatorOf(rules, create);
            if (prev.size() == 1 && prev.get(0).equals(create.eventId()) && stateKey.equals(creator)) {
                return allow(n(m, j, n.jCreator), "the creator's first join, right after m.room.create");
            }
            // 4.3.2 If the sender does not match state_key, reject.
            if (!stateKey.equals(sender)) {
                return reject(n(m, j, n.jSenderIsTarget), "sender " + sender + " cannot join on behalf of "
                        + stateKey + " (sender must equal state_key)");
            }
            String current = membershipOf(sender);
            // 4.3.3 If the sender is banned, reject.
            if (BAN.equals(current)) {
                return reject(n(m, j, n.jBanned), "sender " + sender + " is banned");
            }
            String joinRule = joinRule();
            // 4.3.4 If the join_rule is invite or knock (v7+; v1-6: invite only) then allow if
            // membership state is invite or join.
            if (INVITE.equals(joinRule) || (rules.knocking() && KNOCK.equals(joinRule))) {
                if (INVITE.equals(current) || JOIN.equals(current)) {
                    return allow(n(m, j, n.jInvite), "join_rule is " + joinRule + " and " + sender + " is "
                            + current);
                }
            }
            // 4.3.5 (v8+) If the join_rule is restricted (v10+: or knock_restricted):
            if (rules.restrictedJoins()
                    && (RESTRICTED.equals(joinRule) || (rules.knockRestricted() && KNOCK_RESTRICTED.equals(joinRule)))) {
                // 4.3.5.1 If membership state is join or invite, allow.
                if (JOIN.equals(current) || INVITE.equals(current)) {
                    return allow(n(m, j, n.jRestricted, 1), "join_rule is " + joinRule + " and " + sender + " is "
                            + current);
                }
                // 4.3.5.2 If the join_authorised_via_users_server key in content is not a user with
                // sufficient permission to invite other users or is not a joined member of the
                // room, reject.
                String r = n(m, j, n.jRestricted, 2);
                JsonNode via = content.get(AUTHORISING_USER);
                if (via == null || !via.isTextual()) {
                    return reject(r, "join_rule is " + joinRule + ", " + sender + " is "
                            + showMembership(current) + " and content." + AUTHORISING_USER
                            + " names no user (a resident server must authorise the join)");
                }
                String authoriser = via.textValue();
                String authoriserMembership = membershipOf(authoriser);
                if (!JOIN.equals(authoriserMembership)) {
                    return reject(r, "authorising user " + authoriser + " (content." + AUTHORISING_USER
                            + ") is not joined (membership " + showMembership(authoriserMembership) + ")");
                }
                long authoriserLevel = level(authoriser, r);
                long invite = invite(r);
                if (authoriserLevel < invite) {
                    return reject(r, "authorising user " + authoriser + " has power level "
                            + PowerLevels.show(authoriserLevel) + ", below the invite level " + invite);
                }
                // 4.3.5.3 Otherwise, allow.
                return allow(n(m, j, n.jRestricted, 3), "join_rule is " + joinRule + " and joined user "
                        + authoriser + " who may invite authorised the join");
            }
            // 4.3.6 If the join_rule is public, allow.
            if (PUBLIC.equals(joinRule)) {
                return allow(n(m, j, n.jPublic), "join_rule is public");
            }
            // 4.3.7 Otherwise, reject.
            return reject(n(m, j, n.jOtherwise), "join_rule is " + describeJoinRule(joinRule) + " and " + sender
                    + "'s membership is " + showMembership(current) + joinHint(joinRule));
        }

        String joinHint(String joinRule) {
            if (INVITE.equals(joinRule) || (rules.knocking() && KNOCK.equals(joinRule))) {
                return " (joining needs an invite, or to be joined already)";
            }
            if ((KNOCK.equals(joinRule) && !rules.knocking())
                    || (RESTRICTED.equals(joinRule) && !rules.restrictedJoins())
                    || (KNOCK_RESTRICTED.equals(joinRule) && !rules.knockRestricted())) {
                return " (room version " + rules.version() + " does not support the " + joinRule
                        + " join rule, so it admits no one)";
            }
            return " (only invite" + (rules.knocking() ? "/knock" : "") + (rules.restrictedJoins() ? ", restricted" : "")
                    + (rules.knockRestricted() ? ", knock_restricted" : "") + " and public join rules admit joins)";
        }

        Decision invite() {
            int m = n.member;
            int i = n.mInvite;
            String target = stateKey;
            String targetMembership = membershipOf(target);
            // 4.4.1 If content has a third_party_invite property:
            if (content.has("third_party_invite")) {
                // 4.4.1.1 If target user is banned, reject.
                if (BAN.equals(targetMembership)) {
                    return reject(n(m, i, 1, 1), "target " + target + " is banned");
                }
                // 4.4.1.2 If content.third_party_invite does not have a signed property, reject.
                JsonNode tpi = content.get("third_party_invite");
                JsonNode signed = tpi.isObject() ? tpi.get("signed") : null;
                if (signed == null) {
                    return reject(n(m, i, 1, 2), "content.third_party_invite has no signed property");
                }
                // 4.4.1.3 If signed does not have mxid and token properties, reject.
                JsonNode mxid = signed.isObject() ? signed.get("mxid") : null;
                JsonNode token = signed.isObject() ? signed.get("token") : null;
                if (mxid == null || token == null) {
                    return reject(n(m, i, 1, 3), "content.third_party_invite.signed lacks "
                            + (mxid == null && token == null ? "mxid and token" : mxid == null ? "mxid" : "token"));
                }
                // 4.4.1.4 If mxid does not match state_key, reject.
                if (!mxid.isTextual() || !mxid.textValue().equals(target)) {
                    return reject(n(m, i, 1, 4), "signed.mxid " + mxid + " is not the state_key " + show(target));
                }
                // 4.4.1.5 If there is no m.room.third_party_invite event in the current room state
                // with state_key matching token, reject.
                AuthEvent tpiEvent = token.isTextual() ? state.get(THIRD_PARTY_INVITE, token.textValue()) : null;
                if (tpiEvent == null) {
                    return reject(n(m, i, 1, 5), "there is no m.room.third_party_invite event with state_key "
                            + token + " (signed.token)");
                }
                // 4.4.1.6 If sender does not match sender of the m.room.third_party_invite, reject.
                if (!Objects.equals(sender, tpiEvent.sender())) {
                    return reject(n(m, i, 1, 6), "sender " + sender + " is not the sender "
                            + tpiEvent.sender() + " of m.room.third_party_invite " + tpiEvent.eventId());
                }
                // 4.4.1.7 If any signature in signed matches any public key in the
                // m.room.third_party_invite event, allow.
                ThirdPartyInviteSignatures.Result sig =
                        ThirdPartyInviteSignatures.check(signed, tpiEvent.content(), ed25519);
                if (sig.matched()) {
                    return allow(n(m, i, 1, 7), sig.detail());
                }
                // 4.4.1.8 Otherwise, reject.
                return reject(n(m, i, 1, 8), sig.detail());
            }
            // 4.4.2 If the sender's current membership state is not join, reject.
            String senderMembership = membershipOf(sender);
            if (!JOIN.equals(senderMembership)) {
                return reject(n(m, i, 2), "inviter " + sender + " is not joined (membership "
                        + showMembership(senderMembership) + ")");
            }
            // 4.4.3 If target user's current membership state is join or ban, reject.
            if (JOIN.equals(targetMembership) || BAN.equals(targetMembership)) {
                return reject(n(m, i, 3), "target " + target + " is already " + (JOIN.equals(targetMembership)
                        ? "joined" : "banned"));
            }
            // 4.4.4 If the sender's power level is greater than or equal to the invite level, allow.
            String r = n(m, i, 4);
            long senderLevel = level(sender, r);
            long invite = invite(r);
            if (senderLevel >= invite) {
                return allow(r, "inviter's power level " + PowerLevels.show(senderLevel) + " reaches the invite level "
                        + invite);
            }
            // 4.4.5 Otherwise, reject.
            return reject(n(m, i, 5), "inviter " + sender + " has power level " + PowerLevels.show(senderLevel)
                    + ", below the invite level " + invite);
        }

        Decision leave() {
            int m = n.member;
            int l = n.mLeave;
            String target = stateKey;
            // 4.5.1 If the sender matches state_key, allow if and only if that user's current
            // membership state is invite, join, or knock (v1-6: invite or join).
            if (target.equals(sender)) {
                String current = membershipOf(sender);
                boolean ok = INVITE.equals(current) || JOIN.equals(current)
                        || (rules.knocking() && KNOCK.equals(current));
                String known = rules.knocking() ? "invite, join or knock" : "invite or join";
                return ok ? allow(n(m, l, 1), sender + " leaves from " + current)
                        : reject(n(m, l, 1), sender + " can only leave from " + known + "; membership is "
                                + showMembership(current));
            }
            // 4.5.2 If the sender's current membership state is not join, reject.
            String senderMembership = membershipOf(sender);
            if (!JOIN.equals(senderMembership)) {
                return reject(n(m, l, 2), "sender " + sender + " is not joined (membership "
                        + showMembership(senderMembership) + "), so cannot kick or unban " + target);
            }
            // 4.5.3 If the target user's current membership state is ban, and the sender's power
            // level is less than the ban level, reject.
            String r3 = n(m, l, 3);
            String r4 = n(m, l, 4);
            boolean targetBanned = BAN.equals(membershipOf(target));
            long senderLevel = level(sender, targetBanned ? r3 : r4);
            if (targetBanned) {
                long ban = ban(r3);
                if (senderLevel < ban) {
                    return reject(r3, target + " is banned and sender " + sender + " has power level "
                            + PowerLevels.show(senderLevel) + ", below the ban level " + ban + " needed to unban");
                }
            }
            // 4.5.4 If the sender's power level is greater than or equal to the kick level, and the
            // target user's power level is less than the sender's power level, allow.
            long kick = kick(r4);
            long targetLevel = level(target, r4);
            if (senderLevel >= kick && targetLevel < senderLevel) {
                return allow(r4, "sender's power level " + PowerLevels.show(senderLevel) + " reaches the kick level "
                        + kick + " and exceeds the target's " + PowerLevels.show(targetLevel));
            }
            // 4.5.5 Otherwise, reject.
            return reject(n(m, l, 5), senderLevel < kick
                    ? "sender " + sender + " has power level " + PowerLevels.show(senderLevel) + ", below the kick level "
                            + kick
                    : "sender " + sender + "'s power level " + PowerLevels.show(senderLevel) + " is not above target "
                            + target + "'s " + PowerLevels.show(targetLevel));
        }

        Decision ban() {
            int m = n.member;
            int b = n.mBan;
            String target = stateKey;
            // 4.6.1 If the sender's current membership state is not join, reject.
            String senderMembership = membershipOf(sender);
            if (!JOIN.equals(senderMembership)) {
                return reject(n(m, b, 1), "sender " + sender + " is not joined (membership "
                        + showMembership(senderMembership) + ")");
            }
            // 4.6.2 If the sender's power level is greater than or equal to the ban level, and the
            // target user's power level is less than the sender's power level, allow.
            String r = n(m, b, 2);
            long senderLevel = level(sender, r);
            long ban = ban(r);
            long targetLevel = level(target, r);
            if (senderLevel >= ban && targetLevel < senderLevel) {
                return allow(r, "sender's power level " + PowerLevels.show(senderLevel) + " reaches the ban level "
                        + ban + " and exceeds the target's " + PowerLevels.show(targetLevel));
            }
            // 4.6.3 Otherwise, reject.
            return reject(n(m, b, 3), senderLevel < ban
                    ? "sender " + sender + " has power level " + PowerLevels.show(senderLevel) + ", below the ban level "
                            + ban
                    : "sender " + sender + "'s power level " + PowerLevels.show(senderLevel) + " is not above target "
                            + target + "'s " + PowerLevels.show(targetLevel));
        }

        Decision knock() {
            int m = n.member;
            int k = n.mKnock;
            // 4.7.1 If the join_rule is anything other than knock (v10+: or knock_restricted), reject.
            String joinRule = joinRule();
            if (!(KNOCK.equals(joinRule) || (rules.knockRestricted() && KNOCK_RESTRICTED.equals(joinRule)))) {
                return reject(n(m, k, 1), "join_rule is " + describeJoinRule(joinRule) + "; knocking needs knock"
                        + (rules.knockRestricted() ? " or knock_restricted" : ""));
            }
            // 4.7.2 If sender does not match state_key, reject.
            if (!stateKey.equals(sender)) {
                return reject(n(m, k, 2), "sender " + sender + " cannot knock on behalf of " + stateKey);
            }
            // 4.7.3 If the sender's current membership is not ban, invite, or join, allow.
            String current = membershipOf(sender);
            if (!BAN.equals(current) && !INVITE.equals(current) && !JOIN.equals(current)) {
                return allow(n(m, k, 3), sender + " knocks from membership " + showMembership(current));
            }
            // 4.7.4 Otherwise, reject.
            return reject(n(m, k, 4), sender + " cannot knock while " + current);
        }

        // --- rule 9: m.room.power_levels ---------------------------------------------------------

        Decision powerLevelsRule() {
            int p = n.powerLevels;
            if (rules.integerPowerLevels()) {
                // 9.1 (v10+) If any of the properties users_default, events_default, state_default,
                // ban, redact, kick, or invite in content are present and not an integer, reject.
                for (String f : LEVEL_FIELDS) {
                    JsonNode v = content.get(f);
                    if (v != null && !PowerLevels.isJsonInteger(v)) {
                        return reject(n(p, n.plIntegers), "content." + f + " = " + v + " is not an integer"
                                + " (room version " + rules.version() + " accepts no strings or floats)");
                    }
                }
                // 9.2 (v10+) If either of the properties events or notifications in content are
                // present and not an object with values that are integers, reject.
                for (String f : new String[] {"events", "notifications"}) {
                    JsonNode v = content.get(f);
                    if (v == null) {
                        continue;
                    }
                    if (!v.isObject()) {
                        return reject(n(p, n.plMaps), "content." + f + " is not an object");
                    }
                    for (Map.Entry<String, JsonNode> e : v.properties()) {
                        if (!PowerLevels.isJsonInteger(e.getValue())) {
                            return reject(n(p, n.plMaps), "content." + f + "[\"" + e.getKey() + "\"] = " + e.getValue()
                                    + " is not an integer");
                        }
                    }
                }
            }
            // 9.1 / 9.3 (v10+) If the users property in content is not an object with keys that are
            // valid user IDs with values that are integers (v1-9: "or a string that is an
            // integer"), reject.
            JsonNode users = content.get("users");
            if (users != null) {
                String r = n(p, n.plUsers);
                if (!users.isObject()) {
                    return reject(r, "content.users is not an object");
                }
                for (Map.Entry<String, JsonNode> e : users.properties()) {
                    if (!Identifiers.isValidUserId(e.getKey())) {
                        return reject(r, "content.users key " + show(e.getKey()) + " is not a valid user ID");
                    }
                    if (PowerLevels.parse(e.getValue(), rules) == null) {
                        return reject(r, "content.users[\"" + e.getKey() + "\"] = " + e.getValue()
                                + " is not an integer (room version " + rules.version() + " accepts "
                                + PowerLevels.accepted(rules) + ")");
                    }
                }
            }
            // 10.4 (v12) If the users property in content contains the sender of the m.room.create
            // event or any of the additional_creators array (if present) from the content of the
            // m.room.create event, reject.
            if (rules.infiniteCreators() && users != null) {
                for (String c : PowerLevels.creatorsOf(rules, create)) {
                    if (users.has(c)) {
                        return reject(n(p, n.plCreators), "content.users lists room creator " + c
                                + "; creators have infinite power and cannot be given a level");
                    }
                }
            }
            // 9.2 / 9.4 If there is no previous m.room.power_levels event in the room, allow.
            AuthEvent previous = state.powerLevels();
            if (previous == null) {
                return allow(n(p, n.plNoPrevious), "first m.room.power_levels event of the room");
            }
            JsonNode old = previous.content();
            String rFields = n(p, n.plFields);
            long senderLevel = level(sender, rFields);
            String who = "sender " + sender + " (power level " + PowerLevels.show(senderLevel) + ")";

            // 9.3 / 9.5 For the properties users_default, events_default, state_default, ban,
            // redact, kick, invite check if they were added, changed or removed. For each found
            // alteration:
            //   1. If the current value is higher than the sender's current power level, reject.
            //   2. If the new value is higher than the sender's current power level, reject.
            for (String f : LEVEL_FIELDS) {
                JsonNode ov = old.get(f);
                JsonNode nv = content.get(f);
                Long o = readOld(ov, previous, f, rFields);
                Long nw = readNew(nv, f, rFields);
                if (o == null && nw == null || (o != null && o.equals(nw))) {
                    continue;
                }
                if (o != null && o > senderLevel) {
                    return reject(n(p, n.plFields, 1), who + " cannot change " + f + ": its current value " + o
                            + " is above the sender's level");
                }
                if (nw != null && nw > senderLevel) {
                    return reject(n(p, n.plFields, 2), who + " cannot set " + f + " to " + nw
                            + ", above the sender's level");
                }
            }

            String[] maps = rules.notificationsInPowerLevels()
                    ? new String[] {"events", "notifications"} : new String[] {"events"};
            // 9.4 / 9.6 For each entry being changed in, or removed from, the events or
            // notifications (v6+) properties: If the current value is greater than the sender's
            // current power level, reject.
            String rEventsOld = n(p, n.plEventsOld);
            String rEventsNew = n(p, n.plEventsNew);
            for (String f : maps) {
                Map<String, Long> om = readMap(old.get(f), previous, f, rEventsOld, true);
                Map<String, Long> nm = readMap(content.get(f), null, f, rEventsOld, false);
                for (Map.Entry<String, Long> e : om.entrySet()) {
                    Long nv = nm.get(e.getKey());
                    if (!e.getValue().equals(nv) && e.getValue() > senderLevel) {
                        return reject(rEventsOld, who + " cannot " + (nv == null ? "remove " : "change ") + f + "[\""
                                + e.getKey() + "\"]: its current value " + e.getValue() + " is above the sender's level");
                    }
                }
                // 9.5 / 9.7 For each entry being added to, or changed in, the events or
                // notifications (v6+) properties: If the new value is greater than the sender's
                // current power level, reject.
                for (Map.Entry<String, Long> e : nm.entrySet()) {
                    Long ov = om.get(e.getKey());
                    if (!e.getValue().equals(ov) && e.getValue() > senderLevel) {
                        return reject(rEventsNew, who + " cannot set " + f + "[\"" + e.getKey() + "\"] to "
                                + e.getValue() + ", above the sender's level");
                    }
                }
            }
            // 9.6 / 9.8 For each entry being changed in, or removed from, the users property, other
            // than the sender's own entry: If the current value is greater than or equal to the
            // sender's current power level, reject.
            String rUsersOld = n(p, n.plUsersOld);
            String rUsersNew = n(p, n.plUsersNew);
            Map<String, Long> ou = readMap(old.get("users"), previous, "users", rUsersOld, true);
            Map<String, Long> nu = readMap(users, null, "users", rUsersOld, false);
            for (Map.Entry<String, Long> e : ou.entrySet()) {
                if (e.getKey().equals(sender)) {
                    continue;
                }
                Long nv = nu.get(e.getKey());
                if (!e.getValue().equals(nv) && e.getValue() >= senderLevel) {
                    return reject(rUsersOld, who + " cannot " + (nv == null ? "remove" : "change") + " the level of "
                            + e.getKey() + ", currently " + e.getValue() + ", not below the sender's level");
                }
            }
            // 9.7 / 9.9 For each entry being added to, or changed in, the users property: If the new
            // value is greater than the sender's current power level, reject.
            for (Map.Entry<String, Long> e : nu.entrySet()) {
                Long ov = ou.get(e.getKey());
                if (!e.getValue().equals(ov) && e.getValue() > senderLevel) {
                    return reject(rUsersNew, who + " cannot give " + e.getKey() + " power level " + e.getValue()
                            + ", above the sender's level");
                }
            }
            // 9.8 / 9.10 Otherwise, allow.
            return allow(n(p, n.plOtherwise), "every change is within the power of " + who);
        }

        /** A level of the current power levels event, or null when absent; rejects when unreadable. */
        Long readOld(JsonNode v, AuthEvent previous, String where, String rule) {
            if (!PowerLevels.present(v)) {
                return null;
            }
            Long l = PowerLevels.parse(v, rules);
            if (l == null) {
                throw new Rejection(reject(rule, "the current m.room.power_levels event " + previous.eventId()
                        + " has " + where + " = " + v + ", which room version " + rules.version()
                        + " cannot read as a power level (" + PowerLevels.accepted(rules) + "), so the change cannot be"
                        + " compared"));
            }
            return l;
        }

        /** A level of the new content, or null when absent; rejects when unreadable. */
        Long readNew(JsonNode v, String where, String rule) {
            if (!PowerLevels.present(v)) {
                return null;
            }
            Long l = PowerLevels.parse(v, rules);
            if (l == null) {
                throw new Rejection(reject(rule, "content." + where + " = " + v + " is not a power level in room version "
                        + rules.version() + " (" + PowerLevels.accepted(rules) + ")"));
            }
            return l;
        }

        /** A map of levels ({@code events}, {@code notifications}, {@code users}); absent = empty. */
        Map<String, Long> readMap(JsonNode v, AuthEvent previous, String name, String rule, boolean isOld) {
            Map<String, Long> out = new HashMap<>();
            if (!PowerLevels.present(v)) {
                return out;
            }
            if (!v.isObject()) {
                throw new Rejection(reject(rule, (isOld ? "the current m.room.power_levels event " + previous.eventId()
                        + " has " : "content.") + name + " = " + v + ", not an object of power levels"));
            }
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                String where = name + "[\"" + e.getKey() + "\"]";
                Long l = isOld ? readOld(e.getValue(), previous, where, rule) : readNew(e.getValue(), where, rule);
                if (l != null) {
                    out.put(e.getKey(), l);
                }
            }
            return out;
        }

        // --- rule 11 (v1-2): m.room.redaction -----------------------------------------------------

        Decision redactionRule() {
            int r = n.redaction;
            // 11.1 If the sender's power level is greater than or equal to the redact level, allow.
            long senderLevel = level(sender, n(r, 1));
            long redact = redact(n(r, 1));
            if (senderLevel >= redact) {
                return allow(n(r, 1), "sender's power level " + PowerLevels.show(senderLevel)
                        + " reaches the redact level " + redact);
            }
            // 11.2 If the domain of the event_id of the event being redacted is the same as the
            // domain of the event_id of the m.room.redaction, allow.
            String redacts = event.redacts();
            String targetDomain = domain(redacts);
            String ownDomain = domain(event.eventId());
            if (targetDomain != null && targetDomain.equals(ownDomain)) {
                return allow(n(r, 2), "the redacted event " + redacts + " comes from the redaction's own domain "
                        + ownDomain);
            }
            // 11.3 Otherwise, reject.
            return reject(n(r, 3), "sender " + sender + " has power level " + PowerLevels.show(senderLevel)
                    + ", below the redact level " + redact + ", and the redacted event " + show(redacts)
                    + " is not from the redaction's domain " + show(ownDomain));
        }

        // --- helpers -----------------------------------------------------------------------------

        PowerLevels levels() {
            if (levels == null) {
                levels = PowerLevels.of(rules, state);
            }
            return levels;
        }

        long level(String user, String rule) {
            try {
                return levels().userLevel(user);
            } catch (PowerLevels.UnreadablePowerLevelException e) {
                throw new Rejection(reject(rule, e.getMessage()));
            }
        }

        long invite(String rule) {
            try {
                return levels().inviteLevel();
            } catch (PowerLevels.UnreadablePowerLevelException e) {
                throw new Rejection(reject(rule, e.getMessage()));
            }
        }

        long kick(String rule) {
            try {
                return levels().kickLevel();
            } catch (PowerLevels.UnreadablePowerLevelException e) {
                throw new Rejection(reject(rule, e.getMessage()));
            }
        }

        long ban(String rule) {
            try {
                return levels().banLevel();
            } catch (PowerLevels.UnreadablePowerLevelException e) {
                throw new Rejection(reject(rule, e.getMessage()));
            }
        }

        long redact(String rule) {
            try {
                return levels().redactLevel();
            } catch (PowerLevels.UnreadablePowerLevelException e) {
                throw new Rejection(reject(rule, e.getMessage()));
            }
        }

        long required(String rule) {
            try {
                return levels().requiredLevel(type, stateKey != null);
            } catch (PowerLevels.UnreadablePowerLevelException e) {
                throw new Rejection(reject(rule, e.getMessage()));
            }
        }

        String requiredSource() {
            AuthEvent pl = state.powerLevels();
            if (pl == null) {
                return " (default " + (stateKey != null ? "state_default" : "events_default")
                        + ", no m.room.power_levels event)";
            }
            JsonNode events = pl.content().get("events");
            if (events != null && events.isObject() && PowerLevels.present(events.get(type))) {
                return " (events[\"" + type + "\"])";
            }
            return " (" + (stateKey != null ? "state_default" : "events_default") + ")";
        }

        /** {@code content.membership} of the user's current m.room.member event, or null. */
        String membershipOf(String user) {
            AuthEvent m = state.member(user);
            return m == null ? null : m.membership();
        }

        /**
         * The join rule: {@code content.join_rule} of the m.room.join_rules event; "invite" when
         * there is no such event or it has no join_rule; "" (matching nothing) when not a string.
         */
        String joinRule() {
            AuthEvent jr = state.joinRules();
            if (jr == null) {
                return INVITE;
            }
            JsonNode v = jr.content().get("join_rule");
            if (v == null) {
                return INVITE;
            }
            return v.isTextual() ? v.textValue() : "";
        }

        String describeJoinRule(String joinRule) {
            AuthEvent jr = state.joinRules();
            if (jr == null) {
                return "invite (no m.room.join_rules event)";
            }
            JsonNode v = jr.content().get("join_rule");
            if (v == null) {
                return "invite (m.room.join_rules has no join_rule)";
            }
            return v.isTextual() ? v.textValue() : "not a string (" + v + ")";
        }

        String showMembership(String membership) {
            return membership == null ? "none" : membership;
        }
    }
}
