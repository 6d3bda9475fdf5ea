package org.hotroom.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeTest {

    private static final Request REQUEST = new Request(Listener.CLIENT, "POST", "/_matrix/client/v3/join/x",
            "", Headers.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), "127.0.0.1:5");

    private static Need need(String key, String body) {
        return new Need(key, "remote.example", "PUT", "/_matrix/federation/v2/send_join/!r/$e", Headers.EMPTY,
                body.getBytes(StandardCharsets.UTF_8), 1000);
    }

    @Test
    void aFlowReadsItsProgressBackFromTheExchange() {
        Exchange e = Exchange.start("x1", REQUEST, 1, new byte[32]);
        assertNull(e.fetched("make_join"));
        e = e.withFetched(List.of(Fetched.response(need("make_join", ""), 200, Headers.EMPTY, new byte[] {1}, 2)), 3);
        e = e.withFetched(List.of(Fetched.failure(need("send_join", "{\"join\":1}"), "connect refused", 4)), 5);
        assertEquals(2, e.step());
        assertEquals(5, e.clockMillis());
        assertEquals(200, e.fetched("make_join").status());
        assertFalse(e.fetched("send_join").answered());
        // the body that was sent is still there for the next step
        assertArrayEquals("{\"join\":1}".getBytes(StandardCharsets.UTF_8), e.fetched("send_join").need().body());
    }

    @Test
    void theLatestResultForAKeyWins() {
        Exchange e = Exchange.start("x1", REQUEST, 1, new byte[32])
                .withFetched(List.of(Fetched.failure(need("keys", ""), "timeout", 2)), 2)
                .withFetched(List.of(Fetched.response(need("keys", ""), 200, Headers.EMPTY, new byte[0], 3)), 3);
        assertTrue(e.fetched("keys").answered());
    }

    @Test
    void wokenResultsAccumulate() {
        Wait w = new Wait("events", 7, 30_000);
        Exchange e = Exchange.start("x", REQUEST, 1, new byte[32]).withWoken(new Woken(w, 7, true), 9);
        assertTrue(e.lastWoken().timedOut());
        assertEquals(1, e.step());
        assertEquals(9, e.clockMillis());
        assertEquals(1, e.startMillis(), "the first step's clock stays with the exchange");
        e = e.withFetched(List.of(), 12);
        assertEquals(1, e.startMillis());
    }

    @Test
    void headersAreCaseInsensitiveAndKeepOrder() {
        Headers h = Headers.of("X-A", "1", "x-a", "2", "Content-Type", "text/plain");
        assertEquals("1", h.first("x-A"));
        assertEquals(List.of("1", "2"), h.all("X-A"));
        assertNull(h.first("missing"));
        assertEquals(List.of("1", "2", "3"), h.with("X-a", "3").all("x-a"));
        assertSame(Headers.EMPTY, Headers.of());
    }

    @Test
    void contractRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Fetch(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Fetch.of(need("a", ""), need("a", "")));
        assertThrows(IllegalArgumentException.class, () -> new Respond(42, null, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new Fetched(need("a", ""), 200, null, null, "both", 1));
        assertThrows(IllegalArgumentException.class, () -> new Wait("s", 0, -1));
    }

    @Test
    void headOfARequestHasNoBody() {
        assertEquals(0, REQUEST.head().body().length);
        assertEquals(REQUEST.headers(), REQUEST.head().headers());
    }
}
