package org.hotroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

    private static StorageConfig of(Map<String, String> props) {
        return StorageConfig.fromProperties(props::get);
    }

    @Test
    void defaults() {
        StorageConfig c = of(Map.of("hotroom.storage.path", "/var/lib/hotroom/lmdb"));
        assertEquals(Path.of("/var/lib/hotroom/lmdb"), c.dir);
        assertEquals(1024L << 20, c.mapSizeBytes);
        assertTrue(c.sync);
    }

    @Test
    void explicitValues() {
        StorageConfig c = of(Map.of("hotroom.storage.path", " data ", "hotroom.storage.map_size_mb", "16",
                "hotroom.storage.sync", "FALSE"));
        assertEquals(Path.of("data"), c.dir);
        assertEquals(16L << 20, c.mapSizeBytes);
        assertFalse(c.sync);
    }

    @Test
    void errorsNameTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(Map.of()));
        assertTrue(e.getMessage().contains("hotroom.storage.path"));
        e = assertThrows(IllegalArgumentException.class,
                () -> of(Map.of("hotroom.storage.path", "d", "hotroom.storage.map_size_mb", "lots")));
        assertTrue(e.getMessage().contains("map_size_mb"));
        assertThrows(IllegalArgumentException.class,
                () -> of(Map.of("hotroom.storage.path", "d", "hotroom.storage.map_size_mb", "0")));
        e = assertThrows(IllegalArgumentException.class,
                () -> of(Map.of("hotroom.storage.path", "d", "hotroom.storage.sync", "yes")));
        assertTrue(e.getMessage().contains("sync"));
    }
}
