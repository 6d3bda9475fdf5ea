package org.hotroom.logic.room;

import org.hotroom.logic.json.CanonicalJson;

/**
 * What a room version changes, as data. One instance per version, in {@link RoomVersions}; code
 * branches on these properties, never on the version string, so a new version is a new row.
 *
 * <p>Every property names the spec text it comes from (content/rooms/vN.md and its fragments in the
 * matrix-spec repository). Versions 1 to 12 are all "stable" (rooms/_index "Complete list of room
 * versions").
 */
public final class RoomVersion {

    private final String id;
    private final boolean stable;
    private final EventFormat eventFormat;
    private final boolean roomIdIsCreateEventHash;
    private final StateResolutionAlgorithm stateResolution;
    private final RedactionRules redaction;
    private final boolean strictCanonicalJson;
    private final boolean enforceSigningKeyValidity;
    private final boolean redactionAuthRule;
    private final boolean specialCaseAliasesAuth;
    private final boolean notificationsPowerLevelsAuth;
    private final boolean knocking;
    private final boolean restrictedJoinRule;
    private final boolean knockRestrictedJoinRule;
    private final boolean stringPowerLevels;
    private final boolean floatPowerLevels;
    private final boolean creatorInCreateContent;
    private final boolean redactsInContent;
    private final boolean roomCreatorsPrivileged;

    private RoomVersion(Builder b) {
        this.id = b.id;
        this.stable = true;
        this.eventFormat = b.eventFormat;
        this.roomIdIsCreateEventHash = b.roomIdIsCreateEventHash;
        this.stateResolution = b.stateResolution;
        this.redaction = b.redaction;
        this.strictCanonicalJson = b.strictCanonicalJson;
        this.enforceSigningKeyValidity = b.enforceSigningKeyValidity;
        this.redactionAuthRule = b.redactionAuthRule;
        this.specialCaseAliasesAuth = b.specialCaseAliasesAuth;
        this.notificationsPowerLevelsAuth = b.notificationsPowerLevelsAuth;
        this.knocking = b.knocking;
        this.restrictedJoinRule = b.restrictedJoinRule;
        this.knockRestrictedJoinRule = b.knockRestrictedJoinRule;
        this.stringPowerLevels = b.stringPowerLevels;
        this.floatPowerLevels = b.floatPowerLevels;
        this.creatorInCreateContent = b.creatorInCreateContent;
        this.redactsInContent = b.redactsInContent;
        this.roomCreatorsPrivileged = b.roomCreatorsPrivileged;
    }

    /** The version string, e.g. {@code "10"}. */
    public String id() {
        return id;
    }

    /** Stable in the spec's sense (rooms/_index "Complete list of room versions"). */
    public boolean stable() {
        return stable;
    }

    /** How event IDs are formed and events reference each other. */
    public EventFormat eventFormat() {
        return eventFormat;
    }

    /**
     * Room v12 (MSC4291): the room ID is the event ID of the {@code m.room.create} event with the
     * sigil {@code !}, the create event has no {@code room_id}, and it is not listed in
     * {@code auth_events} (appendices "Room IDs"; rooms/v12 auth rules 1.2, 2 and 3.2).
     */
    public boolean roomIdIsCreateEventHash() {
        return roomIdIsCreateEventHash;
    }

    /** True when the {@code m.room.create} event must be among {@code auth_events} (v1 to v11). */
    public boolean createEventInAuthEvents() {
        return !roomIdIsCreateEventHash;
    }

    public StateResolutionAlgorithm stateResolution() {
        return stateResolution;
    }

    public RedactionRules redaction() {
        return redaction;
    }

    /**
     * Events must be canonical JSON: integers in [-(2^53)+1, 2^53-1], no floats (fragment
     * v6-canonical-json, from v6). Before, servers "MUST NOT strictly enforce" it (fragment
     * v1-canonical-json) and events may hold floats and larger integers.
     */
    public boolean strictCanonicalJson() {
        return strictCanonicalJson;
    }

    /**
     * The largest allowed {@code depth}: 2^63 - 1 before v6 (pdu_v1, pdu_v3, pdu_v4), the
     * canonical JSON limit 2^53 - 1 from v6 (components/depth_v6).
     */
    public long maxDepth() {
        return strictCanonicalJson ? CanonicalJson.MAX_SAFE_INTEGER : Long.MAX_VALUE;
    }

    /** Signing keys' {@code valid_until_ts} is enforced (fragment v5-signing-requirements, from v5). */
    public boolean enforceSigningKeyValidity() {
        return enforceSigningKeyValidity;
    }

    /**
     * Rooms v1 and v2: auth rule 11 checks {@code m.room.redaction} events (redact level, or the
     * same domain as the redacted event's {@code event_id}), and events need a signature from the
     * domain of their {@code event_id} too (fragment v3-auth-rules, "added in v3").
     */
    public boolean redactionAuthRule() {
        return redactionAuthRule;
    }

    /** Rooms v1 and v2 also require a signature from the server of the {@code event_id}. */
    public boolean requiresEventIdDomainSignature() {
        return eventFormat == EventFormat.V1;
    }

    /** Auth rule 4 of v1 to v5 for {@code m.room.aliases} (removed in v6). */
    public boolean specialCaseAliasesAuth() {
        return specialCaseAliasesAuth;
    }

    /** The power levels auth rules also check {@code notifications} (from v6). */
    public boolean notificationsPowerLevelsAuth() {
        return notificationsPowerLevelsAuth;
    }

    /** {@code knock} membership and join rule (from v7). */
    public boolean knocking() {
        return knocking;
    }

    /** {@code restricted} join rule and {@code join_authorised_via_users_server} (from v8). */
    public boolean restrictedJoinRule() {
        return restrictedJoinRule;
    }

    /** {@code knock_restricted} join rule (from v10). */
    public boolean knockRestrictedJoinRule() {
        return knockRestrictedJoinRule;
    }

    /**
     * Power level values may be strings holding an integer (fragment v1-stringy-power-levels, v1 to
     * v9). From v10, power levels must be integers and anything else is rejected by the auth rules.
     */
    public boolean stringPowerLevels() {
        return stringPowerLevels;
    }

    /** Power level values may be floats, truncated (fragment v1-floaty-power-levels, v1 to v5). */
    public boolean floatPowerLevels() {
        return floatPowerLevels;
    }

    /** Power levels must be JSON integers (v10 auth rules 9.1 to 9.3). */
    public boolean integerPowerLevels() {
        return !stringPowerLevels;
    }

    /**
     * {@code m.room.create} content carries {@code creator}, required by auth rule 1.4 and naming
     * the room creator (v1 to v10). From v11 the creator is the create event's {@code sender}.
     */
    public boolean creatorInCreateContent() {
        return creatorInCreateContent;
    }

    /**
     * {@code m.room.redaction} names its target in {@code content.redacts} (v11 and later), not in
     * the top-level {@code redacts} (rooms/v11 "Event format").
     */
    public boolean redactsInContent() {
        return redactsInContent;
    }

    /**
     * Room creators (the create event's {@code sender} plus {@code content.additional_creators})
     * have infinite power and cannot appear in {@code users} of power levels (rooms/v12, MSC4289).
     */
    public boolean roomCreatorsPrivileged() {
        return roomCreatorsPrivileged;
    }

    @Override
    public String toString() {
        return "room version " + id;
    }

    /** Room versions are singletons in {@link RoomVersions}: identity is equality. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a version from the previous one plus what changed; package-private. */
    static final class Builder {
        private String id;
        private EventFormat eventFormat = EventFormat.V1;
        private boolean roomIdIsCreateEventHash;
        private StateResolutionAlgorithm stateResolution = StateResolutionAlgorithm.V1;
        private RedactionRules redaction = RedactionRules.V1;
        private boolean strictCanonicalJson;
        private boolean enforceSigningKeyValidity;
        private boolean redactionAuthRule = true;
        private boolean specialCaseAliasesAuth = true;
        private boolean notificationsPowerLevelsAuth;
        private boolean knocking;
        private boolean restrictedJoinRule;
        private boolean knockRestrictedJoinRule;
        private boolean stringPowerLevels = true;
        private boolean floatPowerLevels = true;
        private boolean creatorInCreateContent = true;
        private boolean redactsInContent;
        private boolean roomCreatorsPrivileged;

        private Builder(String id) {
            this.id = id;
        }

        /** A copy of {@code base} under a new version string. */
        static Builder from(String id, RoomVersion base) {
            Builder b = new Builder(id);
            b.eventFormat = base.eventFormat;
            b.roomIdIsCreateEventHash = base.roomIdIsCreateEventHash;
            b.stateResolution = base.stateResolution;
            b.redaction = base.redaction;
            b.strictCanonicalJson = base.strictCanonicalJson;
            b.enforceSigningKeyValidity = base.enforceSigningKeyValidity;
            b.redactionAuthRule = base.redactionAuthRule;
            b.specialCaseAliasesAuth = base.specialCaseAliasesAuth;
            b.notificationsPowerLevelsAuth = base.notificationsPowerLevelsAuth;
            b.knocking = base.knocking;
            b.restrictedJoinRule = base.restrictedJoinRule;
            b.knockRestrictedJoinRule = base.knockRestrictedJoinRule;
            b.stringPowerLevels = base.stringPowerLevels;
            b.floatPowerLevels = base.floatPowerLevels;
            b.creatorInCreateContent = base.creatorInCreateContent;
            b.redactsInContent = base.redactsInContent;
            b.roomCreatorsPrivileged = base.roomCreatorsPrivileged;
            return b;
        }

        Builder eventFormat(EventFormat v) {
            eventFormat = v;
            return this;
        }

        Builder roomIdIsCreateEventHash(boolean v) {
            roomIdIsCreateEventHash = v;
            return this;
        }

        Builder stateResolution(StateResolutionAlgorithm v) {
            stateResolution = v;
            return this;
        }

        Builder redaction(RedactionRules v) {
            redaction = v;
            return this;
        }

        Builder strictCanonicalJson(boolean v) {
            strictCanonicalJson = v;
            return this;
        }

        Builder enforceSigningKeyValidity(boolean v) {
            enforceSigningKeyValidity = v;
            return this;
        }

        Builder redactionAuthRule(boolean v) {
            redactionAuthRule = v;
            return this;
        }

        Builder specialCaseAliasesAuth(boolean v) {
            specialCaseAliasesAuth = v;
            return this;
        }

        Builder notificationsPowerLevelsAuth(boolean v) {
            notificationsPowerLevelsAuth = v;
            return this;
        }

        Builder knocking(boolean v) {
            knocking = v;
            return this;
        }

        Builder restrictedJoinRule(boolean v) {
            restrictedJoinRule = v;
            return this;
        }

        Builder knockRestrictedJoinRule(boolean v) {
            knockRestrictedJoinRule = v;
            return this;
        }

        Builder stringPowerLevels(boolean v) {
            stringPowerLevels = v;
            return this;
        }

        Builder floatPowerLevels(boolean v) {
            floatPowerLevels = v;
            return this;
        }

        Builder creatorInCreateContent(boolean v) {
            creatorInCreateContent = v;
            return this;
        }

        Builder redactsInContent(boolean v) {
            redactsInContent = v;
            return this;
        }

        Builder roomCreatorsPrivileged(boolean v) {
            roomCreatorsPrivileged = v;
            return this;
        }

        RoomVersion build() {
            return new RoomVersion(this);
        }
    }
}
