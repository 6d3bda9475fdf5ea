package org.hotroom.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.storage.Db;
import org.hotroom.storage.LmdbStepScope;
import org.hotroom.storage.LmdbStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invariants of hotroom's own strategy that the shared suite cannot see. */
class KeyHistoryStructureTest {

    @TempDir
    Path dir;

    LmdbStorage storage;
    KeyHistoryStateStore store;

    @BeforeEach
    void open() {
        storage = LmdbStorage.open(dir, 256L << 20, false, "hotroom");
        store = (KeyHistoryStateStore) storage.stateStore();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    static long member(long user) {
        return StateKeys.pack(WellKnown.M_ROOM_MEMBER, user);
    }

    @Test
    void aLinearHistoryIsOneBranchAndChunksStaySmall() {
        long node;
        try (LmdbStepScope s = storage.openStep()) {
            node = 0;
            for (int i = 0; i < 5000; i++) {
                node = store.create(s.tx(), 1, node, StateMap.single(member(1000 + (i * 7919L) % 2000), 10 + i));
            }
            s.commit();
        }
        assertEquals(2, storage.entries(Db.KH_BRANCH), "one branch, and the room's stamp record");
        assertEquals(1L << 32 | 5000, node, "branch 1, offset 5000");
        List<Integer> sizes = new ArrayList<>();
        try (LmdbStepScope s = storage.openStep()) {
            s.tx().scan(Db.KH_CHUNK, new byte[] {0}, null, (k, v) -> sizes.add(v.remaining()));
        }
        assertTrue(sizes.stream().allMatch(n -> n <= KeyHistoryStateStore.MAX_CHUNK_BYTES), sizes.toString());
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        assertTrue(total < 5000 * 5, "5000 changes in " + total + " bytes of chunks");
    }

    @Test
    void pathsNeverExceedTheDepthLimit() {
        try (LmdbStepScope s = storage.openStep()) {
            long base = store.create(s.tx(), 1, 0, StateMap.single(member(1), 1));
            long deepest = base;
            for (int i = 0; i < 30; i++) {
                store.create(s.tx(), 1, base, StateMap.single(member(2), 100 + i)); // extends base's branch
                base = store.create(s.tx(), 1, base, StateMap.single(member(3 + i), 200 + i)); // forks
                deepest = base;
                assertTrue(store.path(s.tx(), base).levels <= KeyHistoryStateStore.MAX_DEPTH + 1);
            }
            assertEquals(1, store.get(s.tx(), deepest, member(1)), "a restarted root keeps the whole state");
            assertEquals(229, store.get(s.tx(), deepest, member(32)));
            assertEquals(0, store.get(s.tx(), deepest, member(2)), "siblings' changes are not inherited");
            s.commit();
        }
    }

    @Test
    void branchCacheHoldsOnlyCommittedBranches() {
        try (LmdbStepScope s = storage.openStep()) {
            long a = store.create(s.tx(), 1, 0, StateMap.single(member(1), 1));
            assertEquals(1, store.room(s.tx(), a));
        } // discarded: branch 1 never existed
        assertEquals(0, store.cacheStats().get("kh.branches").size());
        try (LmdbStepScope s = storage.openStep()) {
            long a = store.create(s.tx(), 2, 0, StateMap.single(member(1), 1));
            s.commit();
            assertEquals(1L << 32 | 1, a, "branch 1 is given out again");
        }
        try (LmdbStepScope s = storage.openStep()) {
            assertEquals(2, store.room(s.tx(), 1L << 32 | 1), "room 2, not the discarded room 1");
        }
    }
}
