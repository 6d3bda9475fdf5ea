package org.hotroom.storage.federation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.hotroom.api.storage.ExchangeStore;
import org.hotroom.api.storage.StepScope;
import org.junit.jupiter.api.Test;

/** Exchanges as the shell keeps them across restarts, on real LMDB. */
class LmdbExchangeStoreTest extends FederationStores {

    @Test
    void putGetDeleteAndListSurviveReopening() {
        byte[] big = new byte[5 << 20]; // a join's fetched state can be megabytes
        new Random(3).nextBytes(big);
        run(st -> {
            ExchangeStore x = st.exchangeStore();
            x.put("join-2", big);
            x.put("join-1", new byte[] {1, 2, 3});
            x.put("empty", new byte[0]);
            x.put("gone", new byte[] {9});
            assertArrayEquals(new byte[] {1, 2, 3}, x.get("join-1"), "before commit");
            assertTrue(x.delete("gone"));
            assertFalse(x.delete("gone"));
        });
        reopen();
        run(st -> {
            ExchangeStore x = st.exchangeStore();
            assertEquals(List.of("empty", "join-1", "join-2"), x.ids());
            assertArrayEquals(big, x.get("join-2"));
            assertArrayEquals(new byte[0], x.get("empty"));
            assertNull(x.get("gone"));
            byte[] copy = x.get("join-1");
            copy[0] = 7;
            assertArrayEquals(new byte[] {1, 2, 3}, x.get("join-1"), "callers get copies");
            x.put("join-1", new byte[] {4}); // the exchange moved on a step
            assertTrue(x.delete("join-2")); // it answered
        });
        run(st -> {
            assertEquals(List.of("empty", "join-1"), st.exchangeStore().ids());
            assertArrayEquals(new byte[] {4}, st.exchangeStore().get("join-1"));
            assertThrows(IllegalArgumentException.class, () -> st.exchangeStore().get("x".repeat(401)));
            assertThrows(IllegalArgumentException.class, () -> st.exchangeStore().put("", new byte[1]));
        });
    }

    @Test
    void discardedWritesLeaveNothing() {
        run(st -> st.exchangeStore().put("a", new byte[] {1}));
        try (StepScope scope = storage.openStep()) {
            scope.exchangeStore().put("b", new byte[] {2});
            assertTrue(scope.exchangeStore().delete("a"));
            scope.discard();
            assertEquals(List.of("a"), scope.exchangeStore().ids());
            scope.exchangeStore().put("c", new byte[] {3});
            scope.commit();
        }
        assertEquals(List.of("a", "c"), inStep(st -> st.exchangeStore().ids()));
    }
}
