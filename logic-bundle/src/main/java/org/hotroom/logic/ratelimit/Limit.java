package org.hotroom.logic.ratelimit;

/**
 * One class's token bucket: it holds at most {@code burst} requests and refills at
 * {@code perSecond} requests a second. A {@code perSecond} of 0 switches the limit off.
 */
public record Limit(double perSecond, int burst) {

    public static final Limit OFF = new Limit(0, 1);

    public Limit {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("per_second must be a finite number >= 0, not " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, not " + burst);
        }
    }

    public boolean off() {
        return perSecond == 0;
    }
}
