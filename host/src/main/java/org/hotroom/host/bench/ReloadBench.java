package org.hotroom.host.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hotroom.host.HotroomServer;
import org.hotroom.host.config.ConfigLoader;
import org.hotroom.host.config.HostConfig;
import org.hotroom.host.tls.TlsMaterial;

/**
 * {@code hotroom bench reload}: starts a server on loopback, keeps {@code clients} threads
 * sending requests ({@code rate} per second in all, or as fast as they can for rate 0), and swaps
 * the logic {@code swaps} times, {@code intervalMillis} apart, through the admin API, alternating
 * two builds that report different versions. For each swap it measures the time from sending the
 * reload request until a client request is answered by the new version. Prints a table and a
 * final JSON line; {@code -Dhotroom.bench.reload_csv=FILE} also writes every counted swap to a CSV
 * file. The server runs in its own process (as an operator runs it) unless asked to share the
 * benchmark's JVM; {@code -Dhotroom.bench.server_jvm_options=...} gives it JVM options.
 */
public final class ReloadBench {

    private static final com.fasterxml.jackson.databind.ObjectMapper ADMIN_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private ReloadBench() {}

    public static int run(int swaps, int warmup, int clients, int rate, int intervalMillis, boolean inProcess,
                          PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("hotroom-bench-reload");
        Map<String, String> settings = Map.of(
                "data_dir", data.toString(),
                "listeners.client.port", "0",
                "listeners.federation.port", "0",
                // plain HTTP: the load and the probe should measure the reload, not TLS on 2 cores
                "listeners.federation.tls", "false",
                "storage.sync", "false");
        try (BenchServer server = inProcess ? BenchServer.inProcess(new ConfigLoader().load(null, settings))
                : BenchServer.subprocess(data, settings)) {
            Path builtIn = HotroomServer.defaultBundlesDir().resolve("hotroom-logic.jar");
            byte[][] jars = {LogicJars.withVariant(builtIn, "bench-a"), LogicJars.withVariant(builtIn, "bench-b")};
            HttpClient http = HttpClient.newBuilder().sslContext(TlsMaterial.clientContext(false))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI version = URI.create("http://127.0.0.1:" + server.federationPort() + "/_matrix/federation/v1/version");
            URI admin = URI.create("http://127.0.0.1:" + server.clientPort() + "/_hotroom/admin/v1/logic");

            // the probe has a client of its own, so it never queues behind the load's requests
            HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            java.util.concurrent.ExecutorService probes = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bench-probe");
                t.setDaemon(true);
                return t;
            });
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            List<Thread> load = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long periodNanos = rate == 0 ? 0 : 1_000_000_000L * clients / rate;
                Thread t = new Thread(() -> {
                    long next = System.nanoTime();
                    while (running.get()) {
                        if (periodNanos > 0) {
                            next += periodNanos;
                            long sleep = next - System.nanoTime();
                            if (sleep > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(sleep);
                            }
                        }
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(version)
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                            (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                }, "bench-client-" + c);
                t.setDaemon(true);
                t.start();
                load.add(t);
            }

            // warm-up swaps (not counted) let the JIT compile the reload path; the very first swap
            // of a fresh JVM is reported on its own
            double firstSwapMs = -1;
            for (int i = 0; i < warmup; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(admin)
                        .header("authorization", "Bearer " + server.adminToken())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(jars[i % 2])).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("warm-up reload " + i + " failed: " + r.body());
                }
                if (i == 0) {
                    firstSwapMs = (System.nanoTime() - t0) / 1e6;
                }
                Thread.sleep(intervalMillis);
            }
            double[] servingMs = new double[swaps];
            double[] swapMs = new double[swaps];
            double[] hostMs = new double[swaps];
            double[] receiveMs = new double[swaps];
            double[] handledMs = new double[swaps];
            Map<String, double[]> phases = new java.util.LinkedHashMap<>();
            for (int i = 0; i < swaps; i++) {
                final int index = i;
                Thread.sleep(intervalMillis);
                int which = (i + warmup) % 2;
                String expect = which == 0 ? "bench-a" : "bench-b";
                // the probe asks for the version every millisecond from just before the reload is
                // asked until the new version answers: "serving" is when it first did, which may
                // be before the admin call returns (the switch comes before the jar is stored)
                java.util.concurrent.Future<Long> seen = probes.submit(() -> {
                    while (true) {
                        HttpResponse<String> v = probe.send(HttpRequest.newBuilder(version).build(),
                                HttpResponse.BodyHandlers.ofString());
                        long at = System.nanoTime();
                        if (v.body().contains(expect)) {
                            return at;
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                });
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(admin)
                        .header("authorization", "Bearer " + server.adminToken())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(jars[which])).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    seen.cancel(true);
                    throw new IllegalStateException("reload " + i + " failed: " + r.body());
                }
                swapMs[i] = (System.nanoTime() - t0) / 1e6;
                com.fasterxml.jackson.databind.JsonNode answer = ADMIN_JSON.readTree(r.body());
                hostMs[i] = answer.path("swap_ms").asDouble();
                receiveMs[i] = answer.path("receive_ms").asDouble();
                handledMs[i] = answer.path("handled_ms").asDouble();
                answer.path("phases_ms").fields().forEachRemaining(f ->
                        phases.computeIfAbsent(f.getKey(), k -> new double[swaps])[index] = f.getValue().asDouble());
                servingMs[i] = (seen.get(30, java.util.concurrent.TimeUnit.SECONDS) - t0) / 1e6;
            }
            running.set(false);
            probes.shutdownNow();
            for (Thread t : load) {
                t.join(30_000);
            }
            String slowest = slowest(servingMs, swapMs, hostMs, receiveMs, handledMs, 3);
            writeCsv(System.getProperty("hotroom.bench.reload_csv"), servingMs, swapMs, hostMs, phases);
            Arrays.sort(servingMs);
            Arrays.sort(swapMs);
            double[] inOrder = hostMs.clone();
            Arrays.sort(hostMs);
            out.printf("reload benchmark: %d swaps (after %d warm-up swaps), %d ms apart, under %d clients sending %s;"
                    + " server %s%n", swaps, warmup, intervalMillis, clients,
                    rate == 0 ? "as fast as they can" : rate + " requests/s in all",
                    inProcess ? "in the benchmark's JVM" : "in its own process");
            if (firstSwapMs >= 0) {
                out.printf("  first swap in a fresh JVM: %.1f ms%n", firstSwapMs);
            }
            out.printf("  reload asked -> new version serving: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(servingMs, 50), pct(servingMs, 99), servingMs[swaps - 1]);
            out.printf("  admin reload call:                  p50 %.1f ms, p99 %.1f ms%n", pct(swapMs, 50), pct(swapMs, 99));
            double[] receiveSorted = receiveMs.clone();
            Arrays.sort(receiveSorted);
            out.printf("  jar upload (server's first call -> last byte): p50 %.1f ms, p99 %.1f ms%n",
                    pct(receiveSorted, 50), pct(receiveSorted, 99));
            out.printf("  host side (jar received -> switched): p50 %.1f ms, p99 %.1f ms; first swaps %s%n",
                    pct(hostMs, 50), pct(hostMs, 99), Arrays.toString(Arrays.copyOf(inOrder, Math.min(5, swaps))));
            StringBuilder stages = new StringBuilder();
            phases.forEach((stage, ms) -> {
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                stages.append(String.format(" %s %.1f/%.1f", stage, pct(sorted, 50), pct(sorted, 99)));
            });
            out.printf("  host side by stage, p50/p99 ms:%s%n", stages);
            out.printf("  slowest swaps: serving (admin call = jar upload as the server saw it + host side + the server's handling after the switch + network and client): %s%n",
                    slowest);
            out.printf("  requests under load: %d answered, %d failed%n", ok.get(), failed.get());
            out.printf("{\"bench\": \"reload\", \"swaps\": %d, \"clients\": %d, \"rate\": %d, \"swap_p50_ms\": %.2f, \"swap_p99_ms\": %.2f,"
                            + " \"requests\": %d, \"requests_failed\": %d}%n",
                    swaps, clients, rate, pct(servingMs, 50), pct(servingMs, 99), ok.get() + failed.get(), failed.get());
            return failed.get() == 0 ? 0 : 1;
        } finally {
            deleteTree(data);
        }
    }

    /**
     * One row per counted swap (serving, admin call, host side and its stages, in ms) to
     * {@code file}, if given ({@code -Dhotroom.bench.reload_csv=FILE}): for pooling runs and
     * looking at tails.
     */
    private static void writeCsv(String file, double[] serving, double[] admin, double[] host,
                                 Map<String, double[]> phases) throws java.io.IOException {
        if (file == null || file.isBlank()) {
            return;
        }
        StringBuilder sb = new StringBuilder("swap,serving_ms,admin_ms,host_ms");
        for (String stage : phases.keySet()) {
            sb.append(',').append(stage).append("_ms");
        }
        sb.append('\n');
        for (int i = 0; i < serving.length; i++) {
            sb.append(i).append(',').append(serving[i]).append(',').append(admin[i]).append(',').append(host[i]);
            for (double[] ms : phases.values()) {
                sb.append(',').append(ms[i]);
            }
            sb.append('\n');
        }
        Files.writeString(Path.of(file), sb);
    }

    /** The {@code n} slowest swaps, each split into the admin call (host side and the rest) and the probe. */
    private static String slowest(double[] serving, double[] admin, double[] host, double[] receive, double[] handled, int n) {
        Integer[] order = new Integer[serving.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(serving[b], serving[a]));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(n, order.length); k++) {
            int i = order[k];
            sb.append(k == 0 ? "" : "; ").append(String.format("#%d %.1f (admin call %.1f = %.1f + %.1f + %.1f + %.1f)", i,
                    serving[i], admin[i], receive[i], host[i], handled[i] - host[i] - receive[i], admin[i] - handled[i]));
        }
        return sb.toString();
    }

    static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // temp files are cleaned by the OS eventually
        }
    }
}
