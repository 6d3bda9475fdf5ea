package org.hotroom.api.storage;

/**
 * Events as this server received or created them, and each room's event graph.
 *
 * <p>Why bytes: what the server serves to other servers must be exactly what it received
 * (signatures and hashes cover it), so the JSON is kept byte for byte and never re-encoded. Why
 * numeric metadata: every question the server asks often (which room, which type, which
 * parents, where in the timeline) is answered without parsing JSON.
 *
 * <p>The graph: each room has a set of <em>forward extremities</em> (events with no known
 * children; the {@code prev_events} of the next local event), a <em>timeline</em> ordered by
 * {@link EventMeta#ordering()} (what {@code /sync} and {@code /messages} walk, with stable
 * pagination tokens since an ordering never changes), and a <em>depth index</em> (what backfill
 * walks). Which events are extremities is the logic's decision; the store only keeps the set.
 *
 * <p>Writes take the writer lock and are durable when the step commits, like every write.
 */
public interface Events {

    /**
     * False when the event is certainly not stored; true when it probably is. Answers a miss from
     * memory, without touching the stored tree, in all but a small fraction of cases. Events
     * stored by this step count as stored.
     */
    boolean mightContain(String eventId);

    /** The numeric ID of a stored event, or 0 when it is not stored (an interned ID alone is not enough). */
    long find(String eventId);

    /**
     * Stores an event: its JSON byte for byte and its metadata, and indexes it in its room's
     * timeline (when {@code ordering != 0}) and depth order. Storing the same event again with the
     * same metadata is a no-op; with other metadata it replaces the metadata and moves the event
     * in the indexes (an outlier that later gets its place in the graph, say) but keeps the
     * first JSON.
     *
     * @throws IllegalArgumentException if {@code json} is empty
     */
    void put(EventMeta meta, byte[] json);

    /** The JSON as received, or null when the event is not stored. */
    byte[] json(long event);

    /** The metadata, or null when the event is not stored. */
    EventMeta meta(long event);

    /** The room's forward extremities in increasing numeric order; empty for an unknown room. */
    long[] forwardExtremities(long room);

    /** Replaces the room's forward extremities. */
    void setForwardExtremities(long room, long[] events);

    /** The highest ordering in the room's timeline, or 0 when it has none. */
    long lastOrdering(long room);

    /** The lowest ordering in the room's timeline, or 0 when it has none. */
    long firstOrdering(long room);

    /**
     * Walks the room's timeline from {@code from}, exclusive, forwards (increasing ordering) or
     * backwards, until the visitor returns false or the timeline ends. {@code Long.MIN_VALUE} and
     * {@code Long.MAX_VALUE} start at either end.
     */
    void timeline(long room, long from, boolean forwards, Visitor visitor);

    /**
     * Walks the room's events by depth, from {@code maxDepth} inclusive downwards (events of equal
     * depth in decreasing numeric ID order), until the visitor returns false. Outliers are not in
     * the depth order.
     */
    void byDepth(long room, long maxDepth, Visitor visitor);

    @FunctionalInterface
    interface Visitor {
        /**
         * @param position the ordering (timeline walks) or the depth (depth walks)
         * @return false to stop
         */
        boolean visit(long position, long event);
    }
}
