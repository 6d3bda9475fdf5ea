package org.hotroom.logic.room;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The room versions hotroom implements: 1 to 12, each built from its predecessor plus what the spec
 * says changed (content/rooms/vN.md). {@link #DEFAULT} follows the spec's recommendation: "Servers
 * SHOULD use room version 12 as the default room version when creating new rooms"
 * (rooms/_index "Complete list of room versions").
 */
public final class RoomVersions {

    /** rooms/v1: the initial version. */
    public static final RoomVersion V1 = RoomVersion.builder("1").build();

    /** rooms/v2: state resolution v2. */
    public static final RoomVersion V2 = RoomVersion.Builder.from("2", V1)
            .stateResolution(StateResolutionAlgorithm.V2)
            .build();

    /** rooms/v3: event IDs are reference hashes (standard base64); the redaction auth rule goes. */
    public static final RoomVersion V3 = RoomVersion.Builder.from("3", V2)
            .eventFormat(EventFormat.V2)
            .redactionAuthRule(false)
            .build();

    /** rooms/v4: URL-safe base64 event IDs. */
    public static final RoomVersion V4 = RoomVersion.Builder.from("4", V3)
            .eventFormat(EventFormat.V3)
            .build();

    /** rooms/v5: signing key validity periods are enforced. */
    public static final RoomVersion V5 = RoomVersion.Builder.from("5", V4)
            .enforceSigningKeyValidity(true)
            .build();

    /**
     * rooms/v6: strict canonical JSON (no floats, 2^53 depth limit), no {@code m.room.aliases}
     * special case (auth and redaction), {@code notifications} in power level auth.
     */
    public static final RoomVersion V6 = RoomVersion.Builder.from("6", V5)
            .strictCanonicalJson(true)
            .floatPowerLevels(false)
            .specialCaseAliasesAuth(false)
            .notificationsPowerLevelsAuth(true)
            .redaction(RedactionRules.V6)
            .build();

    /** rooms/v7: knocking. */
    public static final RoomVersion V7 = RoomVersion.Builder.from("7", V6)
            .knocking(true)
            .build();

    /** rooms/v8: restricted join rule; join rules keep {@code allow} on redaction. */
    public static final RoomVersion V8 = RoomVersion.Builder.from("8", V7)
            .restrictedJoinRule(true)
            .redaction(RedactionRules.V8)
            .build();

    /** rooms/v9: member events keep {@code join_authorised_via_users_server} on redaction. */
    public static final RoomVersion V9 = RoomVersion.Builder.from("9", V8)
            .redaction(RedactionRules.V9)
            .build();

    /** rooms/v10: integer-only power levels; {@code knock_restricted} join rule. */
    public static final RoomVersion V10 = RoomVersion.Builder.from("10", V9)
            .stringPowerLevels(false)
            .knockRestrictedJoinRule(true)
            .build();

    /**
     * rooms/v11: new redaction algorithm, {@code creator} removed from create events (the sender is
     * the creator), {@code redacts} moved into the content of redaction events.
     */
    public static final RoomVersion V11 = RoomVersion.Builder.from("11", V10)
            .redaction(RedactionRules.V11)
            .creatorInCreateContent(false)
            .redactsInContent(true)
            .build();

    /**
     * rooms/v12: room IDs are create event hashes, room creators are privileged, state resolution
     * v2.1. The redaction algorithm is v11's ("Unchanged from v11").
     */
    public static final RoomVersion V12 = RoomVersion.Builder.from("12", V11)
            .roomIdIsCreateEventHash(true)
            .roomCreatorsPrivileged(true)
            .stateResolution(StateResolutionAlgorithm.V2_1)
            .build();

    /** The version for new rooms, as the spec recommends. */
    public static final RoomVersion DEFAULT = V12;

    private static final Map<String, RoomVersion> BY_ID;

    static {
        Map<String, RoomVersion> m = new LinkedHashMap<>();
        for (RoomVersion v : List.of(V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12)) {
            m.put(v.id(), v);
        }
        BY_ID = Collections.unmodifiableMap(m);
    }

    /** The longest room version string the grammar allows, in code points (rooms/_index "Room version grammar"). */
    public static final int MAX_VERSION_LENGTH = 32;

    private RoomVersions() {}

    /** Every supported version, in order 1 to 12. */
    public static List<RoomVersion> all() {
        return List.copyOf(BY_ID.values());
    }

    /** The version named {@code id}, if supported. */
    public static Optional<RoomVersion> find(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    /**
     * The version named {@code id}.
     *
     * @throws UnknownRoomVersionException naming the version and the supported ones, and saying
     *         whether the string is not even a legal room version
     */
    public static RoomVersion get(String id) {
        RoomVersion v = id == null ? null : BY_ID.get(id);
        if (v != null) {
            return v;
        }
        if (id == null) {
            throw new UnknownRoomVersionException(null, "no room version given; supported: " + supportedList());
        }
        String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
        String why = isLegalVersionString(id) ? "unsupported room version \"" : "invalid room version \"";
        throw new UnknownRoomVersionException(id, why + shown + "\"; supported: " + supportedList());
    }

    /** "1, 2, ..., 12". */
    public static String supportedList() {
        return String.join(", ", BY_ID.keySet());
    }

    /**
     * The room version grammar (rooms/_index): 1 to 32 code points of {@code a-z 0-9 . -}.
     * Legal is not supported: {@code "com.example.v1"} is legal but unknown here.
     */
    public static boolean isLegalVersionString(String s) {
        if (s == null || s.isEmpty() || s.codePointCount(0, s.length()) > MAX_VERSION_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
