package org.hotroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.hotroom.api.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the state-store strategy, and keeping it for the life of a store. */
class StateStoreConfigTest {

    @TempDir
    Path dir;

    @Test
    void theStrategyComesFromAFrameworkProperty() {
        Map<String, String> p = Map.of(StorageConfig.PATH, dir.toString(), StorageConfig.STATE_STORE, " Levels:10,5 ",
                StorageConfig.INTERN_CACHE, "1000");
        StorageConfig c = StorageConfig.fromProperties(p::get);
        assertEquals("Levels:10,5", c.stateStore);
        assertEquals(1000, c.internCacheEntries);
        assertEquals(StorageConfig.DEFAULT_STATE_STORE, StorageConfig.fromProperties(Map.of(StorageConfig.PATH, "x")::get).stateStore);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageConfig.fromProperties(
                Map.of(StorageConfig.PATH, "x", StorageConfig.STATE_STORE, "btree")::get));
        assertTrue(e.getMessage().contains(StorageConfig.STATE_STORE), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StorageConfig.fromProperties(
                Map.of(StorageConfig.PATH, "x", StorageConfig.STATE_STORE, "levels:a")::get));
        assertThrows(IllegalArgumentException.class, () -> StorageConfig.fromProperties(
                Map.of(StorageConfig.PATH, "x", StorageConfig.STATE_STORE, "hotroom:3")::get));
        assertThrows(IllegalArgumentException.class, () -> StorageConfig.fromProperties(
                Map.of(StorageConfig.PATH, "x", StorageConfig.INTERN_CACHE, "-1")::get));
    }

    @Test
    void aStoreKeepsItsStrategyFamily() {
        LmdbStorage.open(dir, Stores.MAP_64_MB, false, "levels").close();
        LmdbStorage.open(dir, Stores.MAP_64_MB, false, "levels:10,10").close(); // sizes may change
        StorageException e = assertThrows(StorageException.class,
                () -> LmdbStorage.open(dir, Stores.MAP_64_MB, false, "hotroom"));
        assertTrue(e.getMessage().contains("\"levels\""), e.getMessage());
        try (LmdbStorage s = LmdbStorage.open(dir, Stores.MAP_64_MB, false, "levels")) {
            assertEquals("levels:100,50,25", s.stateStore().name());
        }
    }
}
