package org.hotroom.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private HostConfig load(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader().load(f, Map.of());
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void embeddedDefaultsNeedNoFile() throws Exception {
        HostConfig c = new ConfigLoader().defaultsOnly();
        assertEquals("localhost:8448", c.serverName());
        assertEquals(8008, c.client().port());
        assertFalse(c.client().tls());
        assertEquals(8448, c.federation().port());
        assertTrue(c.federation().tls());
        assertTrue(c.verifyTls());
        assertEquals(10485760, c.maxBodyBytes());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), c.dataDir());
        assertEquals(c.dataDir().resolve("deploy"), c.deployDir());
        assertNull(c.adminToken());
        assertEquals("hotroom", c.storageStateStore());
    }

    @Test
    void aFileOverridesOnlyWhatItNames() throws Exception {
        HostConfig c = load("""
                server_name: "example.org"
                listeners:
                  client: {port: 9008}
                federation:
                  verify_tls: false
                admin_token: "0123456789abcdefXYZ"
                """);
        assertEquals("example.org", c.serverName());
        assertEquals(9008, c.client().port());
        assertEquals("127.0.0.1", c.client().bind());
        assertEquals(8448, c.federation().port());
        assertFalse(c.verifyTls());
        assertEquals("0123456789abcdefXYZ", c.adminToken());
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "listeners:\n  client: {port: 9008}\n");
        HostConfig c = new ConfigLoader().load(f, Map.of("listeners.client.port", "7000", "server_name", "a.b"));
        assertEquals(7000, c.client().port());
        assertEquals("a.b", c.serverName());
    }

    @Test
    void unknownKeysAreErrorsThatNameTheKey() {
        assertTrue(error("sever_name: x\n").contains("'sever_name'"));
        String nested = error("listeners:\n  client: {bind: \"127.0.0.1\", prot: 1}\n");
        assertTrue(nested.contains("'listeners.client.prot'"), nested);
        assertTrue(error("limits:\n  max_body: 1\n").contains("limits.max_body"));
        assertTrue(error("verify_tls: false\n").contains("did you mean 'federation.verify_tls'"));
    }

    @Test
    void badValuesAreErrorsThatNameTheKeyAndProblem() {
        String e = error("limits:\n  max_body_bytes: \"big\"\n");
        assertTrue(e.contains("'limits.max_body_bytes'") && e.contains("must be a number"), e);
        e = error("listeners:\n  client: {port: 70000}\n");
        assertTrue(e.contains("'listeners.client.port'") && e.contains("between 0 and 65535"), e);
        e = error("server_name: \"not a name!\"\n");
        assertTrue(e.contains("'server_name'"), e);
        e = error("federation:\n  verify_tls: \"yes\"\n");
        assertTrue(e.contains("'federation.verify_tls'") && e.contains("true or false"), e);
        e = error("listeners: [1, 2]\n");
        assertTrue(e.contains("'listeners' must be a mapping"), e);
        e = error("admin_token: \"short\"\n");
        assertTrue(e.contains("'admin_token'"), e);
        e = error("storage:\n  state_store: \"btree\"\n");
        assertTrue(e.contains("'storage.state_store'"), e);
        e = error("limits:\n  max_body_bytes: 1.5\n");
        assertTrue(e.contains("limits.max_body_bytes"), e);
        e = error("listeners:\n  client: {port: 9000}\n  federation: {port: 9000, tls: false}\n");
        assertTrue(e.contains("different ports"), e);
    }

    @Test
    void rateLimitsHaveDefaultsForEveryClassAndTravelAsFrameworkProperties() throws Exception {
        HostConfig d = new ConfigLoader().defaultsOnly();
        assertEquals(ConfigLoader.RATE_LIMIT_CLASSES, List.copyOf(d.rateLimits().keySet()));
        d.rateLimits().values().forEach(l -> assertTrue(l.perSecond() > 0 && l.burst() >= 1, l.toString()));
        HostConfig c = load("""
                rate_limits:
                  message: {per_second: 0.5}
                  login: {per_second: 0, burst: 3}
                """);
        assertEquals(new HostConfig.RateLimit(0.5, d.rateLimits().get("message").burst()), c.rateLimits().get("message"));
        assertEquals(new HostConfig.RateLimit(0, 3), c.rateLimits().get("login"));
        assertEquals("0.5", c.rateLimitProperties().get("hotroom.rate_limits.message.per_second"));
        assertEquals("3", c.rateLimitProperties().get("hotroom.rate_limits.login.burst"));
        HostConfig o = new ConfigLoader().load(null, Map.of("rate_limits.join.per_second", "2.5",
                "rate_limits.join.burst", "7"));
        assertEquals(new HostConfig.RateLimit(2.5, 7), o.rateLimits().get("join"));
    }

    @Test
    void badRateLimitsAreErrorsThatNameTheKey() {
        String e = error("rate_limits:\n  messages: {per_second: 1, burst: 2}\n");
        assertTrue(e.contains("'rate_limits.messages'"), e);
        e = error("rate_limits:\n  message: {per_second: 1, bursts: 2}\n");
        assertTrue(e.contains("'rate_limits.message.bursts'"), e);
        e = error("rate_limits:\n  message: {per_second: -1}\n");
        assertTrue(e.contains("'rate_limits.message.per_second'"), e);
        e = error("rate_limits:\n  message: {per_second: \"fast\"}\n");
        assertTrue(e.contains("'rate_limits.message.per_second'") && e.contains("must be a number"), e);
        e = error("rate_limits:\n  join: {burst: 0}\n");
        assertTrue(e.contains("'rate_limits.join.burst'") && e.contains("between 1"), e);
        e = error("rate_limits:\n  join: {burst: 2.5}\n");
        assertTrue(e.contains("'rate_limits.join.burst'") && e.contains("whole number"), e);
        assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(null, Map.of("rate_limits.login.per_second", "lots")));
    }

    @Test
    void brokenYamlAndDuplicateKeysAreErrors() {
        assertTrue(error("server_name: [unclosed\n").contains("not valid YAML"));
        assertTrue(error("server_name: a\nserver_name: b\n").contains("not valid YAML"));
        assertTrue(error("- just\n- a list\n").contains("mapping"));
    }

    @Test
    void anEmptyFileMeansDefaults() throws Exception {
        assertEquals("localhost:8448", load("").serverName());
    }

    @Test
    void badOverridesAreErrors() {
        assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(null, Map.of("listeners.client.port", "x")));
        assertThrows(ConfigException.class, () -> new ConfigLoader().load(null, Map.of("nope", "1")));
    }

    @Test
    void aMissingFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(dir.resolve("absent.yaml"), Map.of()));
        assertTrue(e.getMessage().contains("does not exist"));
    }
}
