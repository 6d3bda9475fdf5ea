package org.hotroom.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
