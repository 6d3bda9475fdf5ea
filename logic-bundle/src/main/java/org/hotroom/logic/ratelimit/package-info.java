/**
 * Rate limiting: token buckets per endpoint class ({@link org.hotroom.logic.ratelimit.LimitClass})
 * and user or client address, kept in storage and timed by the step's clock; limits from the
 * host's {@code rate_limits:} config ({@link org.hotroom.logic.ratelimit.RateLimits}). The
 * dispatcher asks {@link org.hotroom.logic.ratelimit.RateLimiter} before a limited route's handler
 * runs.
 */
package org.hotroom.logic.ratelimit;
