package org.hotroom.host.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hotroom.host.config.ConfigLoader;

/**
 * {@code hotroom bench client}: {@code syncers} users long-polling {@code /sync} and
 * {@code senders} users sending messages as fast as their replies come back (each one at a time),
 * all in one room, against a server on loopback (its own process unless asked to share the
 * benchmark's JVM). After a warm-up it measures, for {@code seconds}:
 * <ul>
 *   <li>messages per second end to end: messages sent in the window that every syncer received,
 *       per second;</li>
 *   <li>delivery latency: from the start of a message's send request to the moment a syncer's
 *       {@code /sync} answer carrying it arrived, over every (message, syncer) pair, p50/p99;</li>
 *   <li>then, with the load stopped, the long-poll wake: one syncer waits in a long-poll, a
 *       message is sent, and the time from the send's start to the {@code /sync} answer is taken,
 *       {@code wakes} times.</li>
 * </ul>
 * Rate limits are switched off in the server it starts: this measures the server, not its
 * limiter. Prints a summary and a final JSON line; exits non-zero when a request failed or a
 * message went missing.
 */
public final class ClientBench {

    /** The sync filter: timelines long enough that no answer is cut under load. */
    static final String FILTER = "{\"room\":{\"timeline\":{\"limit\":1000}}}";
    /** In each message: when its send started, in ns after the benchmark's start; and whether in the window. */
    private static final String MARK = "hotroom_bench_sent_ns";
    private static final String WINDOW = "hotroom_bench_window";

    private ClientBench() {}

    /** One message as the benchmark sent it. */
    private record Sent(long startNs, boolean inWindow) {}

    public static int run(int syncers, int senders, int seconds, int warmupSeconds, int wakes, boolean inProcess,
                          PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("hotroom-bench-client");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data_dir", data.toString());
        settings.put("listeners.client.port", "0");
        settings.put("listeners.federation.port", "0");
        settings.put("listeners.federation.tls", "false");
        settings.put("storage.sync", "false");
        settings.put("rate_limits", "off");
        Map<String, String> inProcessSettings = new LinkedHashMap<>(settings);
        inProcessSettings.remove("rate_limits");
        for (String c : List.of("login", "registration", "message", "create_room", "join")) {
            inProcessSettings.put("rate_limits." + c + ".per_second", "0");
        }
        long base = System.nanoTime();
        try (BenchServer server = inProcess ? BenchServer.inProcess(new ConfigLoader().load(null, inProcessSettings))
                : BenchServer.subprocess(data, settings)) {
            String url = "http://127.0.0.1:" + server.clientPort();
            HttpClient http = MatrixClient.http();

            // users and the room
            List<MatrixClient> sending = new ArrayList<>();
            List<MatrixClient> syncing = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                sending.add(MatrixClient.register(http, url, "sender" + i, "bench password " + i));
            }
            for (int i = 0; i < syncers; i++) {
                syncing.add(MatrixClient.register(http, url, "syncer" + i, "bench password " + i));
            }
            MatrixClient owner = sending.get(0);
            String room = owner.createRoom("public_chat");
            for (MatrixClient c : sending.subList(1, sending.size())) {
                c.join(room);
            }
            for (MatrixClient c : syncing) {
                c.join(room);
            }

            Map<String, Sent> sent = new ConcurrentHashMap<>();
            AtomicBoolean sendingOn = new AtomicBoolean(true);
            AtomicBoolean syncingOn = new AtomicBoolean(true);
            AtomicBoolean inWindow = new AtomicBoolean(false);
            AtomicLong errors = new AtomicLong();
            AtomicLong limitedAnswers = new AtomicLong();
            List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
            // per syncer: latencies of in-window messages, in ms
            List<List<Double>> latencies = new ArrayList<>();
            List<Map<String, Boolean>> received = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();

            // each syncer starts from now, so it reports only what is sent from here on
            List<String> sinces = new ArrayList<>();
            for (MatrixClient c : syncing) {
                sinces.add(c.sync(null, 0, FILTER).expect(200, "initial sync").json().path("next_batch").asText());
            }
            for (int i = 0; i < syncers; i++) {
                MatrixClient c = syncing.get(i);
                List<Double> mine = java.util.Collections.synchronizedList(new ArrayList<>());
                Map<String, Boolean> got = new ConcurrentHashMap<>();
                latencies.add(mine);
                received.add(got);
                String start = sinces.get(i);
                Thread t = new Thread(() -> {
                    String since = start;
                    while (syncingOn.get()) {
                        try {
                            MatrixClient.Reply r = c.sync(since, 5_000, FILTER);
                            long now = System.nanoTime();
                            if (r.status() != 200) {
                                error(errors, firstErrors, "sync " + r.status() + " " + r.body());
                                Thread.sleep(100);
                                continue;
                            }
                            since = r.json().path("next_batch").asText(since);
                            JsonNode timeline = r.json().path("rooms").path("join").path(room).path("timeline");
                            if (timeline.path("limited").asBoolean(false)) {
                                limitedAnswers.incrementAndGet();
                            }
                            for (JsonNode e : timeline.path("events")) {
                                String id = e.path("event_id").asText();
                                if (!e.path("content").has(MARK) || got.putIfAbsent(id, true) != null) {
                                    continue;
                                }
                                if (e.path("content").path(WINDOW).asBoolean()) {
                                    mine.add((now - base - e.path("content").path(MARK).asLong()) / 1e6);
                                }
                            }
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            if (syncingOn.get()) {
                                error(errors, firstErrors, "sync: " + e);
                            }
                        }
                    }
                }, "bench-syncer-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
            List<Thread> senderThreads = new ArrayList<>();
            AtomicLong sentInWindow = new AtomicLong();
            for (int i = 0; i < senders; i++) {
                MatrixClient c = sending.get(i);
                int index = i;
                Thread t = new Thread(() -> {
                    long n = 0;
                    while (sendingOn.get()) {
                        long t0 = System.nanoTime();
                        boolean counted = inWindow.get();
                        ObjectNode content = MatrixClient.text("bench " + index + "/" + n++);
                        content.put(MARK, t0 - base);
                        content.put(WINDOW, counted);
                        try {
                            MatrixClient.Reply r = c.send(room, content);
                            if (r.status() != 200) {
                                error(errors, firstErrors, "send " + r.status() + " " + r.body());
                                continue;
                            }
                            sent.put(r.json().path("event_id").asText(), new Sent(t0, counted));
                            if (counted) {
                                sentInWindow.incrementAndGet();
                            }
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            error(errors, firstErrors, "send: " + e);
                        }
                    }
                }, "bench-sender-" + i);
                t.setDaemon(true);
                senderThreads.add(t);
            }
            threads.forEach(Thread::start);
            senderThreads.forEach(Thread::start);

            Thread.sleep(warmupSeconds * 1000L);
            inWindow.set(true);
            long windowStart = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            inWindow.set(false);
            double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
            sendingOn.set(false);
            for (Thread t : senderThreads) {
                t.join(60_000);
            }
            // let the syncers catch up with the last messages
            List<String> windowIds = new ArrayList<>();
            sent.forEach((id, s) -> {
                if (s.inWindow()) {
                    windowIds.add(id);
                }
            });
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && !allReceived(received, windowIds)) {
                Thread.sleep(20);
            }
            syncingOn.set(false);
            for (Thread t : threads) {
                t.join(15_000);
            }
            long delivered = 0;
            long complete = 0;
            for (String id : windowIds) {
                int n = 0;
                for (Map<String, Boolean> got : received) {
                    n += got.containsKey(id) ? 1 : 0;
                }
                delivered += n;
                complete += n == syncers ? 1 : 0;
            }
            long missing = (long) windowIds.size() * syncers - delivered;
            double[] all = latencies.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sorted().toArray();

            // the long-poll wake, with the load stopped
            double[] wake = new double[wakes];
            MatrixClient waiter = syncing.get(0);
            String since = waiter.sync(null, 0, FILTER).expect(200, "sync").json().path("next_batch").asText();
            for (int i = 0; i < wakes; i++) {
                String from = since;
                CompletableFuture<MatrixClient.Reply> poll = CompletableFuture.supplyAsync(() -> {
                    try {
                        return waiter.sync(from, 30_000, FILTER);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(100); // the poll is waiting in the server by now
                long t0 = System.nanoTime();
                String id = owner.send(room, MatrixClient.text("wake " + i)).expect(200, "send").json()
                        .path("event_id").asText();
                MatrixClient.Reply r = poll.get(30, TimeUnit.SECONDS).expect(200, "long-poll");
                wake[i] = (System.nanoTime() - t0) / 1e6;
                if (!r.body().contains(id)) {
                    // woken by something else first: wait for the message itself
                    while (!r.body().contains(id)) {
                        r = waiter.sync(r.json().path("next_batch").asText(), 30_000, FILTER).expect(200, "sync");
                    }
                    wake[i] = (System.nanoTime() - t0) / 1e6;
                }
                since = r.json().path("next_batch").asText();
            }
            double[] wakeSorted = wake.clone();
            Arrays.sort(wakeSorted);

            double messagesPerSecond = complete / windowSeconds;
            double deliveriesPerSecond = delivered / windowSeconds;
            out.printf("client benchmark: %d syncers and %d senders in one room, %d s measured after %d s warm-up;"
                    + " server %s%n", syncers, senders, seconds, warmupSeconds,
                    inProcess ? "in the benchmark's JVM" : "in its own process");
            out.printf("  messages sent in the window: %d (%.1f/s); received by every syncer: %d (%.1f/s end to end)%n",
                    sentInWindow.get(), sentInWindow.get() / windowSeconds, complete, messagesPerSecond);
            out.printf("  deliveries (message x syncer): %d, %.1f/s; missing %d; limited sync answers %d%n",
                    delivered, deliveriesPerSecond, missing, limitedAnswers.get());
            out.printf("  send start -> /sync answer: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(all, 50), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1]);
            out.printf("  idle long-poll wake, send start -> /sync answer: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d wakes)%n",
                    pct(wakeSorted, 50), pct(wakeSorted, 99), wakeSorted.length == 0 ? 0 : wakeSorted[wakes - 1], wakes);
            out.printf("  request errors: %d%s%n", errors.get(), firstErrors.isEmpty() ? "" : "; first: " + firstErrors);
            out.printf("{\"bench\": \"client\", \"syncers\": %d, \"senders\": %d, \"seconds\": %d, \"messages\": %d,"
                            + " \"messages_per_s\": %.1f, \"deliveries_per_s\": %.1f, \"latency_p50_ms\": %.2f,"
                            + " \"latency_p99_ms\": %.2f, \"wake_p50_ms\": %.2f, \"wake_p99_ms\": %.2f,"
                            + " \"missing\": %d, \"errors\": %d}%n",
                    syncers, senders, seconds, complete, messagesPerSecond, deliveriesPerSecond, pct(all, 50),
                    pct(all, 99), pct(wakeSorted, 50), pct(wakeSorted, 99), missing, errors.get());
            return errors.get() == 0 && missing == 0 && complete > 0 ? 0 : 1;
        } finally {
            deleteTree(data);
        }
    }

    private static boolean allReceived(List<Map<String, Boolean>> received, List<String> ids) {
        for (Map<String, Boolean> got : received) {
            for (String id : ids) {
                if (!got.containsKey(id)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void error(AtomicLong errors, List<String> first, String what) {
        errors.incrementAndGet();
        if (first.size() < 3) {
            first.add(what.length() > 300 ? what.substring(0, 300) + "..." : what);
        }
    }

    static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
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
