package org.hotroom.logic.ratelimit;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hotroom.api.Exchange;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Route;
import org.hotroom.logic.json.Json;

/**
 * Token buckets for the {@link LimitClass}es, kept in storage (the logic keeps nothing between
 * steps) and timed by the step's clock.
 *
 * <p>Table {@value #TABLE}: key {@code class UTF-8, 0x00, user ID or client address}, value
 * {@code {"milli_tokens", "updated_ts"}}: the tokens left, in thousandths, when the bucket was last
 * refilled. A bucket that was never used is full. A request takes one token; with less than one
 * left it is refused with 429 {@code M_LIMIT_EXCEEDED} and {@code retry_after_ms} (and a
 * {@code Retry-After} header in whole seconds), the time until one token has grown back, and the
 * bucket is left as it was.
 *
 * <p>Only a request's first step is charged; the steps after a fetch or a wait continue it. The
 * bucket is read under the writer lock, so concurrent requests cannot take the same token. The
 * charge is stored by the dispatcher at the end of the step, after a failed handler's writes were
 * discarded, so it stays whatever the handler answered: a wrong password uses up a login token
 * like a right one.
 */
public final class RateLimiter {

    public static final String TABLE = "ratelimit";

    private final RateLimits limits;
    private final Map<Route, Optional<LimitClass>> classes = new ConcurrentHashMap<>();

    public RateLimiter(RateLimits limits) {
        this.limits = limits;
    }

    /** What a step took from a bucket: the record to store when the step ends. */
    public record Charge(byte[] key, byte[] value) {
        public void store(StepStorage storage) {
            storage.keyValue().put(TABLE, key, value);
        }
    }

    /** The class of a route (null when not limited). */
    public LimitClass classOf(Route route) {
        // no computeIfAbsent with a lambda: a class a new logic generation would spin on its first step
        Optional<LimitClass> c = classes.get(route);
        if (c == null) {
            c = Optional.ofNullable(RouteClasses.of(route.method(), route.path().toString()));
            classes.putIfAbsent(route, c);
        }
        return c.orElse(null);
    }

    /**
     * Charges the request of {@code exchange} to its bucket if {@code route}'s class is limited.
     *
     * @param who     the caller behind the access token, or null for routes without one
     * @param storage the step's storage
     * @return the charge to store at the end of the step, or null when nothing is charged
     * @throws MatrixError 429 {@code M_LIMIT_EXCEEDED} when the bucket is empty
     */
    public Charge check(Route route, Exchange exchange, Authenticated who, StepStorage storage) {
        if (exchange.step() != 0 || limits.none()) {
            return null;
        }
        LimitClass c = classOf(route);
        if (c == null) {
            return null;
        }
        Limit limit = limits.of(c);
        if (limit.off()) {
            return null;
        }
        String subject = c.perUser() && who != null ? who.userId() : address(exchange.request().peer());
        storage.beginWrite();
        return take(storage, c, subject, limit, exchange.clockMillis());
    }

    /** Takes one token from the bucket of {@code c} and {@code subject} at time {@code now}. */
    static Charge take(StepStorage storage, LimitClass c, String subject, Limit limit, long now) {
        byte[] key = key(c, subject);
        long capacity = limit.burst() * 1000L;
        long milli = capacity;
        long updated = now;
        byte[] stored = storage.keyValue().get(TABLE, key);
        if (stored != null) {
            ObjectNode r = Json.readRecord(stored);
            milli = Math.min(capacity, Math.max(0, r.path("milli_tokens").asLong()));
            updated = r.path("updated_ts").asLong();
            long elapsed = Math.max(0, now - updated);
            // elapsed ms * tokens per second = thousandths of a token
            long refill = (long) Math.min((double) capacity, Math.floor(elapsed * limit.perSecond()));
            if (refill > 0 || milli + refill >= capacity) {
                // the clock only moves on with a refill, so slow rates still add up between frequent requests
                updated = Math.max(updated, now);
            }
            milli = Math.min(capacity, milli + refill);
        }
        if (milli < 1000) {
            long retryMs = Math.max(1, (long) Math.ceil((1000 - milli) / limit.perSecond()));
            throw new MatrixError(429, "M_LIMIT_EXCEEDED", "Too many requests; retry in " + retryMs + " ms")
                    .with("retry_after_ms", LongNode.valueOf(retryMs))
                    .withHeader("Retry-After", Long.toString((retryMs + 999) / 1000));
        }
        ObjectNode record = Json.object();
        record.put("milli_tokens", milli - 1000);
        record.put("updated_ts", updated);
        return new Charge(key, Json.record(record));
    }

    static byte[] key(LimitClass c, String subject) {
        return (c.key() + '\0' + subject).getBytes(StandardCharsets.UTF_8);
    }

    /** The client's address: the shell's {@code host:port} peer without the port. */
    static String address(String peer) {
        int colon = peer.lastIndexOf(':');
        String host = colon > 0 ? peer.substring(0, colon) : peer;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() ? "unknown" : host;
    }
}
