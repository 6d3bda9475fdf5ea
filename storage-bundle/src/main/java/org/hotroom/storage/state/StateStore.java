package org.hotroom.storage.state;

import java.util.Map;
import org.hotroom.api.storage.CacheStats;
import org.hotroom.api.storage.StateVisitor;
import org.hotroom.storage.Tx;

/**
 * A strategy for keeping room states: the state store behind {@link
 * org.hotroom.api.storage.EventStates}, on numeric IDs only.
 *
 * <p>The model every strategy shares: a <em>node</em> is an immutable room state, named by a
 * positive long whose meaning belongs to the strategy; 0 is the empty state (of any room). A node is
 * made from a parent node and a delta ({@link #create}), so nodes form a forest, one tree (or a
 * few) per room; a room's event DAG maps onto it because every event's state is recorded as a
 * parent state plus a change (merges included: the logic resolves the state and hands it over as
 * a delta against one parent). Which events use which node is kept by {@link EventIndex}, outside
 * the strategies.
 *
 * <p>Strategies differ only in how they store nodes: {@link KeyHistoryStateStore} (hotroom's own,
 * per-key histories over a branch decomposition of the tree), {@link BlockStateStore} (Dendrite's
 * snapshots of at most 64 shared blocks) and {@link DeltaChainStateStore} (Synapse's state groups:
 * predecessor plus delta, with a snapshot every 100 hops or the compressor's levels). They all pass
 * the same test suite ({@code StateStoreContract}); which is the default is for the state-store
 * benchmark to decide.
 *
 * <p>Implementations keep no mutable state of their own between calls (everything is in the
 * {@link Tx}), except caches of committed, immutable facts; they are shared by all steps and
 * thread-safe.
 */
public interface StateStore {

    /** The name used in configuration and reports, e.g. {@code hotroom}, {@code levels:100,50,25}. */
    String name();

    /**
     * Stores the state {@code parent} (0: empty) with {@code delta} applied and returns its node.
     * An empty delta returns {@code parent} itself. Takes the writer lock first.
     *
     * @param room the room of {@code parent} (checked when the strategy can do so cheaply)
     * @param delta sorted, unique keys; event 0 removes a key
     */
    long create(Tx tx, long room, long parent, StateMap delta);

    /** The room a node belongs to. */
    long room(Tx tx, long node);

    /** The event holding {@code key} in the state {@code node}, or 0 when absent. */
    long get(Tx tx, long node, long key);

    /** The whole state of a node. */
    StateMap read(Tx tx, long node);

    /** The part of the state with {@code fromKey <= key < toKey}. */
    default StateMap read(Tx tx, long node, long fromKey, long toKey) {
        return read(tx, node).slice(fromKey, toKey);
    }

    /**
     * Visits the part of the state with {@code fromKey <= key < toKey} in key order (no
     * tombstones) until the visitor returns false; returns false if it stopped. A strategy that
     * can stream cells skips building a map.
     */
    default boolean forEach(Tx tx, long node, long fromKey, long toKey, StateVisitor visitor) {
        return read(tx, node, fromKey, toKey).forEach(visitor);
    }

    /** Counters of this strategy's caches by name. */
    default Map<String, CacheStats> cacheStats() {
        return Map.of();
    }
}
