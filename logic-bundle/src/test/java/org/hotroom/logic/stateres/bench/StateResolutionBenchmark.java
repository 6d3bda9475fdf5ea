package org.hotroom.logic.stateres.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.SignatureVerifier;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.stateres.Resolution;
import org.hotroom.logic.stateres.StateResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * State resolution of the two branches of a 30,000-member room ({@link BenchRoom#forked}) with
 * about 1,000 or 10,000 conflicted events, room versions 11 (v2) and 12 (v2.1): one whole
 * resolution per invocation, from event IDs to the resolved map, with the events in memory (a
 * hash map). Not a test: run it as docs/BENCHMARKS.md says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class StateResolutionBenchmark {

    @Param({"1000", "10000"})
    public int conflicted;

    @Param({"11", "12"})
    public String version;

    @Param({"30000"})
    public int members;

    private BenchRoom room;
    private StateResolver resolver;

    @Setup(Level.Trial)
    public void setUp() {
        room = BenchRoom.forked(version, members, conflicted, 42);
        resolver = new StateResolver(AuthRules.of(SignatureVerifier.NONE));
        Resolution r = resolver.resolveWithStats(room.version, room.stateSets, room.source());
        System.out.println("\n[room] v" + version + " events=" + room.events.size() + " state="
                + room.stateSets.get(0).size() + " " + r.stats());
    }

    @Benchmark
    public Map<TypeAndKey, String> resolve() {
        return resolver.resolve(room.version, room.stateSets, room.source());
    }
}
