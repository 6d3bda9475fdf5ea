package org.hotroom.api.storage;

/**
 * Counters of one storage cache, for operators (the admin API, benchmarks).
 *
 * <p>Why in the contract: the storage bundle's caches (interned IDs, state metadata) decide much
 * of its speed, and the shell is where an operator looks; it sees them through {@link
 * StorageStatistics} without knowing the cache library.
 */
public record CacheStats(long hits, long misses, long evictions, long size) {

    /** Hits over requests; 1.0 when there were no requests, as Caffeine reports it. */
    public double hitRatio() {
        long requests = hits + misses;
        return requests == 0 ? 1.0 : (double) hits / requests;
    }
}
