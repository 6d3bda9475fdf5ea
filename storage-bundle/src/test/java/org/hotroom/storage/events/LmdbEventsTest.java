package org.hotroom.storage.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotroom.api.storage.EventMeta;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.FilterStats;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.LmdbStepScope;
import org.hotroom.storage.LmdbStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events on real LMDB, through the contract: bytes, metadata, the room graph, the filter. */
class LmdbEventsTest {

    @TempDir
    Path dir;

    LmdbStorage storage;

    @BeforeEach
    void open() {
        storage = LmdbStorage.open(dir, 256L << 20, false);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    void reopen() throws InterruptedException {
        storage.close();
        storage = LmdbStorage.open(dir, 256L << 20, false);
        assertTrue(storage.eventFilter().awaitBuilt(30, TimeUnit.SECONDS));
    }

    <T> T inStep(Function<StepStorage, T> body) {
        try (StepScope scope = storage.openStep()) {
            T t = body.apply(scope);
            scope.commit();
            return t;
        }
    }

    void run(Consumer<StepStorage> body) {
        inStep(st -> {
            body.accept(st);
            return null;
        });
    }

    <T> T read(Function<Events, T> body) {
        try (StepScope scope = storage.openStep()) {
            return body.apply(scope.events());
        }
    }

    static long id(StepStorage st, IdKind kind, String s) {
        return st.interner().intern(kind, s);
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A plain timeline event of a room, interned and stored in the given step. */
    static EventMeta put(StepStorage st, String eventId, String room, long depth, long ordering, long... prev) {
        EventMeta m = new EventMeta(id(st, IdKind.EVENT, eventId), id(st, IdKind.ROOM, room), WellKnown.M_ROOM_MESSAGE,
                0, id(st, IdKind.USER, "@alice:x"), depth, 1_700_000_000_000L + depth, ordering, new long[0], prev, 0);
        st.events().put(m, json("{\"event_id\":\"" + eventId + "\"}"));
        return m;
    }

    record Visit(long position, long event) {}

    static List<Visit> timeline(Events ev, long room, long from, boolean forwards) {
        List<Visit> out = new ArrayList<>();
        ev.timeline(room, from, forwards, (p, e) -> out.add(new Visit(p, e)));
        return out;
    }

    static List<Visit> byDepth(Events ev, long room, long maxDepth) {
        List<Visit> out = new ArrayList<>();
        ev.byDepth(room, maxDepth, (p, e) -> out.add(new Visit(p, e)));
        return out;
    }

    @Test
    void jsonComesBackByteForByte() {
        byte[] odd = {'{', '"', 'a', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0xA9, '\\', 'u', '0', '0', '0', '0', '"', '}'};
        byte[] big = new byte[300_000]; // over the typical 65 KB: never refused
        new Random(1).nextBytes(big);
        long[] ids = inStep(st -> {
            long a = put(st, "$a", "!r:x", 1, 1).event();
            EventMeta b = new EventMeta(id(st, IdKind.EVENT, "$b"), id(st, IdKind.ROOM, "!r:x"), WellKnown.M_ROOM_MESSAGE, 0,
                    id(st, IdKind.USER, "@a:x"), 2, 0, 2, new long[0], new long[] {a}, 0);
            st.events().put(b, odd);
            EventMeta c = new EventMeta(id(st, IdKind.EVENT, "$c"), b.room(), WellKnown.M_ROOM_MESSAGE, 0, b.sender(), 3, 0, 3,
                    new long[0], new long[] {b.event()}, 0);
            st.events().put(c, big);
            assertArrayEquals(big, st.events().json(c.event()), "before commit");
            return new long[] {a, b.event(), c.event()};
        });
        read(ev -> {
            assertEquals("{\"event_id\":\"$a\"}", new String(ev.json(ids[0]), StandardCharsets.UTF_8));
            assertArrayEquals(odd, ev.json(ids[1]));
            assertArrayEquals(big, ev.json(ids[2]));
            byte[] copy = ev.json(ids[1]);
            copy[0] = 'X';
            assertArrayEquals(odd, ev.json(ids[1]), "callers get copies");
            assertNull(ev.json(999));
            assertNull(ev.json(0));
            assertNull(ev.meta(999));
            return null;
        });
    }

    @Test
    void metadataComesBackWhole() {
        long[] longList = new long[300];
        for (int i = 0; i < longList.length; i++) {
            longList[i] = i % 2 == 0 ? i + 1 : Long.MAX_VALUE - i; // near and far, below and above the event
        }
        EventMeta full = new EventMeta(1000, 5, WellKnown.M_ROOM_MEMBER, 300, 77, 123_456, 1_712_345_678_901L, -42,
                new long[] {999, 3, 1001}, longList, EventMeta.REJECTED | EventMeta.SOFT_FAILED | EventMeta.OUTLIER);
        EventMeta bare = new EventMeta(1001, Long.MAX_VALUE, Integer.MAX_VALUE, 0, 1, -5, -1, 0, new long[0], new long[0], 0);
        run(st -> {
            internUpTo(st, 1001); // both must be interned event IDs
            st.events().put(full, json("{}"));
            st.events().put(bare, json("{}"));
            assertEquals(full, st.events().meta(full.event()), "before commit");
        });
        read(ev -> {
            EventMeta m = ev.meta(full.event());
            assertEquals(full, m);
            assertArrayEquals(longList, m.prevEvents());
            assertArrayEquals(new long[] {999, 3, 1001}, m.authEvents());
            assertTrue(m.has(EventMeta.OUTLIER) && m.has(EventMeta.REJECTED) && m.has(EventMeta.SOFT_FAILED));
            assertEquals(bare, ev.meta(bare.event()));
            assertEquals(0, ev.meta(bare.event()).prevEvents().length);
            return null;
        });
        assertTrue(LmdbEvents.encode(new EventMeta(1000, 2, 18, 0, 3, 10, 1_700_000_000_000L, 500,
                new long[] {995, 996, 997}, new long[] {999}, 0)).length <= 25, "a typical event's metadata is small");
    }

    /** Interns event IDs until {@code last} is one (the interner numbers events from 1). */
    private static void internUpTo(StepStorage st, long last) {
        long got = 0;
        for (int i = 0; got < last; i++) {
            got = st.interner().intern(IdKind.EVENT, "$pad" + i);
        }
    }

    @Test
    void sameMetadataAgainIsANoOpAndOtherMetadataMovesTheEvent() {
        EventMeta[] m = new EventMeta[3];
        run(st -> {
            m[0] = put(st, "$create", "!r:x", 1, 10);
            long room = m[0].room();
            m[1] = new EventMeta(id(st, IdKind.EVENT, "$auth"), room, WellKnown.M_ROOM_POWER_LEVELS, WellKnown.EMPTY_STATE_KEY,
                    m[0].sender(), 2, 5, 0, new long[] {m[0].event()}, new long[] {m[0].event()}, EventMeta.OUTLIER);
            st.events().put(m[1], json("{\"first\":true}"));
        });
        try (LmdbStepScope scope = storage.openStep()) {
            scope.events().put(m[1], json("{\"second\":true}"));
            assertFalse(scope.tx().pending(Db.EVENT_META, Bytes.longBE(m[1].event())), "nothing written");
            assertFalse(scope.tx().pending(Db.EVENT_JSON, Bytes.longBE(m[1].event())));
            scope.commit();
        }
        long room = m[0].room();
        read(ev -> {
            assertEquals(List.of(new Visit(10, m[0].event())), timeline(ev, room, Long.MIN_VALUE, true));
            assertEquals(List.of(new Visit(1, m[0].event())), byDepth(ev, room, Long.MAX_VALUE), "outliers are not in the depth order");
            return null;
        });
        // the outlier gets its place in the graph
        EventMeta placed = new EventMeta(m[1].event(), room, m[1].type(), m[1].stateKey(), m[1].sender(), 2, 5, 11,
                m[1].authEvents(), m[1].prevEvents(), 0);
        run(st -> st.events().put(placed, json("{\"third\":true}")));
        read(ev -> {
            assertEquals(placed, ev.meta(placed.event()));
            assertEquals("{\"first\":true}", new String(ev.json(placed.event()), StandardCharsets.UTF_8), "the first JSON stays");
            assertEquals(List.of(new Visit(10, m[0].event()), new Visit(11, placed.event())), timeline(ev, room, Long.MIN_VALUE, true));
            assertEquals(List.of(new Visit(2, placed.event()), new Visit(1, m[0].event())), byDepth(ev, room, Long.MAX_VALUE));
            return null;
        });
        // moved again (a new ordering, a new depth), then made an outlier once more: old entries go
        EventMeta moved = new EventMeta(placed.event(), room, placed.type(), placed.stateKey(), placed.sender(), 7, 5, -3,
                placed.authEvents(), placed.prevEvents(), 0);
        run(st -> st.events().put(moved, json("{}")));
        read(ev -> {
            assertEquals(List.of(new Visit(-3, moved.event()), new Visit(10, m[0].event())), timeline(ev, room, Long.MIN_VALUE, true));
            assertEquals(List.of(new Visit(7, moved.event()), new Visit(1, m[0].event())), byDepth(ev, room, Long.MAX_VALUE));
            return null;
        });
        run(st -> st.events().put(m[1], json("{}")));
        read(ev -> {
            assertEquals(List.of(new Visit(10, m[0].event())), timeline(ev, room, Long.MIN_VALUE, true));
            assertEquals(List.of(new Visit(1, m[0].event())), byDepth(ev, room, Long.MAX_VALUE));
            return null;
        });
        assertEquals(2, storage.entries(Db.EVENT_JSON));
        assertEquals(1, storage.entries(Db.EVENT_TIMELINE));
        assertEquals(1, storage.entries(Db.EVENT_DEPTH));
    }

    @Test
    void anOrderingNamesOneEventPerRoomAndBadPutsWriteNothing() {
        EventMeta a = inStep(st -> put(st, "$a", "!r:x", 1, 5));
        try (LmdbStepScope scope = storage.openStep()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> put(scope, "$b", "!r:x", 2, 5));
            assertTrue(e.getMessage().contains("already holds"), e.getMessage());
            put(scope, "$c", "!other:x", 1, 5); // another room may use the same ordering
            long b = scope.interner().find(IdKind.EVENT, "$b");
            assertNull(scope.events().meta(b));
            assertFalse(scope.tx().pending(Db.EVENT_JSON, Bytes.longBE(b)));
            EventMeta empty = new EventMeta(b, a.room(), a.type(), 0, a.sender(), 2, 0, 6, new long[0], new long[0], 0);
            assertThrows(IllegalArgumentException.class, () -> scope.events().put(empty, new byte[0]));
            assertThrows(NullPointerException.class, () -> scope.events().put(empty, null));
            assertNull(scope.events().meta(b), "an empty JSON is refused before anything is written");
            EventMeta notInterned = new EventMeta(12345, a.room(), a.type(), 0, a.sender(), 2, 0, 7, new long[0], new long[0], 0);
            assertThrows(IllegalArgumentException.class, () -> scope.events().put(notInterned, json("{}")));
            scope.commit();
        }
        read(ev -> {
            assertEquals(List.of(new Visit(5, a.event())), timeline(ev, a.room(), Long.MIN_VALUE, true));
            return null;
        });
    }

    @Test
    void forwardExtremities() {
        long room = inStep(st -> {
            long r = id(st, IdKind.ROOM, "!r:x");
            assertArrayEquals(new long[0], st.events().forwardExtremities(r), "unknown room");
            st.events().setForwardExtremities(r, new long[] {30, 7, 1_000_000_000_000L, 7});
            assertArrayEquals(new long[] {7, 30, 1_000_000_000_000L}, st.events().forwardExtremities(r), "before commit");
            return r;
        });
        read(ev -> {
            assertArrayEquals(new long[] {7, 30, 1_000_000_000_000L}, ev.forwardExtremities(room));
            assertArrayEquals(new long[0], ev.forwardExtremities(room + 1), "rooms are separate");
            return null;
        });
        run(st -> st.events().setForwardExtremities(room, new long[] {31}));
        assertArrayEquals(new long[] {31}, read(ev -> ev.forwardExtremities(room)));
        run(st -> st.events().setForwardExtremities(room, new long[0]));
        assertArrayEquals(new long[0], read(ev -> ev.forwardExtremities(room)));
        assertEquals(0, storage.entries(Db.EVENT_EXTREMITIES), "an empty set leaves no record");
        assertThrows(IllegalArgumentException.class, () -> run(st -> st.events().setForwardExtremities(room, new long[] {0})));
    }

    @Test
    void timelinesWalkBothWaysFromEitherEndAndTheMiddle() {
        long[] orderings = {-9, -5, -2, 1, 3, 8};
        long[][] ids = new long[2][];
        long[] rooms = new long[2];
        run(st -> {
            for (int r = 0; r < 2; r++) {
                ids[r] = new long[orderings.length];
                for (int i = 0; i < orderings.length; i++) {
                    // the second room's orderings are shifted so the two interleave
                    EventMeta m = put(st, "$" + r + "." + i, "!room" + r + ":x", i + 1, orderings[i] + r);
                    ids[r][i] = m.event();
                    rooms[r] = m.room();
                }
            }
        });
        read(ev -> {
            for (int r = 0; r < 2; r++) {
                long room = rooms[r];
                List<Visit> all = new ArrayList<>();
                for (int i = 0; i < orderings.length; i++) {
                    all.add(new Visit(orderings[i] + r, ids[r][i]));
                }
                List<Visit> reversed = new ArrayList<>(all);
                java.util.Collections.reverse(reversed);
                assertEquals(all, timeline(ev, room, Long.MIN_VALUE, true));
                assertEquals(reversed, timeline(ev, room, Long.MAX_VALUE, false));
                assertEquals(List.of(), timeline(ev, room, Long.MAX_VALUE, true));
                assertEquals(List.of(), timeline(ev, room, Long.MIN_VALUE, false));
                assertEquals(all.subList(3, 6), timeline(ev, room, -2 + r, true), "from is exclusive");
                assertEquals(reversed.subList(3, 6), timeline(ev, room, 1 + r, false));
                assertEquals(all.subList(2, 6), timeline(ev, room, -3 + r, true), "from between two events");
                assertEquals(reversed.subList(4, 6), timeline(ev, room, -3 + r, false));
                assertEquals(all.subList(0, 6), timeline(ev, room, -100, true), "from before the first");
                assertEquals(List.of(), timeline(ev, room, 100, true), "from after the last");
                assertEquals(reversed, timeline(ev, room, 100, false));
                assertEquals(-9 + r, ev.firstOrdering(room));
                assertEquals(8 + r, ev.lastOrdering(room));
                List<Visit> two = new ArrayList<>();
                ev.timeline(room, Long.MIN_VALUE, true, (p, e) -> two.add(new Visit(p, e)) && two.size() < 2);
                assertEquals(all.subList(0, 2), two, "the visitor stops the walk");
            }
            assertEquals(0, ev.lastOrdering(rooms[1] + 1));
            assertEquals(0, ev.firstOrdering(rooms[1] + 1));
            assertEquals(List.of(), timeline(ev, rooms[1] + 1, Long.MIN_VALUE, true));
            return null;
        });
    }

    @Test
    void byDepthWalksDownwardsWithEqualDepthsByDecreasingId() {
        long[] rooms = new long[2];
        List<Visit> expected = new ArrayList<>();
        run(st -> {
            long a = put(st, "$a", "!r:x", 1, 1).event();
            long b = put(st, "$b", "!r:x", 2, 2, a).event();
            long c = put(st, "$c", "!r:x", 2, 3, a).event();
            long d = put(st, "$d", "!r:x", 2, 4, a).event();
            long e = put(st, "$e", "!r:x", 3, 5, b, c, d).event();
            rooms[0] = st.interner().find(IdKind.ROOM, "!r:x");
            put(st, "$other", "!s:x", 2, 1); // another room: never in the walk
            rooms[1] = st.interner().find(IdKind.ROOM, "!s:x");
            expected.addAll(List.of(new Visit(3, e), new Visit(2, d), new Visit(2, c), new Visit(2, b), new Visit(1, a)));
            assertEquals(expected, byDepth(st.events(), rooms[0], Long.MAX_VALUE), "before commit");
        });
        read(ev -> {
            assertEquals(expected, byDepth(ev, rooms[0], Long.MAX_VALUE));
            assertEquals(expected, byDepth(ev, rooms[0], 3));
            assertEquals(expected.subList(1, 5), byDepth(ev, rooms[0], 2), "maxDepth is inclusive");
            assertEquals(List.of(), byDepth(ev, rooms[0], 0));
            assertEquals(1, byDepth(ev, rooms[1], Long.MAX_VALUE).size());
            List<Visit> first = new ArrayList<>();
            ev.byDepth(rooms[0], Long.MAX_VALUE, (p, e) -> first.add(new Visit(p, e)) && false);
            assertEquals(expected.subList(0, 1), first);
            return null;
        });
    }

    @Test
    void visibleInTheStepBeforeCommitToOthersAfterAndNeverWithoutCommit() throws Exception {
        assertTrue(storage.eventFilter().awaitBuilt(10, TimeUnit.SECONDS));
        try (StepScope writer = storage.openStep(); StepScope other = storage.openStep()) {
            EventMeta m = put(writer, "$seen", "!r:x", 1, 1);
            assertTrue(writer.events().mightContain("$seen"));
            assertEquals(m.event(), writer.events().find("$seen"));
            assertEquals(m, writer.events().meta(m.event()));
            assertEquals(1, writer.events().lastOrdering(m.room()));
            assertFalse(other.events().mightContain("$seen"), "another step does not see it");
            assertEquals(0, other.events().find("$seen"));
            assertNull(other.events().meta(m.event()));
            writer.commit();
        }
        read(ev -> {
            assertTrue(ev.mightContain("$seen"));
            assertNotNull(ev.meta(ev.find("$seen")));
            return null;
        });
        EventMeta[] lost = new EventMeta[1];
        try (StepScope scope = storage.openStep()) {
            lost[0] = put(scope, "$lost", "!r:x", 2, 2);
            scope.events().setForwardExtremities(lost[0].room(), new long[] {lost[0].event()});
        } // closed without commit
        read(ev -> {
            assertFalse(ev.mightContain("$lost"), "the filter learns only at commit");
            assertEquals(0, ev.find("$lost"));
            assertNull(ev.meta(lost[0].event()));
            assertNull(ev.json(lost[0].event()));
            assertEquals(1, ev.lastOrdering(lost[0].room()));
            assertArrayEquals(new long[0], ev.forwardExtremities(lost[0].room()));
            return null;
        });
        assertEquals(1, storage.entries(Db.EVENT_META));
        assertEquals(0, storage.entries(Db.EVENT_EXTREMITIES));
    }

    @Test
    void discardDropsTheStepsEventsAndTheStepGoesOn() throws Exception {
        assertTrue(storage.eventFilter().awaitBuilt(10, TimeUnit.SECONDS));
        EventMeta kept = inStep(st -> put(st, "$kept", "!r:x", 1, 1));
        long room = kept.room();
        try (StepScope scope = storage.openStep()) {
            EventMeta gone = put(scope, "$gone", "!r:x", 2, 2, kept.event());
            scope.events().setForwardExtremities(room, new long[] {gone.event()});
            scope.events().put(new EventMeta(kept.event(), room, kept.type(), 0, kept.sender(), 9, 0, 9, new long[0],
                    new long[0], 0), json("{}")); // moves a committed event
            scope.discard();
            Events ev = scope.events();
            assertFalse(ev.mightContain("$gone"));
            assertEquals(0, ev.find("$gone"));
            assertNull(ev.meta(gone.event()));
            assertNull(ev.json(gone.event()));
            assertEquals(kept, ev.meta(kept.event()), "the committed event is back where it was");
            assertEquals(List.of(new Visit(1, kept.event())), timeline(ev, room, Long.MIN_VALUE, true));
            assertEquals(List.of(new Visit(1, kept.event())), byDepth(ev, room, Long.MAX_VALUE));
            assertArrayEquals(new long[0], ev.forwardExtremities(room));

            EventMeta later = put(scope, "$later", "!r:x", 2, 2, kept.event());
            assertEquals(gone.event(), later.event(), "the discarded numeric ID now names the new event");
            assertEquals(later.event(), ev.find("$later"));
            assertEquals(0, ev.find("$gone"));
            scope.commit();
        }
        read(ev -> {
            assertFalse(ev.mightContain("$gone"), "the filter never heard of it");
            assertEquals(0, ev.find("$gone"));
            long later = ev.find("$later");
            assertEquals("{\"event_id\":\"$later\"}", new String(ev.json(later), StandardCharsets.UTF_8));
            assertEquals(List.of(new Visit(1, kept.event()), new Visit(2, later)), timeline(ev, room, Long.MIN_VALUE, true));
            return null;
        });
        assertEquals(2, storage.entries(Db.EVENT_META));
        assertEquals(2, storage.filterStats().get("events.ids").entries(), "only committed events reached the filter");
    }

    @Test
    void findNeedsTheEventStoredNotJustInterned() {
        run(st -> {
            st.interner().intern(IdKind.EVENT, "$only-interned"); // a prev_event we have not seen, say
            put(st, "$stored", "!r:x", 1, 1);
        });
        read(ev -> {
            assertEquals(0, ev.find("$only-interned"));
            assertEquals(0, ev.find("$never-heard-of"));
            assertTrue(ev.find("$stored") > 0);
            return null;
        });
    }

    @Test
    void theFilterKnowsEveryStoredIdAfterReopeningAndRarelyLetsAnAbsentOneThrough() throws Exception {
        int n = 100_000;
        for (int batch = 0; batch < n; batch += 25_000) {
            int from = batch;
            run(st -> {
                long room = id(st, IdKind.ROOM, "!big:x");
                long sender = id(st, IdKind.USER, "@a:x");
                for (int i = from; i < from + 25_000; i++) {
                    long e = id(st, IdKind.EVENT, "$stored-" + i);
                    st.events().put(new EventMeta(e, room, WellKnown.M_ROOM_MESSAGE, 0, sender, i + 1, i, i + 1,
                            new long[0], new long[0], 0), json("{}"));
                }
            });
        }
        reopen();
        FilterStats stats = storage.filterStats().get("events.ids");
        assertEquals(n, stats.entries());
        assertTrue(stats.bits() >= 12L * n, stats.toString());
        assertTrue(stats.falsePositiveRate() < 0.01, stats.toString());
        read(ev -> {
            for (int i = 0; i < n; i++) {
                assertTrue(ev.mightContain("$stored-" + i), "no false negatives");
            }
            int passed = 0;
            for (int i = 0; i < n; i++) {
                if (ev.mightContain("$absent-" + i)) {
                    passed++;
                }
            }
            assertTrue(passed < n / 50, passed + " of " + n + " absent IDs passed the filter");
            assertTrue(ev.find("$stored-" + (n - 1)) > 0);
            return null;
        });
    }
}
