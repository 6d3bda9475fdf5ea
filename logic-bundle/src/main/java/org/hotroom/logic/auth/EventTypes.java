package org.hotroom.logic.auth;

/** The event types and membership values the authorisation rules name. */
public final class EventTypes {

    public static final String CREATE = "m.room.create";
    public static final String MEMBER = "m.room.member";
    public static final String JOIN_RULES = "m.room.join_rules";
    public static final String POWER_LEVELS = "m.room.power_levels";
    public static final String THIRD_PARTY_INVITE = "m.room.third_party_invite";
    public static final String ALIASES = "m.room.aliases";
    public static final String REDACTION = "m.room.redaction";

    public static final String JOIN = "join";
    public static final String INVITE = "invite";
    public static final String LEAVE = "leave";
    public static final String BAN = "ban";
    public static final String KNOCK = "knock";

    public static final String PUBLIC = "public";
    public static final String RESTRICTED = "restricted";
    public static final String KNOCK_RESTRICTED = "knock_restricted";

    /** {@code content.join_authorised_via_users_server} of restricted joins (room versions 8+). */
    public static final String AUTHORISING_USER = "join_authorised_via_users_server";

    private EventTypes() {}
}
