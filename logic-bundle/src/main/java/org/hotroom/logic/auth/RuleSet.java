package org.hotroom.logic.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What distinguishes the authorisation rules of one room version from another's: the room
 * version pages of the spec ("Authorisation rules" of rooms/v1 … rooms/v12) differ only in the
 * points these flags name. The room-version model maps its versions onto this with
 * {@link #forVersion}.
 *
 * @param version                    the room version string, used in rejection reasons
 * @param aliasesRule                v1–5: rule 4, {@code m.room.aliases} is allowed iff its state_key is the
 *                                   sender's domain (removed in v6)
 * @param redactionRule              v1–2: rule 11, redactions need the redact level or the same event-ID
 *                                   domain (v3 moved this to "handling redactions")
 * @param notificationsInPowerLevels v6+: rules 9.4/9.5 also compare {@code notifications}
 * @param knocking                   v7+: {@code knock} join rule and membership (rules 4.2.4, 4.4.1, 4.6)
 * @param restrictedJoins            v8+: {@code restricted} join rule and
 *                                   {@code join_authorised_via_users_server} (rules 4.2, 4.3.5)
 * @param knockRestricted            v10+: the {@code knock_restricted} join rule (rules 4.3.5, 4.7.1)
 * @param integerPowerLevels         v10+: power levels must be JSON integers (rules 9.1–9.3); earlier
 *                                   versions also accept integers written as strings
 * @param floatPowerLevels           v1–5: power levels may also be floats, truncated ("v1-floaty-power-levels")
 * @param creatorIsSender            v11+: the room creator is the create event's {@code sender} (rules
 *                                   1.4 and 4.3.1 changed); v1–10 use {@code content.creator}
 * @param createEventIsRoomId        v12: the room ID is the create event's ID; the create event has no
 *                                   {@code room_id}, is never cited in {@code auth_events} (rules 1.2, 2, 3.2)
 * @param infiniteCreators           v12: the creators ({@code sender} and {@code additional_creators} of
 *                                   the create event) have infinite power and may not appear in
 *                                   {@code users} (rules 1.4, 10.4)
 */
public record RuleSet(
        String version,
        boolean aliasesRule,
        boolean redactionRule,
        boolean notificationsInPowerLevels,
        boolean knocking,
        boolean restrictedJoins,
        boolean knockRestricted,
        boolean integerPowerLevels,
        boolean floatPowerLevels,
        boolean creatorIsSender,
        boolean createEventIsRoomId,
        boolean infiniteCreators) {

    private static final Map<String, RuleSet> KNOWN;

    static {
        Map<String, RuleSet> m = new LinkedHashMap<>();
        for (int v = 1; v <= 12; v++) {
            m.put(Integer.toString(v), new RuleSet(
                    Integer.toString(v),
                    v <= 5,
                    v <= 2,
                    v >= 6,
                    v >= 7,
                    v >= 8,
                    v >= 10,
                    v >= 10,
                    v <= 5,
                    v >= 11,
                    v >= 12,
                    v >= 12));
        }
        KNOWN = Collections.unmodifiableMap(m);
    }

    /** The rules of room version {@code version} ("1" … "12"); IllegalArgumentException for others. */
    public static RuleSet forVersion(String version) {
        RuleSet r = version == null ? null : KNOWN.get(version);
        if (r == null) {
            throw new IllegalArgumentException("no authorisation rules for room version " + version
                    + " (known: " + String.join(", ", KNOWN.keySet()) + ")");
        }
        return r;
    }

    /** True when {@code version} is a room version these rules know (rule 1.3's "recognised version"). */
    public static boolean isRecognised(String version) {
        return version != null && KNOWN.containsKey(version);
    }

    /** The recognised room versions, oldest first. */
    public static Set<String> recognisedVersions() {
        return KNOWN.keySet();
    }

    /** Every known rule set, oldest first. */
    public static List<RuleSet> all() {
        return new ArrayList<>(KNOWN.values());
    }

    /** True for v1–9, where power levels may be integers written as strings ("v1-stringy-power-levels"). */
    public boolean stringPowerLevels() {
        return !integerPowerLevels;
    }

    /** True for v1–11, where events cite the {@code m.room.create} event (rule 2.4 requires it). */
    public boolean createInAuthEvents() {
        return !createEventIsRoomId;
    }

    @Override
    public String toString() {
        return "RuleSet[v" + version + "]";
    }
}
