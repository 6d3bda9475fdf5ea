package org.hotroom.logic.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Power levels as the rules read them from a state: the {@code m.room.power_levels} event, its
 * defaults, the room creator(s), and how a value is read in each room version.
 *
 * <p>Spec text applied (server-server API "Definitions", {@code m.room.power_levels} schema and
 * the room version pages):
 * <ul>
 *   <li>a user's level is {@code users[user]}, else {@code users_default}, else 0;</li>
 *   <li>with no {@code m.room.power_levels} event, the creator has 100 and everyone else 0
 *       (v1–10: the creator is {@code content.creator} of the create event; v11: its
 *       {@code sender});</li>
 *   <li>v12: the creators (the create event's {@code sender} and {@code additional_creators}) have
 *       infinite power, whatever the power levels say; {@link #INFINITE} stands for it;</li>
 *   <li>invite level defaults to 0; kick, ban, redact to 50; {@code state_default} to 50;
 *       {@code events_default} to 0 (also when there is no power levels event);</li>
 *   <li>values: integers; v1–9 also strings holding an integer ("v1-stringy-power-levels":
 *       optional surrounding whitespace, one optional sign, base-10 digits with any leading zeros);
 *       v1–5 also floats, truncated toward zero ("v1-floaty-power-levels").</li>
 * </ul>
 *
 * <p>A value this room version cannot read makes {@link UnreadablePowerLevelException} (the rules
 * turn it into a rejection naming the rule that needed the value). Finite levels are kept within
 * {@code [Long.MIN_VALUE + 1, Long.MAX_VALUE - 1]} (saturating the rare v1–5 float beyond that), so
 * that {@link #INFINITE} is above every finite level.
 */
public final class PowerLevels {

    /** The power of a v12 room creator: above every level a power levels event can give. */
    public static final long INFINITE = Long.MAX_VALUE;

    static final long MAX_FINITE = Long.MAX_VALUE - 1;
    static final long MIN_FINITE = Long.MIN_VALUE + 1;

    public static final int DEFAULT_USERS = 0;
    public static final int DEFAULT_EVENTS = 0;
    public static final int DEFAULT_STATE = 50;
    public static final int DEFAULT_INVITE = 0;
    public static final int DEFAULT_KICK = 50;
    public static final int DEFAULT_BAN = 50;
    public static final int DEFAULT_REDACT = 50;
    /** The creator's level when the room has no power levels event (room versions 1–11). */
    public static final int CREATOR_WITHOUT_POWER_LEVELS = 100;

    /** Thrown when a value in the current power levels cannot be read as a power level. */
    public static final class UnreadablePowerLevelException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadablePowerLevelException(String message) {
            super(message);
        }
    }

    private final RuleSet rules;
    private final AuthEvent event;
    private final JsonNode content;
    private final AuthEvent create;
    private final Set<String> creators;

    private PowerLevels(RuleSet rules, AuthEvent event, AuthEvent create) {
        this.rules = rules;
        this.event = event;
        this.content = event == null ? null : event.content();
        this.create = create;
        this.creators = creatorsOf(rules, create);
    }

    /** The power levels in {@code state} (its {@code m.room.power_levels} and {@code m.room.create} events). */
    public static PowerLevels of(RuleSet rules, AuthState state) {
        return new PowerLevels(rules, state.powerLevels(), state.create());
    }

    /** The power levels event these levels come from, or null when the room has none. */
    public AuthEvent event() {
        return event;
    }

    /**
     * v12: the room creators (create event's sender, then its valid {@code additional_creators});
     * earlier versions: empty (they have a creator, but no infinite power).
     */
    public Set<String> creators() {
        return creators;
    }

    static Set<String> creatorsOf(RuleSet rules, AuthEvent create) {
        if (!rules.infiniteCreators() || create == null) {
            return Collections.emptySet();
        }
        Set<String> s = new LinkedHashSet<>();
        if (create.sender() != null) {
            s.add(create.sender());
        }
        JsonNode extra = create.content().get("additional_creators");
        if (extra != null && extra.isArray()) {
            for (JsonNode c : extra) {
                if (c.isTextual()) {
                    s.add(c.textValue());
                }
            }
        }
        return Collections.unmodifiableSet(s);
    }

    /**
     * The creator who gets level 100 when there is no power levels event (v1–10:
     * {@code content.creator} of the create event, v11+: its {@code sender}), or null.
     */
    static String creatorOf(RuleSet rules, AuthEvent create) {
        if (create == null) {
            return null;
        }
        if (rules.creatorIsSender()) {
            return create.sender();
        }
        JsonNode c = create.content().get("creator");
        return c != null && c.isTextual() ? c.textValue() : null;
    }

    /** The power level of {@code userId}: {@link #INFINITE} for a v12 creator. */
    public long userLevel(String userId) {
        if (userId != null && creators.contains(userId)) {
            return INFINITE;
        }
        if (content == null) {
            if (!rules.infiniteCreators() && userId != null && userId.equals(creatorOf(rules, create))) {
                return CREATOR_WITHOUT_POWER_LEVELS;
            }
            return DEFAULT_USERS;
        }
        JsonNode users = content.get("users");
        if (users != null && users.isObject()) {
            JsonNode v = users.get(userId);
            if (present(v)) {
                return read(v, "users[\"" + userId + "\"]");
            }
        }
        return named("users_default", DEFAULT_USERS);
    }

    public long inviteLevel() {
        return named("invite", DEFAULT_INVITE);
    }

    public long kickLevel() {
        return named("kick", DEFAULT_KICK);
    }

    public long banLevel() {
        return named("ban", DEFAULT_BAN);
    }

    public long redactLevel() {
        return named("redact", DEFAULT_REDACT);
    }

    /**
     * The event type's required power level: {@code events[type]}, else {@code state_default}
     * (state events) or {@code events_default} (others).
     */
    public long requiredLevel(String type, boolean isState) {
        if (content != null) {
            JsonNode events = content.get("events");
            if (events != null && events.isObject() && type != null) {
                JsonNode v = events.get(type);
                if (present(v)) {
                    return read(v, "events[\"" + type + "\"]");
                }
            }
        }
        return isState ? named("state_default", DEFAULT_STATE) : named("events_default", DEFAULT_EVENTS);
    }

    private long named(String name, long dflt) {
        if (content == null) {
            return dflt;
        }
        JsonNode v = content.get(name);
        return present(v) ? read(v, name) : dflt;
    }

    private long read(JsonNode v, String where) {
        Long l = parse(v, rules);
        if (l == null) {
            throw new UnreadablePowerLevelException("the current m.room.power_levels event " + event.eventId()
                    + " has " + where + " = " + v + ", which is not a power level in room version "
                    + rules.version() + " (" + accepted(rules) + ")");
        }
        return l;
    }

    /** Present for reading: a value other than JSON null. */
    static boolean present(JsonNode v) {
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    /** What this room version accepts as a power level value, for reasons. */
    static String accepted(RuleSet rules) {
        if (rules.integerPowerLevels()) {
            return "integers only";
        }
        if (rules.floatPowerLevels()) {
            return "integers, integer strings or floats";
        }
        return "integers or integer strings";
    }

    /** A level as shown in a reason. */
    static String show(long level) {
        return level == INFINITE ? "infinite (room creator)" : Long.toString(level);
    }

    /**
     * Reads a power level value as room version {@code rules} allows, or null when it is not one.
     * v10+: a JSON integer. v1–9: also a string holding an integer. v1–5: also a float, truncated.
     */
    public static Long parse(JsonNode v, RuleSet rules) {
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong()) {
                return clamp(v.longValue());
            }
            return v.bigIntegerValue().signum() > 0 ? MAX_FINITE : MIN_FINITE;
        }
        if (v.isTextual()) {
            return rules.stringPowerLevels() ? parseIntegerString(v.textValue()) : null;
        }
        if (v.isFloatingPointNumber()) {
            if (!rules.floatPowerLevels()) {
                return null;
            }
            if (v.isBigDecimal()) {
                return clamp(v.decimalValue().toBigInteger());
            }
            double d = v.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return clamp(new BigDecimal(d).toBigInteger());
        }
        return null;
    }

    /** True when {@code v} is a JSON integer (what v10+ demand). */
    static boolean isJsonInteger(JsonNode v) {
        return v != null && v.isIntegralNumber();
    }

    /**
     * "v1-stringy-power-levels": any leading/trailing whitespace, an optional single {@code +} or
     * {@code -}, then one or more base-10 digits (leading zeros allowed). Null when not so.
     */
    static Long parseIntegerString(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        boolean negative = false;
        if (a < b && (s.charAt(a) == '+' || s.charAt(a) == '-')) {
            negative = s.charAt(a) == '-';
            a++;
        }
        if (a == b) {
            return null;
        }
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        BigInteger i = new BigInteger(s.substring(a, b));
        return clamp(negative ? i.negate() : i);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static long clamp(long l) {
        return Math.max(MIN_FINITE, Math.min(MAX_FINITE, l));
    }

    private static long clamp(BigInteger i) {
        if (i.bitLength() < 64) {
            return clamp(i.longValue());
        }
        return i.signum() > 0 ? MAX_FINITE : MIN_FINITE;
    }
}
