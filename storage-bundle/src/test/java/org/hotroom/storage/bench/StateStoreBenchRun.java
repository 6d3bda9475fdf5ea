package org.hotroom.storage.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the state-store benchmark from Maven, only when asked:
 * {@code mvn -pl storage-bundle test -Dtest=StateStoreBenchRun -Dhotroom.bench=h2
 * [-Dhotroom.bench.strategies=hotroom,blocks,synapse,levels:100/50/25] [-Dhotroom.bench.seed=1]}.
 * (Level sizes are separated by {@code /} here, since {@code ,} separates strategies.)
 */
class StateStoreBenchRun {

    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = "hotroom.bench", matches = "h[123]")
    void bench() {
        HistoryGenerator.Profile p = HistoryGenerator.profile(System.getProperty("hotroom.bench"));
        long seed = Long.getLong("hotroom.bench.seed", 1);
        int full = Integer.getInteger("hotroom.bench.full", 1000);
        int get = Integer.getInteger("hotroom.bench.get", 20_000);
        List<String> strategies = Arrays.stream(System.getProperty("hotroom.bench.strategies",
                "hotroom,blocks,synapse,levels:100/50/25").split(",")).map(s -> s.trim().replace('/', ',')).toList();
        List<StateStoreBench.Result> results = new ArrayList<>();
        for (String s : strategies) {
            System.out.println("running " + s + " on " + p.name() + " ...");
            results.add(StateStoreBench.run(dir.resolve(s.replace(':', '_').replace(',', '_')), s, p, seed, full, get,
                    System.out));
            System.out.print(StateStoreBench.table(results));
        }
    }
}
