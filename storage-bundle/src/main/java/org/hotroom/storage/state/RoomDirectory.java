package org.hotroom.storage.state;

import java.util.ArrayList;
import java.util.List;

/**
 * All decoded chunks of one room in key order, as of one room stamp: what a whole-state read of
 * {@link KeyHistoryStateStore} walks instead of an LMDB cursor when the room has not changed since.
 *
 * <p>The room stamp (a record beside the branches, rewritten with every chunk write of the room)
 * is the stamp of the room's latest chunk write, so equal stamps mean the same set of chunks with
 * the same contents; a reader whose snapshot shows another stamp (older or newer) walks LMDB.
 * Immutable once built.
 */
final class RoomDirectory {

    final long stamp;
    final long[] types;
    /** The packed key (type, state key) of each chunk's first entry. */
    final long[] firstKeys;
    final DecodedChunk[] chunks;
    final int weight;

    private RoomDirectory(long stamp, List<Long> types, List<Long> firstKeys, List<DecodedChunk> chunks) {
        this.stamp = stamp;
        int n = chunks.size();
        this.types = new long[n];
        this.firstKeys = new long[n];
        this.chunks = chunks.toArray(new DecodedChunk[0]);
        int w = 64;
        for (int i = 0; i < n; i++) {
            this.types[i] = types.get(i);
            this.firstKeys[i] = firstKeys.get(i);
            w += 24 + this.chunks[i].weight();
        }
        this.weight = w;
    }

    /** Collects the chunks of one whole pass; incomplete if any chunk was not committed data. */
    static final class Builder {
        final long stamp;
        final List<Long> types = new ArrayList<>();
        final List<Long> firstKeys = new ArrayList<>();
        final List<DecodedChunk> chunks = new ArrayList<>();
        boolean complete = true;

        Builder(long stamp) {
            this.stamp = stamp;
        }

        void add(long type, long firstKey, DecodedChunk d, boolean committed) {
            complete &= committed;
            types.add(type);
            firstKeys.add(firstKey);
            chunks.add(d);
        }

        RoomDirectory build() {
            return new RoomDirectory(stamp, types, firstKeys, chunks);
        }
    }
}
