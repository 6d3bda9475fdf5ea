package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.hotroom.host.bench.LogicJars;
import org.junit.jupiter.api.Test;

/**
 * Rate limits on a real server, configured through the host's {@code rate_limits:} config: the
 * refusal, the wait it names (a short real wait), and buckets that outlive a logic reload (they
 * are in storage). The refill arithmetic against the step's clock is tested in the logic
 * ({@code RateLimiterTest}).
 */
class RateLimitTest extends ServerTestBase {

    @Override
    Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        // 2 logins at once, then one every 1000 s: nothing refills during the test
        c.put("rate_limits.login.per_second", "0.001");
        c.put("rate_limits.login.burst", "2");
        // 1 registration request at once, then one every 4 s
        c.put("rate_limits.registration.per_second", "0.25");
        c.put("rate_limits.registration.burst", "1");
        return c;
    }

    private HttpResponse<String> login(String password) throws Exception {
        return send("POST", client("/_matrix/client/v3/login"), ("{\"type\":\"m.login.password\",\"identifier\":"
                + "{\"type\":\"m.id.user\",\"user\":\"nobody\"},\"password\":\"" + password + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> register() throws Exception {
        return send("POST", client("/_matrix/client/v3/register"), "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static long retryAfter(HttpResponse<String> limited) throws Exception {
        assertMatrixError(limited, 429, "M_LIMIT_EXCEEDED");
        long retry = json(limited).path("retry_after_ms").asLong(-1);
        assertTrue(retry > 0, limited.body());
        assertEquals(Long.toString((retry + 999) / 1000), limited.headers().firstValue("retry-after").orElse(""),
                "Retry-After header in whole seconds");
        return retry;
    }

    @Test
    void aRequestOverTheLimitIs429AndPassesAfterTheWaitItNames() throws Exception {
        assertEquals(401, register().statusCode()); // the first step of user-interactive auth
        long retry = retryAfter(register());
        assertTrue(retry <= 4000, "retry_after_ms " + retry);
        Thread.sleep(retry + 20);
        assertEquals(401, register().statusCode());
        retryAfter(register());
        // other classes have their own buckets
        assertMatrixError(login("a"), 403, "M_FORBIDDEN");
    }

    @Test
    void failedLoginsCountAndBucketsOutliveALogicReload() throws Exception {
        assertMatrixError(login("a"), 403, "M_FORBIDDEN");
        assertMatrixError(login("b"), 403, "M_FORBIDDEN");
        long retry = retryAfter(login("c"));
        assertTrue(retry > 900_000 && retry <= 1_000_000, "retry_after_ms " + retry);

        HttpResponse<String> reload = admin("POST", "logic", LogicJars.withVariant(builtInLogic(), "rl"));
        assertEquals(200, reload.statusCode(), reload.body());
        long left = retryAfter(login("d"));
        assertTrue(left <= retry, left + " ms left after the reload, " + retry + " before");
    }
}
