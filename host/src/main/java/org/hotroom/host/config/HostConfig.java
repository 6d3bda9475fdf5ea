package org.hotroom.host.config;

import java.nio.file.Path;

/**
 * The validated configuration of one hotroom instance. Built only by {@link ConfigLoader}, which
 * merges the embedded defaults ({@code felix-conf/default-config.yaml}) with an optional file and
 * command-line overrides.
 *
 * @param adminToken null when neither the file nor the data dir has one yet
 */
public record HostConfig(String serverName, Path dataDir, String adminToken, ListenerConfig client,
                         ListenerConfig federation, boolean verifyTls, long maxBodyBytes, Path deployDir,
                         long storageMapSizeMb, boolean storageSync, String storageStateStore) {

    /** One HTTP listener. */
    public record ListenerConfig(String bind, int port, boolean tls) {}

    public HostConfig withAdminToken(String token) {
        return new HostConfig(serverName, dataDir, token, client, federation, verifyTls, maxBodyBytes, deployDir,
                storageMapSizeMb, storageSync, storageStateStore);
    }

    public HostConfig withPorts(int clientPort, int federationPort) {
        return new HostConfig(serverName, dataDir, adminToken,
                new ListenerConfig(client.bind(), clientPort, client.tls()),
                new ListenerConfig(federation.bind(), federationPort, federation.tls()), verifyTls, maxBodyBytes,
                deployDir, storageMapSizeMb, storageSync, storageStateStore);
    }
}
