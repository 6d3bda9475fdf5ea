package org.hotroom.api;

import java.util.Objects;

/**
 * One outgoing HTTP request the logic wants the shell to perform. The logic builds it completely,
 * including any {@code Authorization} header it signs; the shell only resolves the destination
 * and moves bytes.
 *
 * @param key           names this need within its exchange, so a later step finds its result
 *                      ({@link Exchange#fetched(String)}); unique within the exchange
 * @param destination   the Matrix server name to send it to, e.g. {@code example.org:8448}
 * @param method        the HTTP method
 * @param pathAndQuery  the request target, percent-encoded, with its query string if any
 * @param headers       request headers
 * @param body          request body; empty for none. Kept in the exchange, so a later step can
 *                      read back what was sent (the join event, say)
 * @param timeoutMillis how long the shell waits for the whole response
 */
public record Need(String key, String destination, String method, String pathAndQuery, Headers headers,
                   byte[] body, long timeoutMillis) {

    public Need {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        headers = headers == null ? Headers.EMPTY : headers;
        body = body == null ? new byte[0] : body;
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutMillis);
        }
    }

    @Override
    public String toString() {
        return "Need[" + key + ": " + method + " " + destination + pathAndQuery + ", " + body.length
                + " body bytes]";
    }
}
