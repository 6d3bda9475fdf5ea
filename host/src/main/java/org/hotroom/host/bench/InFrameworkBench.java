package org.hotroom.host.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotroom.api.Benchmark;
import org.hotroom.host.HotroomServer;
import org.hotroom.host.framework.EmbeddedFramework;
import org.osgi.framework.ServiceReference;

/**
 * Runs a {@link Benchmark} that a bundle offers, inside the embedded framework booted with the
 * real bundles in a temporary data dir (no listeners), so bundle code is measured as the server
 * runs it.
 */
public final class InFrameworkBench {

    private InFrameworkBench() {}

    /** Runs benchmark {@code name}; returns the exit status (2 when no bundle offers it). */
    public static int run(String name, List<String> args, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("hotroom-bench-" + name);
        try (EmbeddedFramework framework = EmbeddedFramework.start(HotroomServer.defaultBundlesDir(), dir, Map.of(
                "hotroom.storage.path", dir.resolve("store").toString(),
                "hotroom.storage.map_size_mb", "64",
                "hotroom.storage.sync", "false"))) {
            framework.awaitService(org.hotroom.api.storage.Storage.class, 30_000);
            List<String> known = new ArrayList<>();
            for (ServiceReference<Benchmark> ref : framework.context().getServiceReferences(Benchmark.class, null)) {
                Benchmark b = framework.context().getService(ref);
                if (b == null) {
                    continue;
                }
                try {
                    if (b.name().equals(name)) {
                        Path work = Files.createDirectories(dir.resolve("work"));
                        return b.run(args, work, out);
                    }
                    known.add(b.usage());
                } finally {
                    framework.context().ungetService(ref);
                }
            }
            out.println("hotroom: no bundle offers a benchmark named '" + name + "'"
                    + (known.isEmpty() ? "" : "; offered: " + String.join("; ", known)));
            return 2;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            } catch (Exception e) {
                // a leftover temp dir is harmless
            }
        }
    }
}
