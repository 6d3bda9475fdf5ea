package org.hotroom.host.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.hotroom.api.Exchange;
import org.hotroom.api.Fetch;
import org.hotroom.api.Fetched;
import org.hotroom.api.Headers;
import org.hotroom.api.Listener;
import org.hotroom.api.Logic;
import org.hotroom.api.Need;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.Wait;
import org.hotroom.api.Woken;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.host.tls.TlsMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's step loop with a scripted logic: needs are really fetched over HTTPS on loopback,
 * waits are really woken by stream commits or timeouts, and each step sees what came before.
 */
class ExchangeDriverTest {

    @TempDir
    Path dir;

    Undertow remote;
    int remotePort;
    MemoryStorage storage;
    ExecutorService pool;
    ScheduledExecutorService timers;
    StreamWaiter waiter;
    final List<Exchange> seen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        remote = Undertow.builder()
                .addHttpsListener(0, "127.0.0.1", TlsMaterial.serverContext(dir.resolve("remote.p12"), "remote.test"),
                        ex -> ex.getRequestReceiver().receiveFullBytes((e, body) -> {
                            e.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "text/plain");
                            e.getResponseSender().send(e.getRequestMethod() + " " + e.getRequestURI() + "?"
                                    + e.getQueryString() + " " + new String(body, StandardCharsets.UTF_8)
                                    + " auth=" + e.getRequestHeaders().getFirst("Authorization"));
                        }))
                .build();
        remote.start();
        remotePort = ((InetSocketAddress) remote.getListenerInfo().get(0).getAddress()).getPort();
        storage = new MemoryStorage();
        pool = Executors.newFixedThreadPool(4);
        timers = Executors.newSingleThreadScheduledExecutor();
        waiter = new StreamWaiter(storage, timers);
    }

    @AfterEach
    void stop() throws Exception {
        remote.stop();
        waiter.close();
        pool.shutdownNow();
        timers.shutdownNow();
    }

    private ExchangeDriver driver(BiFunction<Exchange, StepStorage, Outcome> script) throws Exception {
        Logic logic = new Logic() {
            @Override
            public Outcome step(Exchange exchange, StepStorage s) {
                synchronized (seen) {
                    seen.add(exchange);
                }
                return script.apply(exchange, s);
            }

            @Override
            public String version() {
                return "scripted";
            }
        };
        LogicSource source = () -> new LogicSource.Lease() {
            @Override
            public Logic logic() {
                return logic;
            }

            @Override
            public void release() {}
        };
        return new ExchangeDriver(new StepRunner(source, storage),
                new OutgoingRequests(TlsMaterial.clientContext(false), pool, Clock.systemUTC()), waiter, pool,
                Clock.systemUTC());
    }

    private static Request request() {
        return new Request(Listener.CLIENT, "POST", "/_matrix/client/v3/join/%21room", "a=1",
                Headers.of("content-type", "application/json"), "{}".getBytes(), "127.0.0.1:1");
    }

    private static Respond run(ExchangeDriver driver) throws Exception {
        CompletableFuture<Respond> done = new CompletableFuture<>();
        driver.drive(request(), done::complete);
        return done.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aFlowOfFetchesAndAWaitRunsToItsResponse() throws Exception {
        String dest = "127.0.0.1:" + remotePort;
        ExchangeDriver driver = driver((e, s) -> {
            if (e.fetched("make_join") == null) {
                return Fetch.of(
                        new Need("make_join", dest, "GET", "/_matrix/federation/v1/make_join/!r/@u?ver=12",
                                Headers.of("Authorization", "X-Matrix origin=a"), null, 5000),
                        new Need("keys", dest, "GET", "/_matrix/key/v2/server", null, null, 5000));
            }
            if (e.fetched("send_join") == null) {
                return Fetch.of(new Need("send_join", dest, "PUT", "/_matrix/federation/v2/send_join/!r/$e",
                        null, "{\"the\":\"event\"}".getBytes(), 5000));
            }
            if (e.woken().isEmpty()) {
                timers.schedule(() -> storage.advance("events"), 100, TimeUnit.MILLISECONDS);
                return new Wait("events", 0, 10_000);
            }
            Fetched join = e.fetched("send_join");
            return Respond.json(200, "{\"step\":" + e.step() + ",\"join\":\""
                    + new String(join.body(), StandardCharsets.UTF_8).replace("\"", "'") + "\",\"woken_at\":"
                    + e.lastWoken().position() + "}");
        });
        Respond r = run(driver);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.status(), body);
        assertTrue(body.contains("\"step\":3"), body);
        assertTrue(body.contains("PUT /_matrix/federation/v2/send_join/!r/$e? {'the':'event'}"), body);
        assertTrue(body.contains("\"woken_at\":1"), body);

        Exchange last = seen.get(seen.size() - 1);
        assertEquals(3, last.fetched().size());
        Fetched makeJoin = last.fetched("make_join");
        assertEquals(200, makeJoin.status());
        String makeJoinBody = new String(makeJoin.body(), StandardCharsets.UTF_8);
        assertTrue(makeJoinBody.startsWith("GET /_matrix/federation/v1/make_join/!r/@u?ver=12"), makeJoinBody);
        assertTrue(makeJoinBody.endsWith("auth=X-Matrix origin=a"), makeJoinBody);
        assertFalse(last.lastWoken().timedOut());
        // the exchange keeps its identity and entropy across steps, and the clock moves
        assertTrue(seen.stream().allMatch(x -> x.id().equals(last.id())));
        assertTrue(seen.stream().allMatch(x -> x.entropy() == last.entropy()));
    }

    @Test
    void aNewLogicTakesOverAnExchangeBetweenTwoSteps() throws Exception {
        // generation A starts a flow; a reload happens while its fetch is in flight; generation B
        // finishes the flow from what the exchange recorded, with no memory of A
        String dest = "127.0.0.1:" + remotePort;
        java.util.concurrent.atomic.AtomicReference<Logic> active = new java.util.concurrent.atomic.AtomicReference<>();
        Logic b = new Logic() {
            @Override
            public Outcome step(Exchange e, StepStorage s) {
                Fetched f = e.fetched("make_join");
                return Respond.json(200, "{\"finished_by\":\"B\",\"sent\":\""
                        + new String(f.need().body(), StandardCharsets.UTF_8) + "\",\"status\":" + f.status() + "}");
            }

            @Override
            public String version() {
                return "B";
            }
        };
        Logic a = new Logic() {
            @Override
            public Outcome step(Exchange e, StepStorage s) {
                active.set(b); // the reload: every later step goes to B
                return Fetch.of(new Need("make_join", dest, "POST", "/x", null, "started-by-A".getBytes(), 5000));
            }

            @Override
            public String version() {
                return "A";
            }
        };
        active.set(a);
        LogicSource source = () -> {
            Logic chosen = active.get();
            return new LogicSource.Lease() {
                @Override
                public Logic logic() {
                    return chosen;
                }

                @Override
                public void release() {}
            };
        };
        ExchangeDriver driver = new ExchangeDriver(new StepRunner(source, storage),
                new OutgoingRequests(TlsMaterial.clientContext(false), pool, Clock.systemUTC()), waiter, pool,
                Clock.systemUTC());
        Respond r = run(driver);
        assertEquals("{\"finished_by\":\"B\",\"sent\":\"started-by-A\",\"status\":200}",
                new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aTransportErrorIsAResultNotAFailure() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        int port = closedPort;
        ExchangeDriver driver = driver((e, s) -> {
            Fetched f = e.fetched("x");
            if (f == null) {
                return Fetch.of(new Need("x", "127.0.0.1:" + port, "GET", "/", null, null, 2000));
            }
            return Respond.json(502, "{\"answered\":" + f.answered() + "}");
        });
        Respond r = run(driver);
        assertEquals(502, r.status());
        assertEquals("{\"answered\":false}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(0, seen.get(1).fetched("x").body().length);
        assertTrue(seen.get(1).fetched("x").transportError().length() > 0);
    }

    @Test
    void aWaitTimesOutWhenNothingMoves() throws Exception {
        ExchangeDriver driver = driver((e, s) -> {
            Woken w = e.lastWoken();
            if (w == null) {
                return new Wait("quiet", 0, 50);
            }
            return Respond.json(200, "{\"timed_out\":" + w.timedOut() + "}");
        });
        long t0 = System.nanoTime();
        Respond r = run(driver);
        assertEquals("{\"timed_out\":true}", new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(45));
    }

    @Test
    void aWaitForAStreamAlreadyPastReturnsAtOnce() throws Exception {
        storage.advance("events");
        storage.advance("events");
        ExchangeDriver driver = driver((e, s) -> {
            Woken w = e.lastWoken();
            return w == null ? new Wait("events", 1, 60_000) : Respond.json(200, "{\"at\":" + w.position() + "}");
        });
        assertEquals("{\"at\":2}", new String(run(driver).body(), StandardCharsets.UTF_8));
    }

    @Test
    void aThrowingLogicGetsAMatrixErrorAndWritesNothing() throws Exception {
        ExchangeDriver driver = driver((e, s) -> {
            s.keyValue().put("t", new byte[] {1}, new byte[] {2});
            throw new IllegalStateException("bug");
        });
        Respond r = run(driver);
        assertEquals(500, r.status());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("M_UNKNOWN"));
        try (var scope = storage.openStep()) {
            assertNull(scope.keyValue().get("t", new byte[] {1}));
        }
    }

    @Test
    void aStepsWritesCommitWhenItReturns() throws Exception {
        ExchangeDriver driver = driver((e, s) -> {
            s.keyValue().put("t", new byte[] {1}, new byte[] {2});
            s.streams().advance("events");
            return Respond.json(200, "{}");
        });
        assertEquals(200, run(driver).status());
        assertEquals(1, storage.position("events"));
        try (var scope = storage.openStep()) {
            assertEquals(2, scope.keyValue().get("t", new byte[] {1})[0]);
        }
    }

    @Test
    void aLogicThatNeverRespondsIsCutOff() throws Exception {
        ExchangeDriver driver = driver((e, s) -> new Wait("s", 0, 0));
        Respond r = run(driver);
        assertEquals(500, r.status());
        assertEquals(ExchangeDriver.MAX_STEPS, seen.size());
    }
}
