package org.hotroom.logic.ratelimit;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The limit of every {@link LimitClass}, read once at activation from the framework properties
 * {@code hotroom.rate_limits.CLASS.per_second} and {@code hotroom.rate_limits.CLASS.burst}, which
 * the host sets from its config's {@code rate_limits:} section (defaults in its
 * {@code default-config.yaml}). A class without properties is not limited, so a logic used
 * without the host (unit tests, Pax Exam) has no limits.
 */
public final class RateLimits {

    /** The prefix of the framework properties. */
    public static final String PROPERTY_PREFIX = "hotroom.rate_limits.";

    /** No class is limited. */
    public static final RateLimits NONE = new RateLimits(Map.of());

    private final Map<LimitClass, Limit> limits;

    public RateLimits(Map<LimitClass, Limit> limits) {
        EnumMap<LimitClass, Limit> all = new EnumMap<>(LimitClass.class);
        for (LimitClass c : LimitClass.values()) {
            all.put(c, limits.getOrDefault(c, Limit.OFF));
        }
        this.limits = all;
    }

    public Limit of(LimitClass c) {
        return limits.get(c);
    }

    /** True when no class is limited. */
    public boolean none() {
        // a loop, not a stream with a method reference: each lambda is a class a new logic
        // generation spins at run time, on its first step
        for (Limit l : limits.values()) {
            if (!l.off()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the limits from properties; a class needs both of its properties or neither. A bad
     * value is an {@link IllegalArgumentException} naming the property (the host has checked its
     * config already, so this means someone set the property by hand).
     */
    public static RateLimits fromProperties(Function<String, String> property) {
        Map<LimitClass, Limit> limits = new EnumMap<>(LimitClass.class);
        for (LimitClass c : LimitClass.values()) {
            String rateName = PROPERTY_PREFIX + c.key() + ".per_second";
            String burstName = PROPERTY_PREFIX + c.key() + ".burst";
            String rate = property.apply(rateName);
            String burst = property.apply(burstName);
            if (rate == null && burst == null) {
                continue;
            }
            if (rate == null || burst == null) {
                throw new IllegalArgumentException("rate limit " + c.key() + " needs both " + rateName + " and "
                        + burstName);
            }
            try {
                limits.put(c, new Limit(Double.parseDouble(rate.trim()), Integer.parseInt(burst.trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rate limit " + c.key() + ": " + e.getMessage(), e);
            }
        }
        return new RateLimits(limits);
    }

    @Override
    public String toString() {
        return "RateLimits" + limits;
    }
}
