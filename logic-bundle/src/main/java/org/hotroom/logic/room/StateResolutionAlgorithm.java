package org.hotroom.logic.room;

/** The state resolution algorithm of a room version. */
public enum StateResolutionAlgorithm {
    /** Room version 1 (rooms/v1 "State resolution"): depth and sha1(event_id) ordering. */
    V1,
    /** Room versions 2 to 11 (rooms fragment v2-state-res). */
    V2,
    /**
     * Room version 12 ("v2.1", MSC4297): as {@link #V2}, but the iterative auth checks start from
     * an empty state map and the full conflicted set includes the conflicted state subgraph.
     */
    V2_1
}
