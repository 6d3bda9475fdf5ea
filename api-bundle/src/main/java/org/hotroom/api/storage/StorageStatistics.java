package org.hotroom.api.storage;

import java.util.Map;

/**
 * An optional second face of the storage service: its cache counters and filter states. The
 * storage bundle registers its service under this interface too; a shell that wants the numbers
 * looks it up (or checks {@code storage instanceof StorageStatistics}), so the {@link Storage}
 * interface stays as it is for every other implementation.
 */
public interface StorageStatistics {

    /** Counters by cache name (for example {@code "intern.ids"}), in a stable order. */
    Map<String, CacheStats> cacheStats();

    /**
     * In-memory membership filters by name (for example {@code "events.ids"}). A default method so
     * that implementations without filters keep compiling.
     */
    default Map<String, FilterStats> filterStats() {
        return Map.of();
    }
}
