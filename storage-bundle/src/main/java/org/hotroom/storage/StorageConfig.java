package org.hotroom.storage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where and how the LMDB environment is opened. Read from framework properties in OSGi, given
 * directly by tests and tools.
 */
final class StorageConfig {

    static final String PATH = "hotroom.storage.path";
    static final String MAP_SIZE_MB = "hotroom.storage.map_size_mb";
    static final String SYNC = "hotroom.storage.sync";
    /** Which state-store strategy keeps room state; see {@code StateStores}. */
    static final String STATE_STORE = "hotroom.storage.state_store";
    /** Entries per interning cache (one per direction). */
    static final String INTERN_CACHE = "hotroom.storage.intern_cache_entries";
    static final long DEFAULT_MAP_SIZE_MB = 1024;
    static final String DEFAULT_STATE_STORE = org.hotroom.storage.state.StateStores.DEFAULT;
    static final long DEFAULT_INTERN_CACHE = 200_000;

    final Path dir;
    final long mapSizeBytes;
    /** False opens with MDB_NOSYNC: a crash may lose the last commits, never corrupt. */
    final boolean sync;
    /** The state-store strategy, e.g. {@code hotroom}, {@code blocks}, {@code synapse}, {@code levels:100,50,25}. */
    final String stateStore;
    final long internCacheEntries;

    StorageConfig(Path dir, long mapSizeBytes, boolean sync) {
        this(dir, mapSizeBytes, sync, DEFAULT_STATE_STORE, DEFAULT_INTERN_CACHE);
    }

    StorageConfig(Path dir, long mapSizeBytes, boolean sync, String stateStore, long internCacheEntries) {
        this.dir = Objects.requireNonNull(dir, "dir");
        if (mapSizeBytes <= 0) {
            throw new IllegalArgumentException("map size must be positive: " + mapSizeBytes);
        }
        this.mapSizeBytes = mapSizeBytes;
        this.sync = sync;
        org.hotroom.storage.state.StateStores.check(stateStore);
        this.stateStore = stateStore;
        if (internCacheEntries < 0) {
            throw new IllegalArgumentException("intern cache size must not be negative: " + internCacheEntries);
        }
        this.internCacheEntries = internCacheEntries;
    }

    /** Reads the {@code hotroom.storage.*} properties through {@code lookup} (null when unset). */
    static StorageConfig fromProperties(Function<String, String> lookup) {
        String path = trimmed(lookup.apply(PATH));
        if (path == null) {
            throw new IllegalArgumentException("framework property " + PATH + " is required");
        }
        long mb = DEFAULT_MAP_SIZE_MB;
        String size = trimmed(lookup.apply(MAP_SIZE_MB));
        if (size != null) {
            try {
                mb = Long.parseLong(size);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MAP_SIZE_MB + " is not a whole number: " + size, e);
            }
            if (mb <= 0 || mb > Long.MAX_VALUE / (1024 * 1024)) {
                throw new IllegalArgumentException(MAP_SIZE_MB + " out of range: " + size);
            }
        }
        boolean sync = true;
        String s = trimmed(lookup.apply(SYNC));
        if (s != null) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true" -> sync = true;
                case "false" -> sync = false;
                default -> throw new IllegalArgumentException(SYNC + " must be true or false: " + s);
            }
        }
        String stateStore = trimmed(lookup.apply(STATE_STORE));
        if (stateStore == null) {
            stateStore = DEFAULT_STATE_STORE;
        }
        try {
            org.hotroom.storage.state.StateStores.check(stateStore);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(STATE_STORE + ": " + e.getMessage(), e);
        }
        long cache = DEFAULT_INTERN_CACHE;
        String c = trimmed(lookup.apply(INTERN_CACHE));
        if (c != null) {
            try {
                cache = Long.parseLong(c);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(INTERN_CACHE + " is not a whole number: " + c, e);
            }
            if (cache < 0) {
                throw new IllegalArgumentException(INTERN_CACHE + " must not be negative: " + c);
            }
        }
        return new StorageConfig(Path.of(path), mb * 1024 * 1024, sync, stateStore, cache);
    }

    private static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        s = s.trim();
        return s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return dir + " (map " + (mapSizeBytes >> 20) + " MiB, " + (sync ? "sync" : "nosync") + ", state store "
                + stateStore + ")";
    }
}
