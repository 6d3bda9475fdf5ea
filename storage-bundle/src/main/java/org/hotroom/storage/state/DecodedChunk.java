package org.hotroom.storage.state;

/**
 * A history chunk decoded into plain arrays, as kept in {@link KeyHistoryStateStore}'s cache:
 * resolving a key from arrays costs a few nanoseconds, from the bit-packed form a few times more.
 * Immutable; shared between threads through the cache.
 *
 * <p>Why caching pays here: the history of every state of a room is about the size of one or two
 * of its states (a room with 100k state changes decodes to about 2 MB), so a modest cache holds
 * every version of the hot rooms at once, where a cache of blocks or snapshots would need a copy
 * per version. Entries are named by the chunk's stamp, which is unique per committed chunk
 * content, so they never need invalidating and are right for readers of any snapshot.
 */
final class DecodedChunk {

    final long stamp;
    final int keys;
    /** State key of each key (unsigned 32-bit in an int). */
    final int[] stateKey;
    /** End (exclusive) of each key's entries. */
    final int[] end;
    /** Branch of each entry, or null when all are {@link #minBranch}. */
    final int[] branch;
    final long minBranch;
    /** Offset of each entry (unsigned 32-bit in an int). */
    final int[] offset;
    final long[] event;
    final long minOffset;
    /** Largest offset of any entry: at or below a one-branch read's offset, every key's answer is its last entry. */
    final long maxOffset;

    private DecodedChunk(HistoryChunk.ChunkView v) {
        stamp = v.stamp;
        keys = v.keys;
        stateKey = new int[keys];
        end = new int[keys];
        int n = v.entries;
        branch = v.oneBranch() ? null : new int[n];
        minBranch = v.minBranch;
        offset = new int[n];
        event = new long[n];
        minOffset = v.minOffset;
        long sk = v.firstKey;
        int j = 0;
        for (int i = 0; i < keys; i++) {
            if (i > 0) {
                sk += v.keyGap(i - 1) + 1;
            }
            stateKey[i] = (int) sk;
            j += v.count(i);
            end[i] = j;
        }
        long maxO = 0;
        for (int e = 0; e < n; e++) {
            if (branch != null) {
                branch[e] = (int) v.branch(e);
            }
            long o = v.offset(e);
            maxO = Math.max(maxO, o);
            offset[e] = (int) o;
            event[e] = v.event(e);
        }
        maxOffset = maxO;
    }

    static DecodedChunk of(HistoryChunk.ChunkView v) {
        return new DecodedChunk(v);
    }

    long branch(int e) {
        return branch == null ? minBranch : branch[e];
    }

    long offset(int e) {
        return offset[e] & 0xFFFF_FFFFL;
    }

    long stateKey(int i) {
        return stateKey[i] & 0xFFFF_FFFFL;
    }

    /** Approximate heap bytes, for the cache's weigher. */
    int weight() {
        return 64 + keys * 8 + offset.length * (branch == null ? 12 : 16);
    }
}
