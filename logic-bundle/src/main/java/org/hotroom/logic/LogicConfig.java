package org.hotroom.logic;

import java.util.function.Function;
import org.hotroom.logic.ratelimit.RateLimits;

/**
 * Configuration read once when the logic is activated; immutable afterwards.
 *
 * @param serverName         this homeserver's server name, the domain of its user IDs
 * @param passwordIterations PBKDF2 iterations for new password hashes (stored hashes carry their
 *                           own count, so changing it never locks anyone out)
 * @param rateLimits         the limit of each endpoint class ({@code hotroom.rate_limits.*}; none
 *                           when the properties are absent)
 */
public record LogicConfig(String serverName, int passwordIterations, RateLimits rateLimits) {

    /** Framework property naming the server. */
    public static final String SERVER_NAME_PROPERTY = "hotroom.server_name";
    /** Optional framework property overriding {@link #DEFAULT_PASSWORD_ITERATIONS} (tests set it low). */
    public static final String PASSWORD_ITERATIONS_PROPERTY = "hotroom.password_iterations";

    public static final String DEFAULT_SERVER_NAME = "localhost:8448";

    /** PBKDF2-HMAC-SHA256 iterations for new hashes: OWASP's 2023 recommendation. */
    public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;

    public LogicConfig {
        if (serverName == null || serverName.isEmpty()) {
            throw new IllegalArgumentException("server name must not be empty");
        }
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("password iterations must be positive: " + passwordIterations);
        }
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
    }

    /** Without rate limits. */
    public LogicConfig(String serverName, int passwordIterations) {
        this(serverName, passwordIterations, RateLimits.NONE);
    }

    /** The defaults with another server name. */
    public static LogicConfig forServer(String serverName) {
        return new LogicConfig(serverName, DEFAULT_PASSWORD_ITERATIONS);
    }

    /** Reads the configuration from properties (the OSGi framework's, at activation). */
    public static LogicConfig fromProperties(Function<String, String> property) {
        String name = property.apply(SERVER_NAME_PROPERTY);
        String iterations = property.apply(PASSWORD_ITERATIONS_PROPERTY);
        return new LogicConfig(
                name == null || name.isBlank() ? DEFAULT_SERVER_NAME : name.trim(),
                iterations == null || iterations.isBlank() ? DEFAULT_PASSWORD_ITERATIONS : Integer.parseInt(iterations.trim()),
                RateLimits.fromProperties(property));
    }
}
