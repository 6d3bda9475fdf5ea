package org.hotroom.api.storage;

import java.util.List;

/**
 * Numeric IDs that are the same on every hotroom server, forever: the common event types and the
 * empty state key. They are part of the on-disk format, so an entry here never changes or goes
 * away; new ones may only be added below {@link #FIRST_DYNAMIC}.
 *
 * <p>Why preassigned: the logic can compare a type against a constant instead of looking it up,
 * and the hottest state keys ({@code (m.room.member, user)}, {@code (m.room.power_levels, "")})
 * get the smallest numbers, which the compact state encodings reward.
 *
 * <p>{@link Interner#intern}, {@link Interner#find} and {@link Interner#lookup} know these without
 * touching the disk.
 */
public final class WellKnown {

    public static final long M_ROOM_CREATE = 1;
    public static final long M_ROOM_MEMBER = 2;
    public static final long M_ROOM_POWER_LEVELS = 3;
    public static final long M_ROOM_JOIN_RULES = 4;
    public static final long M_ROOM_HISTORY_VISIBILITY = 5;
    public static final long M_ROOM_NAME = 6;
    public static final long M_ROOM_TOPIC = 7;
    public static final long M_ROOM_AVATAR = 8;
    public static final long M_ROOM_CANONICAL_ALIAS = 9;
    public static final long M_ROOM_ALIASES = 10;
    public static final long M_ROOM_THIRD_PARTY_INVITE = 11;
    public static final long M_ROOM_GUEST_ACCESS = 12;
    public static final long M_ROOM_ENCRYPTION = 13;
    public static final long M_ROOM_SERVER_ACL = 14;
    public static final long M_ROOM_TOMBSTONE = 15;
    public static final long M_ROOM_PINNED_EVENTS = 16;
    public static final long M_ROOM_REDACTION = 17;
    public static final long M_ROOM_MESSAGE = 18;

    /** The state key {@code ""} (of {@code m.room.create}, {@code m.room.power_levels}, ...). */
    public static final long EMPTY_STATE_KEY = 1;

    /**
     * IDs below this are reserved for well-known strings in the {@link IdKind#EVENT_TYPE} and
     * {@link IdKind#STATE_KEY} kinds; strings interned at run time get IDs from here on. Other
     * kinds have no well-known strings and number from 1.
     */
    public static final long FIRST_DYNAMIC = 256;

    /** The well-known event types; the type at index {@code i} has ID {@code i + 1}. */
    public static final List<String> EVENT_TYPES = List.of(
            "m.room.create",
            "m.room.member",
            "m.room.power_levels",
            "m.room.join_rules",
            "m.room.history_visibility",
            "m.room.name",
            "m.room.topic",
            "m.room.avatar",
            "m.room.canonical_alias",
            "m.room.aliases",
            "m.room.third_party_invite",
            "m.room.guest_access",
            "m.room.encryption",
            "m.room.server_acl",
            "m.room.tombstone",
            "m.room.pinned_events",
            "m.room.redaction",
            "m.room.message");

    /** The well-known state keys; the key at index {@code i} has ID {@code i + 1}. */
    public static final List<String> STATE_KEYS = List.of("");

    private WellKnown() {}

    /** The preassigned ID of a string in a kind, or 0 when it has none. */
    public static long id(IdKind kind, String value) {
        List<String> table = table(kind);
        int i = table.indexOf(value);
        return i < 0 ? 0 : i + 1;
    }

    /** The string with a preassigned ID in a kind, or null when the ID is not preassigned. */
    public static String name(IdKind kind, long id) {
        List<String> table = table(kind);
        return id >= 1 && id <= table.size() ? table.get((int) id - 1) : null;
    }

    private static List<String> table(IdKind kind) {
        return switch (kind) {
            case EVENT_TYPE -> EVENT_TYPES;
            case STATE_KEY -> STATE_KEYS;
            default -> List.of();
        };
    }
}
