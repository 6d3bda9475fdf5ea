package org.hotroom.logic.stateres.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hotroom.logic.stateres.AuthChains;
import org.hotroom.logic.stateres.Interpretation;
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
 * Auth chains over a 100,000-event auth DAG ({@link BenchRoom#linear}: 33,331 users join and rename
 * themselves twice): the auth difference of two state sets of ~33,000 events each (one pass over
 * the union of their auth chains, interning included), and the auth chain of one state set
 * (server-server API "auth chain"). Not a test: run it as docs/BENCHMARKS.md says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class AuthChainBenchmark {

    @Param({"100000"})
    public int events;

    private BenchRoom room;
    private List<Collection<String>> sets;

    @Setup(Level.Trial)
    public void setUp() {
        room = BenchRoom.linear("11", events, 2);
        sets = new ArrayList<>();
        room.stateSets.forEach(s -> sets.add(s.values()));
        System.out.println("\n[room] events=" + room.events.size() + " chain="
                + AuthChains.authChain(sets.get(0), room.source()).size() + " difference="
                + authDifference().size());
    }

    @Benchmark
    public Set<String> authDifference() {
        return AuthChains.authDifference(sets, room.source(), Interpretation.SPEC);
    }

    @Benchmark
    public List<String> authChain() {
        return AuthChains.authChain(sets.get(0), room.source());
    }
}
