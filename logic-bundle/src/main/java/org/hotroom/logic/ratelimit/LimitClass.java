package org.hotroom.logic.ratelimit;

/**
 * The endpoint classes that are rate limited, each with its own bucket per user (or per client
 * address where no user is known) and its own {@link Limit}. The names are the keys of the
 * host's {@code rate_limits:} config section.
 */
public enum LimitClass {
    /** {@code POST /login}, per client address. */
    LOGIN("login", false),
    /** {@code POST /register}, per client address (each step of its user-interactive auth counts). */
    REGISTRATION("registration", false),
    /** Events a user sends into rooms: {@code send}, {@code state}, {@code redact}. */
    MESSAGE("message", true),
    /** {@code POST /createRoom}. */
    CREATE_ROOM("create_room", true),
    /** Joining a room: {@code POST /rooms/{roomId}/join}, {@code POST /join/{roomIdOrAlias}}, knocks. */
    JOIN("join", true);

    private final String key;
    private final boolean perUser;

    LimitClass(String key, boolean perUser) {
        this.key = key;
        this.perUser = perUser;
    }

    /** The name in the config and in the {@code ratelimit} table's keys. */
    public String key() {
        return key;
    }

    /** True when buckets are per user (the route needs an access token); false for per address. */
    public boolean perUser() {
        return perUser;
    }
}
