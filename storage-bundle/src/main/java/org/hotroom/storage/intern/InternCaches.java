package org.hotroom.storage.intern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotroom.api.storage.CacheStats;

/**
 * The interning caches shared by every step: string to ID and ID to string, bounded by entry
 * count (Caffeine's W-TinyLFU), with statistics.
 *
 * <p>Invariant: an entry is only ever a fact that is committed, and such facts never change (a
 * string keeps its ID forever). So a cache entry is right for every reader, whatever snapshot it
 * reads from; a reader whose snapshot predates the commit may learn an ID a little early, which
 * is harmless since it names the same string. IDs assigned by a step enter the caches only after
 * the step commits ({@code Tx.afterCommit}); a step that fails leaves no trace here.
 */
public final class InternCaches {

    /** A string of one kind. {@code kind} is the stored kind code. */
    record Name(byte kind, String value) {}

    /** An ID of one kind. */
    record Id(byte kind, long id) {}

    final Cache<Name, Long> ids;
    final Cache<Id, String> names;

    public InternCaches(long maxEntries) {
        this.ids = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
        this.names = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
    }

    /** Counters of both caches, as {@code intern.ids} and {@code intern.names}. */
    public Map<String, CacheStats> stats() {
        Map<String, CacheStats> out = new LinkedHashMap<>();
        out.put("intern.ids", stats(ids));
        out.put("intern.names", stats(names));
        return out;
    }

    /** Caffeine's counters in the contract's form. */
    public static CacheStats stats(Cache<?, ?> cache) {
        com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
        return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
    }
}
