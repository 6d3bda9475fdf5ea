package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hotroom.host.bench.LogicJars;
import org.junit.jupiter.api.Test;

/**
 * Reloads the logic 60 times while clients keep requests going, alternating two builds that
 * answer differently: no request may fail, both builds must have answered, and every generation's
 * steps in flight must drain to zero.
 */
class LiveReloadTest extends ServerTestBase {

    static final int RELOADS = 60;
    static final int CLIENTS = 4;

    @Test
    void reloadsUnderLoadLoseNoRequest() throws Exception {
        byte[][] builds = {LogicJars.withVariant(builtInLogic(), "live-a"), LogicJars.withVariant(builtInLogic(), "live-b")};
        URI version = federation("/_matrix/federation/v1/version");
        URI versions = client("/_matrix/client/versions");
        URI login = client("/_matrix/client/v3/login");
        byte[] badLogin = ("{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"nobody\"},"
                + "\"password\":\"wrong\"}").getBytes();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int kind = c % 3;
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        if (kind == 0) {
                            HttpResponse<String> r = get(version);
                            if (r.statusCode() != 200) {
                                failures.add("version: " + r.statusCode() + " " + r.body());
                            } else {
                                versionsSeen.add(json(r).path("server").path("version").asText());
                            }
                        } else if (kind == 1) {
                            HttpResponse<String> r = get(versions);
                            if (r.statusCode() != 200) {
                                failures.add("versions: " + r.statusCode() + " " + r.body());
                            }
                        } else {
                            // a request whose step does real work (a password check) and touches storage
                            HttpResponse<String> r = send("POST", login, badLogin);
                            if (r.statusCode() != 403 || !r.body().contains("M_FORBIDDEN")) {
                                failures.add("login: " + r.statusCode() + " " + r.body());
                            }
                        }
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "client-" + c);
            t.start();
            clients.add(t);
        }

        int firstGeneration = server.generations().active().number();
        try {
            for (int i = 0; i < RELOADS; i++) {
                HttpResponse<String> r = admin("POST", "logic", builds[i % 2]);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(firstGeneration + i + 1, json(r).path("generation").asInt(), r.body());
                assertTrue(json(r).path("version").asText().contains(i % 2 == 0 ? "live-a" : "live-b"), r.body());
            }
            // let the clients see the final build too
            long until = System.currentTimeMillis() + 2_000;
            while (System.currentTimeMillis() < until && versionsSeen.stream().noneMatch(v -> v.contains("live-b"))) {
                Thread.sleep(10);
            }
        } finally {
            running.set(false);
            for (Thread t : clients) {
                t.join(30_000);
            }
        }

        assertTrue(failures.isEmpty(), "failed requests: " + failures.size() + ", first: " + failures.peek());
        assertTrue(answered.get() > RELOADS, "clients answered " + answered.get());
        assertTrue(versionsSeen.stream().anyMatch(v -> v.contains("live-a")), "seen " + versionsSeen);
        assertTrue(versionsSeen.stream().anyMatch(v -> v.contains("live-b")), "seen " + versionsSeen);

        // every old generation drains and is retired; nothing stays in flight
        JsonNode status = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            status = json(admin("GET", "logic", null));
            if (status.path("generations").size() == 1) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(1, status.path("generations").size(), status.toString());
        assertEquals(0, status.path("generations").get(0).path("in_flight").asInt(), status.toString());
        assertEquals(firstGeneration + RELOADS, status.path("generation").asInt());
        // and the old bundles are gone from the framework
        long logicBundles = java.util.Arrays.stream(server.frameworkContext().getBundles())
                .filter(b -> "org.hotroom.logic".equals(b.getSymbolicName())).count();
        assertEquals(1, logicBundles);
    }

    @Test
    void aStepInFlightFinishesOnTheGenerationThatStartedIt() throws Exception {
        // a burst of password checks is in flight when the reload switches generations
        URI login = client("/_matrix/client/v3/login");
        byte[] badLogin = ("{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"nobody\"},"
                + "\"password\":\"wrong\"}").getBytes();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(login).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(badLogin)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> r = admin("POST", "logic", LogicJars.withVariant(builtInLogic(), "mid-flight"));
        assertEquals(200, r.statusCode(), r.body());
        for (var f : inFlight) {
            HttpResponse<String> done = f.get();
            assertEquals(403, done.statusCode(), done.body());
        }
        assertTrue(serverVersion().contains("mid-flight"));
    }
}
