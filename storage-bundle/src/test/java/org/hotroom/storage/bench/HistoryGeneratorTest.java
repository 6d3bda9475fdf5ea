package org.hotroom.storage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator is deterministic and has the promised shape; the bench agrees across strategies. */
class HistoryGeneratorTest {

    @TempDir
    Path dir;

    static List<HistoryGenerator.Event> all(HistoryGenerator.Profile p, long seed) {
        List<HistoryGenerator.Event> out = new ArrayList<>();
        new HistoryGenerator(p, seed).forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        HistoryGenerator.Profile p = new HistoryGenerator.Profile("t", 3000, 0.3, 500, 0.05, 0.02);
        assertEquals(all(p, 9), all(p, 9));
        assertTrue(!all(p, 9).equals(all(p, 10)));
    }

    @Test
    void h2HasTheShapeOfMatrixHq() {
        HistoryGenerator g = new HistoryGenerator(HistoryGenerator.H2, 1);
        long events = 0;
        long state = 0;
        long members = 0;
        long merges = 0;
        long last = 0;
        while (g.hasNext()) {
            HistoryGenerator.Event e = g.next();
            assertEquals(last + 1, e.id(), "numbered in arrival order");
            assertTrue(e.prev1() < e.id() && e.prev2() < e.id());
            last = e.id();
            events++;
            if (e.isState()) {
                state++;
                if (e.type() == org.hotroom.api.storage.WellKnown.M_ROOM_MEMBER) {
                    members++;
                }
            }
            if (e.prev2() != 0) {
                merges++;
            }
        }
        assertTrue(state >= 100_000 && state < 100_100, "state events: " + state);
        assertTrue(members > 0.98 * state, "membership share: " + members + "/" + state);
        assertTrue(events > 120_000 && events < 130_000, "events: " + events);
        assertTrue(merges > 300 && merges < 1000, "merges: " + merges);
        assertTrue(Math.abs(g.joined() - 30_000) < 1500, "joined at the end: " + g.joined());
    }

    @Test
    void everyStrategyGivesTheSameAnswersOnASmallHistory() {
        HistoryGenerator.Profile p = new HistoryGenerator.Profile("t", 3000, 0.2, 800, 0.05, 0.02);
        List<StateStoreBench.Result> results = new ArrayList<>();
        for (String s : List.of("hotroom", "blocks", "synapse", "levels:100,50,25", "levels:5,4,3")) {
            results.add(StateStoreBench.run(dir.resolve(s.replace(':', '_').replace(',', '_')), s, p, 3, 40, 400, null));
        }
        String table = StateStoreBench.table(results);
        for (StateStoreBench.Result r : results) {
            assertEquals(results.get(0).digest(), r.digest(), table);
            assertEquals(results.get(0).avgStateSize(), r.avgStateSize(), table);
        }
    }
}
