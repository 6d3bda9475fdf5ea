package org.hotroom.storage.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.FilterStats;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.storage.Db;
import org.hotroom.storage.LmdbStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event filter's life: "maybe" to everything until its first build is done, every stored ID
 * known after it, adds during a build kept, growth when it gets too full. A filter with a small
 * minimum size runs beside the store's own, over the same stored events.
 */
class EventFilterTest {

    @TempDir
    Path dir;

    LmdbStorage storage;
    EventFilter filter;

    @BeforeEach
    void open() {
        storage = LmdbStorage.open(dir, 256L << 20, false);
    }

    @AfterEach
    void close() {
        if (filter != null) {
            filter.close();
        }
        storage.close();
    }

    void store(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("$s" + i);
        }
        store(ids);
    }

    void store(List<String> eventIds) {
        try (StepScope scope = storage.openStep()) {
            long room = scope.interner().intern(IdKind.ROOM, "!r:x");
            long sender = scope.interner().intern(IdKind.USER, "@a:x");
            for (String id : eventIds) {
                long e = scope.interner().intern(IdKind.EVENT, id);
                scope.events().put(new EventMeta(e, room, WellKnown.M_ROOM_MESSAGE, 0, sender, 1, 0, 0, new long[0],
                        new long[0], EventMeta.OUTLIER), new byte[] {'{', '}'});
            }
            scope.interner().intern(IdKind.EVENT, "$interned-only-" + eventIds.get(0));
            scope.commit();
        }
    }

    EventFilter smallFilter(long minCapacity) {
        filter = new EventFilter(storage::openStep, () -> storage.entries(Db.EVENT_META), minCapacity);
        return filter;
    }

    @Test
    void answersMaybeUntilBuiltThenKnowsEveryStoredId() throws Exception {
        store(0, 5000);
        EventFilter f = smallFilter(100);
        assertTrue(f.mightContain("$anything"), "no filter yet: maybe");
        assertEquals(1.0, f.stats().falsePositiveRate());
        f.start();
        assertTrue(f.awaitBuilt(10, TimeUnit.SECONDS));
        for (int i = 0; i < 5000; i++) {
            assertTrue(f.mightContain("$s" + i));
        }
        FilterStats st = f.stats();
        assertEquals(5000, st.entries(), "interned-only IDs are not stored events");
        assertTrue(st.bits() >= 2 * 5000 * EventFilter.BITS_PER_VALUE, "sized for twice the stored events: " + st);
        assertFalse(f.mightContain("$interned-only-0") && f.mightContain("$interned-only-1000"));
    }

    @Test
    void addsDuringTheBuildAreKeptAndAFullFilterGrows() throws Exception {
        store(0, 3000);
        EventFilter f = smallFilter(1000);
        f.start();
        List<String> added = new ArrayList<>();
        // as the store does: a step's IDs are added, then its events committed. The first rounds
        // race the first build; later ones push the filter past its rate, so it grows (maybe twice).
        for (int round = 0; round < 40; round++) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add("$added-" + round + "-" + i);
            }
            f.addAll(batch);
            store(batch);
            added.addAll(batch);
        }
        assertTrue(f.awaitBuilt(10, TimeUnit.SECONDS));
        for (String id : added) {
            assertTrue(f.mightContain(id), id);
        }
        for (int i = 0; i < 3000; i++) {
            assertTrue(f.mightContain("$s" + i));
        }
        FilterStats st = f.stats();
        assertTrue(st.bits() > 2 * 3000 * EventFilter.BITS_PER_VALUE, "grew beyond its first size: " + st);
        assertTrue(st.falsePositiveRate() <= EventFilter.MAX_FALSE_POSITIVE_RATE, st.toString());
        int passed = 0;
        for (int i = 0; i < 20_000; i++) {
            passed += f.mightContain("$absent-" + i) ? 1 : 0;
        }
        assertTrue(passed < 20_000 * 2 * EventFilter.MAX_FALSE_POSITIVE_RATE, passed + " absent IDs passed");
    }

    @Test
    void theStoresFilterLearnsCommittedEventsBeforeReadersCanSeeThem() throws Exception {
        assertTrue(storage.eventFilter().awaitBuilt(10, TimeUnit.SECONDS));
        store(0, 10);
        assertTrue(storage.eventFilter().mightContain("$s3"));
        assertEquals(Long.valueOf(10), Long.valueOf(storage.filterStats().get("events.ids").entries()));
    }

    @Test
    void theEstimateFollowsTheBits() {
        BlockedBloom b = new BlockedBloom(10_000, EventFilter.BITS_PER_VALUE);
        assertEquals(0.0, b.falsePositiveRate());
        byte[] x = new byte[40];
        for (int i = 0; i < 10_000; i++) {
            x[i % 40] ^= (byte) (i * 31 + 7);
            x[(i * 7) % 40]++;
            b.add(BlockedBloom.hash(x, 40, 42));
        }
        double rate = b.falsePositiveRate();
        assertTrue(rate > 0.001 && rate < 0.01, "about 0.4% at the capacity it was sized for: " + rate);
    }
}
