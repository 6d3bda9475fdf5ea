package org.hotroom.logic.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotroom.api.Exchange;
import org.hotroom.api.Headers;
import org.hotroom.api.Listener;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.logic.HotroomLogic;
import org.hotroom.logic.LogicConfig;
import org.hotroom.logic.Routes;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Route;
import org.hotroom.logic.testing.Reply;
import org.hotroom.logic.testing.TestServer;
import org.hotroom.logic.testing.TestStorage;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final TestStorage storage = new TestStorage();

    private void take(LimitClass c, Limit limit, long now) {
        take(c, "@a:x", limit, now);
    }

    private void take(LimitClass c, String subject, Limit limit, long now) {
        storage.write(s -> RateLimiter.take(s, c, subject, limit, now).store(s));
    }

    private MatrixError refused(LimitClass c, Limit limit, long now) {
        return storage.read(s -> assertThrows(MatrixError.class, () -> RateLimiter.take(s, c, "@a:x", limit, now)));
    }

    @Test
    void aFullBucketGivesItsBurstThenRefusesWithTheTimeUntilOneTokenIsBack() {
        Limit limit = new Limit(0.5, 3);
        long t = 1_000_000;
        for (int i = 0; i < 3; i++) {
            take(LimitClass.MESSAGE, limit, t);
        }
        MatrixError e = refused(LimitClass.MESSAGE, limit, t);
        assertEquals(429, e.status());
        assertEquals("M_LIMIT_EXCEEDED", e.errcode());
        assertEquals(2000, e.body().get("retry_after_ms").asLong());
        assertEquals("2", e.headers().first("Retry-After"));
        // a refusal leaves the bucket as it was; half the wait later, half the wait is left
        assertEquals(1000, refused(LimitClass.MESSAGE, limit, t + 1000).body().get("retry_after_ms").asLong());
        take(LimitClass.MESSAGE, limit, t + 2000);
        refused(LimitClass.MESSAGE, limit, t + 2000);
        // a long pause fills the bucket to its burst, not beyond
        long later = t + 3_600_000;
        for (int i = 0; i < 3; i++) {
            take(LimitClass.MESSAGE, limit, later);
        }
        refused(LimitClass.MESSAGE, limit, later);
    }

    @Test
    void slowRatesRefillEvenWhenRequestsComeMoreOftenThanAThousandthOfAToken() {
        // 0.003 tokens a second is 0.003 thousandths a millisecond: each 100 ms adds nothing rounded
        Limit limit = new Limit(0.003, 1);
        long t = 5_000;
        take(LimitClass.LOGIN, limit, t);
        long retry = refused(LimitClass.LOGIN, limit, t).body().get("retry_after_ms").asLong();
        assertEquals(333_334, retry);
        long now = t;
        while (now < t + retry - 100) {
            now += 100;
            refused(LimitClass.LOGIN, limit, now);
        }
        take(LimitClass.LOGIN, limit, t + retry);
    }

    @Test
    void aClockThatGoesBackRefillsNothing() {
        Limit limit = new Limit(1, 1);
        take(LimitClass.JOIN, limit, 10_000);
        refused(LimitClass.JOIN, limit, 5_000);
        take(LimitClass.JOIN, limit, 11_000);
    }

    @Test
    void classesAndSubjectsHaveTheirOwnBuckets() {
        Limit limit = new Limit(1, 1);
        take(LimitClass.MESSAGE, limit, 0);
        take(LimitClass.JOIN, limit, 0);
        take(LimitClass.MESSAGE, "@b:x", limit, 0);
        refused(LimitClass.MESSAGE, limit, 0);
        assertEquals(3, storage.size(RateLimiter.TABLE));
    }

    @Test
    void addressesLoseTheirPort() {
        assertEquals("127.0.0.1", RateLimiter.address("127.0.0.1:40000"));
        assertEquals("0:0:0:0:0:0:0:1", RateLimiter.address("0:0:0:0:0:0:0:1:5"));
        assertEquals("::1", RateLimiter.address("[::1]:5"));
        assertEquals("unknown", RateLimiter.address(""));
    }

    @Test
    void routesOfTheSpecBelongToTheirClasses() {
        String v = "/_matrix/client/(v3|r0)";
        assertEquals(LimitClass.LOGIN, RouteClasses.of("POST", v + "/login"));
        assertNull(RouteClasses.of("GET", v + "/login"));
        assertEquals(LimitClass.REGISTRATION, RouteClasses.of("POST", v + "/register"));
        assertNull(RouteClasses.of("GET", v + "/register/available"));
        assertEquals(LimitClass.MESSAGE, RouteClasses.of("PUT", v + "/rooms/{roomId}/send/{eventType}/{txnId}"));
        assertEquals(LimitClass.MESSAGE, RouteClasses.of("PUT", v + "/rooms/{roomId}/state/{eventType}"));
        assertEquals(LimitClass.MESSAGE, RouteClasses.of("PUT", v + "/rooms/{roomId}/state/{eventType}/{stateKey?}"));
        assertEquals(LimitClass.MESSAGE, RouteClasses.of("PUT", "/_matrix/client/v3/rooms/{r}/redact/{e}/{t}"));
        assertNull(RouteClasses.of("GET", v + "/rooms/{roomId}/state/{eventType}/{stateKey?}"));
        assertEquals(LimitClass.CREATE_ROOM, RouteClasses.of("POST", v + "/createRoom"));
        assertEquals(LimitClass.JOIN, RouteClasses.of("POST", v + "/rooms/{roomId}/join"));
        assertEquals(LimitClass.JOIN, RouteClasses.of("POST", v + "/join/{roomIdOrAlias}"));
        assertNull(RouteClasses.of("POST", v + "/rooms/{roomId}/leave"));
        assertNull(RouteClasses.of("GET", v + "/sync"));
        assertNull(RouteClasses.of("POST", "/_matrix/federation/v1/login"));
    }

    @Test
    void everyClassHasItsRoutesInTheRoutingTable() {
        Map<LimitClass, List<String>> found = new EnumMap<>(LimitClass.class);
        for (Route r : Routes.table()) {
            LimitClass c = RouteClasses.of(r.method(), r.path().toString());
            if (c != null) {
                found.computeIfAbsent(c, k -> new ArrayList<>()).add(r.method() + " " + r.path());
            }
        }
        assertEquals(Set.of(LimitClass.values()), found.keySet(), found.toString());
        assertEquals(1, found.get(LimitClass.LOGIN).size(), found.toString());
        assertEquals(1, found.get(LimitClass.REGISTRATION).size(), found.toString());
        assertEquals(4, found.get(LimitClass.MESSAGE).size(), found.toString()); // send, redact, state with and without key
        assertEquals(1, found.get(LimitClass.CREATE_ROOM).size(), found.toString());
        assertTrue(found.get(LimitClass.JOIN).size() >= 2, found.toString());
    }

    @Test
    void limitsComeFromFrameworkProperties() {
        Map<String, String> p = new HashMap<>(Map.of(
                "hotroom.rate_limits.login.per_second", "0.17",
                "hotroom.rate_limits.login.burst", "3",
                "hotroom.rate_limits.message.per_second", "0",
                "hotroom.rate_limits.message.burst", "5"));
        RateLimits limits = RateLimits.fromProperties(p::get);
        assertEquals(new Limit(0.17, 3), limits.of(LimitClass.LOGIN));
        assertTrue(limits.of(LimitClass.MESSAGE).off());
        assertTrue(limits.of(LimitClass.JOIN).off());
        assertTrue(RateLimits.fromProperties(k -> null).none());
        p.remove("hotroom.rate_limits.login.burst");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateLimits.fromProperties(p::get));
        assertTrue(e.getMessage().contains("hotroom.rate_limits.login.burst"), e.getMessage());
        p.put("hotroom.rate_limits.login.burst", "0");
        assertThrows(IllegalArgumentException.class, () -> RateLimits.fromProperties(p::get));
    }

    // --- through the logic, with the step's clock ---

    private static final String LOGIN = "/_matrix/client/v3/login";

    private final class Logic {
        final HotroomLogic logic;
        int n;

        Logic(Map<LimitClass, Limit> limits) {
            logic = new HotroomLogic(new LogicConfig(TestServer.SERVER_NAME, 2, new RateLimits(limits)));
        }

        Reply post(String path, String json, long clock, String peer) {
            Request r = new Request(Listener.CLIENT, "POST", path, "", Headers.EMPTY,
                    json.getBytes(StandardCharsets.UTF_8), peer);
            n++;
            byte[] entropy = new byte[32];
            entropy[0] = (byte) n;
            entropy[1] = (byte) (n >> 8);
            return Reply.of((Respond) storage.step(logic, Exchange.start("x" + n, r, clock, entropy)));
        }

        Reply call(String method, String path, String json, long clock, String token) {
            Request r = new Request(Listener.CLIENT, method, path, "", Headers.of("Authorization", "Bearer " + token),
                    json.getBytes(StandardCharsets.UTF_8), "10.0.0.9:1");
            n++;
            byte[] entropy = new byte[32];
            entropy[0] = (byte) n;
            entropy[1] = (byte) (n >> 8);
            return Reply.of((Respond) storage.step(logic, Exchange.start("x" + n, r, clock, entropy)));
        }

        com.fasterxml.jackson.databind.JsonNode register(String name, long clock) {
            Reply r = post("/_matrix/client/v3/register", "{\"username\":\"" + name
                    + "\",\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\"}}", clock, "10.0.0.9:1");
            assertEquals(200, r.status(), r.toString());
            return r.json();
        }

        Reply login(String password, long clock, String peer) {
            return post(LOGIN, "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"alice\"},"
                    + "\"password\":\"" + password + "\"}", clock, peer);
        }
    }

    @Test
    void failedLoginsUseUpTheAddressesBucketAndTheWaitItNamesIsEnough() {
        Logic logic = new Logic(Map.of(LimitClass.LOGIN, new Limit(0.5, 2),
                LimitClass.REGISTRATION, new Limit(100, 100)));
        long t = 1_700_000_000_000L;
        String body = "{\"username\":\"alice\",\"password\":\"right\",\"auth\":{\"type\":\"m.login.dummy\"}}";
        assertEquals(200, logic.post("/_matrix/client/v3/register", body, t, "10.0.0.1:1").status());
        assertEquals(403, logic.login("wrong", t, "10.0.0.1:1").status());
        assertEquals(403, logic.login("wrong", t + 1, "10.0.0.1:2").status());
        Reply limited = logic.login("right", t + 2, "10.0.0.1:3");
        assertEquals(429, limited.status(), limited.toString());
        assertEquals("M_LIMIT_EXCEEDED", limited.errcode());
        long retry = limited.json().get("retry_after_ms").asLong();
        assertEquals(1998, retry);
        assertEquals("2", limited.header("Retry-After"));
        // another address has its own bucket
        assertEquals(200, logic.login("right", t + 2, "10.0.0.2:1").status());
        assertEquals(429, logic.login("right", t + 2 + retry - 1, "10.0.0.1:4").status());
        Reply ok = logic.login("right", t + 2 + retry, "10.0.0.1:5");
        assertEquals(200, ok.status(), ok.toString());
    }

    @Test
    void messagesAreLimitedPerUserAndAFailedSendCounts() {
        Logic logic = new Logic(Map.of(LimitClass.MESSAGE, new Limit(1, 3), LimitClass.REGISTRATION, new Limit(100, 100)));
        long t = 1_700_000_000_000L;
        String alice = logic.register("alice", t).path("access_token").asText();
        String bob = logic.register("bob", t).path("access_token").asText();
        Reply created = logic.call("POST", "/_matrix/client/v3/createRoom", "{\"preset\":\"public_chat\"}", t, alice);
        assertEquals(200, created.status(), created.toString());
        String room = "/_matrix/client/v3/rooms/" + created.json().get("room_id").asText().replace("!", "%21").replace(":", "%3A");
        assertEquals(200, logic.call("POST", room + "/join", "{}", t, bob).status());
        String text = "{\"msgtype\":\"m.text\",\"body\":\"hi\"}";
        assertEquals(200, logic.call("PUT", room + "/send/m.room.message/1", text, t, alice).status());
        assertEquals(200, logic.call("PUT", room + "/state/m.room.topic/", "{\"topic\":\"t\"}", t, alice).status());
        // a refused send uses up a token too
        Reply bad = logic.call("PUT", room + "/send/m.room.message/2", "[1]", t, alice);
        assertEquals(400, bad.status(), bad.toString());
        Reply limited = logic.call("PUT", room + "/send/m.room.message/3", text, t, alice);
        assertEquals(429, limited.status(), limited.toString());
        assertEquals(1000, limited.json().get("retry_after_ms").asLong());
        // bob's bucket is his own
        assertEquals(200, logic.call("PUT", room + "/send/m.room.message/4", text, t, bob).status());
        assertEquals(200, logic.call("PUT", room + "/send/m.room.message/5", text, t + 1000, alice).status());
    }

    @Test
    void withoutLimitsNothingIsStored() {
        Logic logic = new Logic(Map.of());
        for (int i = 0; i < 20; i++) {
            assertEquals(403, logic.login("wrong", 1000, "10.0.0.1:1").status());
        }
        assertEquals(0, storage.size(RateLimiter.TABLE));
    }
}
