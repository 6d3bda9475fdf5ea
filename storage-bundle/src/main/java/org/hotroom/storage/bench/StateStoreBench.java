package org.hotroom.storage.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.hotroom.api.storage.EventStates;
import org.hotroom.api.storage.StateEntry;
import org.hotroom.api.storage.StateSnapshot;
import org.hotroom.api.storage.WellKnown;
import org.hotroom.storage.Db;
import org.hotroom.storage.LmdbStepScope;
import org.hotroom.storage.LmdbStorage;
import org.hotroom.storage.state.StateKeys;
import org.hotroom.storage.state.StateMap;

/**
 * The state-store benchmark: feeds one {@link HistoryGenerator} history into a fresh store per
 * strategy through the contract ({@link EventStates#record}, in steps of {@value #BATCH} events),
 * then measures what each keeps on disk and how fast it answers.
 *
 * <ul>
 *   <li><b>bytes</b>: LMDB pages (branch + leaf + overflow, from {@code mdb_stat}, free pages not
 *       counted) of the strategy's databases ("state") and of the event index shared by all
 *       strategies ("index"), divided by the number of state events.
 *   <li><b>full</b>: the whole state after a random event ({@code after(e).forEach}), p50 and p99.
 *   <li><b>get</b>: one {@code m.room.member} cell after a random event ({@code after(e).get}, which
 *       includes the event-index lookup), p50 and p99; users drawn from everyone who ever joined.
 * </ul>
 * Every strategy reads the same samples, and the digest of the answers must be equal across
 * strategies: a cheap cross-check of correctness at full size.
 *
 * <p>Kept free of any CLI or OSGi so a {@code hotroom bench state-store} command can call {@link
 * #run} and print {@link #table}.
 */
public final class StateStoreBench {

    static final int BATCH = 256;
    static final long ROOM = 1;

    /** Latency percentiles in nanoseconds. */
    public record Latency(long p50, long p99, long max) {
        static Latency of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s.length == 0 ? new Latency(0, 0, 0)
                    : new Latency(s[s.length / 2], s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)], s[s.length - 1]);
        }
    }

    public record Result(String strategy, String profile, long events, long stateEvents, long stateBytes,
            long indexBytes, double writeSeconds, Latency full, Latency get, long avgStateSize, long digest) {
        double statePerChange() {
            return (double) stateBytes / stateEvents;
        }

        double totalPerChange() {
            return (double) (stateBytes + indexBytes) / stateEvents;
        }
    }

    private StateStoreBench() {}

    /**
     * Runs one strategy on one history in {@code dir} (created, and deleted afterwards).
     *
     * @param fullSamples whole-state reads to time (half as many again are run first as warm-up)
     * @param getSamples single-cell reads to time (likewise)
     */
    public static Result run(Path dir, String strategy, HistoryGenerator.Profile profile, long seed, int fullSamples,
            int getSamples, PrintStream log) {
        try {
            Files.createDirectories(dir);
            try (LmdbStorage storage = LmdbStorage.open(dir, 64L << 30, false, strategy)) {
                return measure(storage, strategy, profile, seed, fullSamples, getSamples, log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static Result measure(LmdbStorage storage, String strategy, HistoryGenerator.Profile profile, long seed,
            int fullSamples, int getSamples, PrintStream log) {
        HistoryGenerator gen = new HistoryGenerator(profile, seed);
        long events = 0;
        long stateEvents = 0;
        long t0 = System.nanoTime();
        while (gen.hasNext()) {
            try (LmdbStepScope scope = storage.openStep()) {
                EventStates es = scope.eventStates();
                for (int i = 0; i < BATCH && gen.hasNext(); i++) {
                    HistoryGenerator.Event e = gen.next();
                    StateSnapshot before = e.prev1() == 0 ? es.empty(ROOM) : es.after(e.prev1());
                    if (e.prev2() != 0 && !e.mergeDelta().isEmpty()) {
                        before = es.with(before, entries(e.mergeDelta()));
                    }
                    es.record(ROOM, e.id(), before, e.type(), e.stateKey());
                    events++;
                    if (e.isState()) {
                        stateEvents++;
                    }
                }
                scope.commit();
            }
            if (log != null && events % (BATCH * 200) < BATCH) {
                log.printf(Locale.ROOT, "  %s: %,d events, %.1f s%n", strategy, events, (System.nanoTime() - t0) / 1e9);
            }
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        long stateBytes = 0;
        for (Db db : Db.values()) {
            if (db != Db.META && db != Db.EVENT_STATE && db != Db.INTERN_IDS && db != Db.INTERN_NAMES) {
                stateBytes += storage.bytes(db);
            }
        }
        long indexBytes = storage.bytes(Db.EVENT_STATE);

        System.gc(); // the write phase's garbage should not land on the first reads of any strategy
        Random r = new Random(seed * 31 + 7);
        long users = gen.users();
        long[] fullNanos = new long[fullSamples];
        long[] getNanos = new long[getSamples];
        long digest = 0;
        long cells = 0;
        try (LmdbStepScope scope = storage.openStep()) {
            EventStates es = scope.eventStates();
            long[] count = new long[1];
            long[] fold = new long[1];
            for (int round = 0; round < 2; round++) { // round 0 warms up
                int n = round == 0 ? fullSamples / 2 : fullSamples;
                for (int i = 0; i < n; i++) {
                    long e = 1 + (long) r.nextInt((int) events);
                    count[0] = 0;
                    fold[0] = 0;
                    long s = System.nanoTime();
                    es.after(e).forEach((type, key, ev) -> {
                        count[0]++;
                        fold[0] = fold[0] * 31 + StateKeys.pack(type, key) * 17 + ev;
                        return true;
                    });
                    long d = System.nanoTime() - s;
                    if (round == 1) {
                        fullNanos[i] = d;
                        digest = digest * 1_000_003 + fold[0];
                        cells += count[0];
                    }
                }
            }
            for (int round = 0; round < 2; round++) {
                int n = round == 0 ? getSamples / 2 : getSamples;
                for (int i = 0; i < n; i++) {
                    long e = 1 + (long) r.nextInt((int) events);
                    long u = HistoryGenerator.userKey(r.nextInt((int) users));
                    long s = System.nanoTime();
                    long v = es.after(e).get(WellKnown.M_ROOM_MEMBER, u);
                    long d = System.nanoTime() - s;
                    if (round == 1) {
                        getNanos[i] = d;
                        digest = digest * 1_000_003 + v;
                    }
                }
            }
        }
        return new Result(storage.stateStore().name(), profile.name(), events, stateEvents, stateBytes, indexBytes,
                writeSeconds, Latency.of(fullNanos), Latency.of(getNanos), fullSamples == 0 ? 0 : cells / fullSamples,
                digest);
    }

    private static List<StateEntry> entries(StateMap m) {
        List<StateEntry> out = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            out.add(new StateEntry(StateKeys.type(m.key(i)), StateKeys.stateKey(m.key(i)), m.event(i)));
        }
        return out;
    }

    /** The results as a text table, one row per strategy. */
    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        if (results.isEmpty()) {
            return "";
        }
        Result first = results.get(0);
        sb.append(String.format(Locale.ROOT, "history %s: %,d events, %,d state changes, %,d cells in an average state%n",
                first.profile(), first.events(), first.stateEvents(), first.avgStateSize()));
        sb.append(String.format(Locale.ROOT, "%-18s %9s %11s %12s %12s %12s %10s %10s %9s %9s  %s%n", "strategy", "write s",
                "state MiB", "state B/chg", "index B/chg", "total B/chg", "full p50", "full p99", "get p50", "get p99",
                "digest"));
        for (Result x : results) {
            sb.append(String.format(Locale.ROOT, "%-18s %9.1f %11.2f %12.1f %12.1f %12.1f %8.2fms %8.2fms %7.1fus %7.1fus  %016x%n",
                    x.strategy(), x.writeSeconds(), x.stateBytes() / 1048576.0, x.statePerChange(),
                    (double) x.indexBytes() / x.stateEvents(), x.totalPerChange(), x.full().p50() / 1e6,
                    x.full().p99() / 1e6, x.get().p50() / 1e3, x.get().p99() / 1e3, x.digest()));
        }
        return sb.toString();
    }

    /**
     * {@code StateStoreBench <profile> [seed] [strategy ...]}: runs the strategies (default: all
     * four families) on the profile (h1, h2, h3) in a temporary directory and prints the table.
     */
    public static void main(String[] args) throws IOException {
        HistoryGenerator.Profile profile = HistoryGenerator.profile(args.length > 0 ? args[0] : "h2");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        List<String> strategies = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("hotroom", "blocks", "synapse", "levels:100,50,25");
        Path base = Files.createTempDirectory("hotroom-bench-");
        List<Result> results = new ArrayList<>();
        for (String s : strategies) {
            System.out.println("running " + s + " on " + profile.name() + " ...");
            results.add(run(base.resolve(s.replace(':', '_').replace(',', '_')), s, profile, seed, 1000, 20_000, System.out));
            System.out.print(table(results));
        }
        delete(base);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
