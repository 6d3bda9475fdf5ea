package org.hotroom.storage.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hotroom.api.Benchmark;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./hotroom bench state-store [--histories h1,h2,h3] [--strategies ...] [--seed N]}: every
 * state store strategy on every generated history ({@link HistoryGenerator}), as a table per
 * history and one final JSON line. The blocks and synapse-default models skip h3 (a 100k-member
 * room with 1M state changes): at their h2 cost per change, which grows with the size of the
 * state, they would need well over 10 GB.
 */
@Component(service = Benchmark.class)
public final class StateStoreBenchmark implements Benchmark {

    /** The strategy names, and the storage configuration each stands for. */
    static final Map<String, String> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put("hotroom", "hotroom");
        STRATEGIES.put("blocks", "blocks");
        STRATEGIES.put("synapse-default", "synapse");
        STRATEGIES.put("compressor-levels", "levels:100,50,25");
    }

    @Override
    public String name() {
        return "state-store";
    }

    @Override
    public String usage() {
        return "state-store [--histories h1,h2,h3] [--strategies " + String.join(",", STRATEGIES.keySet())
                + "] [--seed N]: bytes, write cost and read latency of each state store strategy";
    }

    @Override
    public int run(List<String> args, Path workDir, PrintStream out) {
        List<String> histories = List.of("h1", "h2", "h3");
        List<String> strategies = new ArrayList<>(STRATEGIES.keySet());
        long seed = 1;
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                out.println("state-store: " + args.get(i) + " needs a value");
                return 2;
            }
            String v = args.get(i + 1);
            switch (args.get(i)) {
                case "--histories" -> histories = List.of(v.split(","));
                case "--strategies" -> strategies = List.of(v.split(","));
                case "--seed" -> seed = Long.parseLong(v);
                default -> {
                    out.println("state-store: unknown option " + args.get(i) + "; " + usage());
                    return 2;
                }
            }
        }
        for (String s : strategies) {
            if (!STRATEGIES.containsKey(s)) {
                out.println("state-store: unknown strategy " + s + "; one of " + STRATEGIES.keySet());
                return 2;
            }
        }
        for (String h : histories) {
            if (!h.matches("h[123]")) {
                out.println("state-store: unknown history " + h + "; one of h1, h2, h3");
                return 2;
            }
        }
        StringBuilder json = new StringBuilder("{\"bench\": \"state-store\", \"results\": [");
        boolean first = true;
        for (String h : histories) {
            HistoryGenerator.Profile profile = HistoryGenerator.profile(h);
            List<StateStoreBench.Result> results = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String s : strategies) {
                if (h.equals("h3") && (s.equals("blocks") || s.equals("synapse-default"))) {
                    out.println(s + " on h3: skipped (would need well over 10 GB)");
                    json.append(first ? "" : ", ").append(String.format(Locale.ROOT,
                            "{\"history\": \"%s\", \"strategy\": \"%s\", \"skipped\": \"would need well over 10 GB\"}", h, s));
                    first = false;
                    continue;
                }
                out.println("running " + s + " on " + h + " ...");
                StateStoreBench.Result r = StateStoreBench.run(workDir.resolve(h + "-" + s), STRATEGIES.get(s), profile,
                        seed, 1000, 20_000, out);
                results.add(r);
                names.add(s);
                out.print(StateStoreBench.table(results));
                json.append(first ? "" : ", ").append(String.format(Locale.ROOT,
                        "{\"history\": \"%s\", \"strategy\": \"%s\", \"bytes_per_change\": %.1f,"
                                + " \"write_us_per_change\": %.2f, \"full_read_p50_ms\": %.3f, \"full_read_p99_ms\": %.3f,"
                                + " \"lookup_p50_us\": %.2f, \"lookup_p99_us\": %.2f}",
                        h, s, r.totalPerChange(), r.writeSeconds() * 1e6 / r.stateEvents(), r.full().p50() / 1e6,
                        r.full().p99() / 1e6, r.get().p50() / 1e3, r.get().p99() / 1e3));
                first = false;
            }
        }
        out.println(json.append("]}"));
        return 0;
    }
}
