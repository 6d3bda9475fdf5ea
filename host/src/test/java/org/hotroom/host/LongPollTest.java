package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotroom.host.bench.MatrixClient;
import org.junit.jupiter.api.Test;

/**
 * A {@code /sync} long-poll wakes promptly for a new message (measured properly by
 * {@code ./hotroom bench client}; asserted loosely here), and otherwise waits out its timeout.
 */
class LongPollTest extends RoomTestBase {

    @Test
    void aLongPollWakesForANewMessage() throws Exception {
        String since = bob.sync(null, 0, null).expect(200, "initial sync").json().path("next_batch").asText();
        double[] wakes = new double[8];
        for (int i = 0; i < wakes.length; i++) {
            String from = since;
            CompletableFuture<MatrixClient.Reply> poll = CompletableFuture.supplyAsync(() -> {
                try {
                    return bob.sync(from, 20_000, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(150);
            assertFalse(poll.isDone(), "the long-poll returned with nothing new: " + (poll.isDone() ? poll.get().body() : ""));
            long t0 = System.nanoTime();
            String eventId = alice.send(room, MatrixClient.text("wake " + i)).expect(200, "send").json()
                    .path("event_id").asText();
            MatrixClient.Reply woken = poll.get(20, TimeUnit.SECONDS).expect(200, "long-poll");
            wakes[i] = (System.nanoTime() - t0) / 1e6;
            boolean found = false;
            for (JsonNode e : woken.json().path("rooms").path("join").path(room).path("timeline").path("events")) {
                found |= e.path("event_id").asText().equals(eventId);
            }
            assertTrue(found, "the long-poll woke without " + eventId + ": " + woken.body());
            since = woken.json().path("next_batch").asText();
        }
        double[] sorted = wakes.clone();
        Arrays.sort(sorted);
        System.out.println("long-poll wake, send start -> sync answered, ms: " + Arrays.toString(wakes));
        assertTrue(sorted[sorted.length / 2] < 1000, "median wake " + sorted[sorted.length / 2] + " ms");
        assertTrue(sorted[sorted.length - 1] < 3000, "slowest wake " + sorted[sorted.length - 1] + " ms");
    }

    @Test
    void aLongPollWithNothingNewWaitsItsTimeout() throws Exception {
        String since = bob.sync(null, 0, null).expect(200, "initial sync").json().path("next_batch").asText();
        long t0 = System.nanoTime();
        MatrixClient.Reply r = bob.sync(since, 600, null).expect(200, "long-poll");
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(ms >= 550 && ms < 5000, "a 600 ms long-poll took " + ms + " ms");
        JsonNode events = r.json().path("rooms").path("join").path(room).path("timeline").path("events");
        assertTrue(events.isMissingNode() || events.isEmpty(), r.body());
        assertEquals(since.isEmpty(), r.json().path("next_batch").asText().isEmpty());
    }
}
