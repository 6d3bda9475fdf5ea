package org.hotroom.storage.intern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotroom.api.storage.CacheStats;
import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.Interner;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.storage.Db;
import org.hotroom.storage.LmdbStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interning on real LMDB, through the contract. */
class LmdbInternerTest {

    @TempDir
    Path dir;

    LmdbStorage storage;

    @BeforeEach
    void open() {
        storage = LmdbStorage.open(dir, 64L << 20, false);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    long intern(IdKind kind, String s) {
        try (StepScope scope = storage.openStep()) {
            long id = scope.interner().intern(kind, s);
            scope.commit();
            return id;
        }
    }

    long find(IdKind kind, String s) {
        try (StepScope scope = storage.openStep()) {
            return scope.interner().find(kind, s);
        }
    }

    String lookup(IdKind kind, long id) {
        try (StepScope scope = storage.openStep()) {
            return scope.interner().lookup(kind, id);
        }
    }

    @Test
    void wellKnownIdsNeedNoStorage() {
        try (StepScope scope = storage.openStep()) {
            Interner in = scope.interner();
            assertEquals(WellKnown.M_ROOM_MEMBER, in.intern(IdKind.EVENT_TYPE, "m.room.member"));
            assertEquals(WellKnown.M_ROOM_MESSAGE, in.find(IdKind.EVENT_TYPE, "m.room.message"));
            assertEquals(WellKnown.EMPTY_STATE_KEY, in.intern(IdKind.STATE_KEY, ""));
            assertEquals("m.room.power_levels", in.lookup(IdKind.EVENT_TYPE, WellKnown.M_ROOM_POWER_LEVELS));
            assertEquals("", in.lookup(IdKind.STATE_KEY, 1));
            scope.commit();
        }
        assertEquals(0, storage.entries(Db.INTERN_IDS), "nothing written");
    }

    @Test
    void internFindLookupPerKind() {
        long room = intern(IdKind.ROOM, "!a:example.org");
        long room2 = intern(IdKind.ROOM, "!b:example.org");
        long user = intern(IdKind.USER, "@alice:example.org");
        long key = intern(IdKind.STATE_KEY, "@alice:example.org");
        long type = intern(IdKind.EVENT_TYPE, "org.example.custom");
        long server = intern(IdKind.SERVER, "example.org");
        long event = intern(IdKind.EVENT, "$abc");
        assertEquals(1, room);
        assertEquals(2, room2);
        assertEquals(1, user, "kinds number separately");
        assertEquals(WellKnown.FIRST_DYNAMIC, key, "state keys start after the reserved range");
        assertEquals(WellKnown.FIRST_DYNAMIC, type);
        assertEquals(1, server);
        assertEquals(1, event);
        assertEquals(room, intern(IdKind.ROOM, "!a:example.org"), "stable");
        assertEquals(room2, find(IdKind.ROOM, "!b:example.org"));
        assertEquals(0, find(IdKind.ROOM, "!c:example.org"));
        assertEquals(0, find(IdKind.USER, "!a:example.org"));
        assertEquals("@alice:example.org", lookup(IdKind.STATE_KEY, key));
        assertEquals("org.example.custom", lookup(IdKind.EVENT_TYPE, type));
        assertNull(lookup(IdKind.ROOM, 3));
        assertNull(lookup(IdKind.ROOM, 0));
        assertNull(lookup(IdKind.ROOM, -1));
        assertEquals(0, find(IdKind.ROOM, "!c:example.org"), "find never interns");
    }

    @Test
    void aStepSeesItsOwnIdsAndAFailedStepGivesThemBack() {
        try (StepScope scope = storage.openStep()) {
            Interner in = scope.interner();
            long a = in.intern(IdKind.USER, "@a:x");
            long b = in.intern(IdKind.USER, "@b:x");
            assertEquals(a, in.find(IdKind.USER, "@a:x"));
            assertEquals("@b:x", in.lookup(IdKind.USER, b));
            assertEquals(2, b);
        } // not committed
        assertEquals(0, find(IdKind.USER, "@a:x"));
        assertNull(lookup(IdKind.USER, 1));
        assertEquals(1, intern(IdKind.USER, "@c:x"), "ID 1 is free again");
        assertEquals("@c:x", lookup(IdKind.USER, 1));
    }

    @Test
    void discardForgetsTheStepsIdsAndTheNextOnesDoNotCollide() {
        long kept = intern(IdKind.USER, "@kept:x");
        try (StepScope scope = storage.openStep()) {
            Interner in = scope.interner();
            long a = in.intern(IdKind.USER, "@a:x");
            long type = in.intern(IdKind.EVENT_TYPE, "org.example.gone");
            assertEquals(a, in.find(IdKind.USER, "@a:x"));
            scope.discard();
            assertEquals(0, in.find(IdKind.USER, "@a:x"));
            assertNull(in.lookup(IdKind.USER, a));
            assertNull(in.lookup(IdKind.EVENT_TYPE, type));
            assertEquals(kept, in.find(IdKind.USER, "@kept:x"));
            long b = in.intern(IdKind.USER, "@b:x");
            assertEquals(a, b, "the discarded ID is free again");
            assertEquals("@b:x", in.lookup(IdKind.USER, b));
            assertEquals(0, in.find(IdKind.USER, "@a:x"), "and names only the new string");
            assertEquals(type, in.intern(IdKind.EVENT_TYPE, "org.example.new"));
            scope.commit();
        }
        long hits = storage.cacheStats().get("intern.names").hits();
        assertEquals("@b:x", lookup(IdKind.USER, kept + 1));
        assertEquals("org.example.new", lookup(IdKind.EVENT_TYPE, WellKnown.FIRST_DYNAMIC));
        assertEquals(hits + 2, storage.cacheStats().get("intern.names").hits(), "the caches learnt the committed names");
        assertEquals(0, find(IdKind.USER, "@a:x"));
        assertEquals(0, find(IdKind.EVENT_TYPE, "org.example.gone"));
        assertEquals(kept + 2, intern(IdKind.USER, "@a:x"), "a string discarded once gets a fresh ID later");
    }

    @Test
    void idsSurviveReopening() {
        long a = intern(IdKind.EVENT, "$one");
        long b = intern(IdKind.EVENT, "$two");
        storage.close();
        storage = LmdbStorage.open(dir, 64L << 20, false);
        assertEquals(a, find(IdKind.EVENT, "$one"));
        assertEquals("$two", lookup(IdKind.EVENT, b));
        assertEquals(3, intern(IdKind.EVENT, "$three"));
    }

    @Test
    void longAndUnusualStrings() {
        String longKey = "k".repeat(5000);
        String longKey2 = "k".repeat(4999) + "j";
        String unicode = "@\uD83D\uDE00\u00e9:example.org";
        long a = intern(IdKind.STATE_KEY, longKey);
        long b = intern(IdKind.STATE_KEY, longKey2);
        long c = intern(IdKind.STATE_KEY, unicode);
        long d = intern(IdKind.STATE_KEY, "x".repeat(400));
        long e = intern(IdKind.STATE_KEY, "x".repeat(401));
        assertEquals(5, java.util.Set.of(a, b, c, d, e).size());
        assertEquals(a, find(IdKind.STATE_KEY, longKey));
        assertEquals(longKey2, lookup(IdKind.STATE_KEY, b));
        assertEquals(unicode, lookup(IdKind.STATE_KEY, c));
        assertEquals(e, find(IdKind.STATE_KEY, "x".repeat(401)));
        assertThrows(IllegalArgumentException.class, () -> find(IdKind.USER, "@\uD83D:x"));
        assertThrows(IllegalArgumentException.class, () -> intern(IdKind.USER, "@\uDE00:x"));
        assertThrows(NullPointerException.class, () -> find(IdKind.USER, null));
    }

    @Test
    void cachesLearnOnlyCommittedIdsAndCountHits() {
        long a = intern(IdKind.ROOM, "!r:x");
        for (int i = 0; i < 10; i++) {
            assertEquals(a, find(IdKind.ROOM, "!r:x"));
            assertEquals("!r:x", lookup(IdKind.ROOM, a));
        }
        Map<String, CacheStats> stats = storage.cacheStats();
        CacheStats ids = stats.get("intern.ids");
        CacheStats names = stats.get("intern.names");
        assertTrue(ids.hitRatio() > 0.8, ids.toString());
        assertEquals(1.0, names.hitRatio(), names.toString() + ": the name was cached at commit");
        assertTrue(stats.containsKey("kh.branches"), "the strategy's caches are listed too");
    }

    @Test
    void twoStepsInterningTheSameStringAgree() throws Exception {
        CountDownLatch found = new CountDownLatch(1);
        CountDownLatch firstCommitted = new CountDownLatch(1);
        CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> {
            try (StepScope scope = storage.openStep()) {
                assertEquals(0, scope.interner().find(IdKind.USER, "@same:x")); // reads an old snapshot
                found.countDown();
                firstCommitted.await(5, TimeUnit.SECONDS);
                long id = scope.interner().intern(IdKind.USER, "@same:x"); // must look again under the lock
                scope.commit();
                return id;
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(found.await(5, TimeUnit.SECONDS));
        long mine = intern(IdKind.USER, "@same:x");
        storage.cacheStats(); // (the cache now knows it; the other step must agree either way)
        firstCommitted.countDown();
        assertEquals(mine, other.get(10, TimeUnit.SECONDS));
        assertEquals(0, intern(IdKind.USER, "@next:x") - 2, "no ID was spent twice");
    }
}
