package org.hotroom.host.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated configuration of one hotroom instance. Built only by {@link ConfigLoader}, which
 * merges the embedded defaults ({@code felix-conf/default-config.yaml}) with an optional file and
 * command-line overrides.
 *
 * @param adminToken null when neither the file nor the data dir has one yet
 * @param rateLimits the {@code rate_limits:} section: endpoint class name to its limit, in the
 *                   order of the defaults
 */
public record HostConfig(String serverName, Path dataDir, String adminToken, ListenerConfig client,
                         ListenerConfig federation, boolean verifyTls, long maxBodyBytes, Path deployDir,
                         long storageMapSizeMb, boolean storageSync, String storageStateStore,
                         Map<String, RateLimit> rateLimits) {

    /** One HTTP listener. */
    public record ListenerConfig(String bind, int port, boolean tls) {}

    /**
     * The token bucket of one endpoint class: {@code burst} requests at once, refilled at
     * {@code perSecond}; a {@code perSecond} of 0 switches the class's limit off.
     */
    public record RateLimit(double perSecond, int burst) {}

    public HostConfig {
        rateLimits = Collections.unmodifiableMap(new LinkedHashMap<>(rateLimits));
    }

    /**
     * The rate limits as the logic reads them from the framework properties:
     * {@code hotroom.rate_limits.CLASS.per_second} and {@code .burst}.
     */
    public Map<String, String> rateLimitProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        rateLimits.forEach((name, limit) -> {
            p.put("hotroom.rate_limits." + name + ".per_second", Double.toString(limit.perSecond()));
            p.put("hotroom.rate_limits." + name + ".burst", Integer.toString(limit.burst()));
        });
        return p;
    }

    public HostConfig withAdminToken(String token) {
        return new HostConfig(serverName, dataDir, token, client, federation, verifyTls, maxBodyBytes, deployDir,
                storageMapSizeMb, storageSync, storageStateStore, rateLimits);
    }

    public HostConfig withPorts(int clientPort, int federationPort) {
        return new HostConfig(serverName, dataDir, adminToken,
                new ListenerConfig(client.bind(), clientPort, client.tls()),
                new ListenerConfig(federation.bind(), federationPort, federation.tls()), verifyTls, maxBodyBytes,
                deployDir, storageMapSizeMb, storageSync, storageStateStore, rateLimits);
    }
}
