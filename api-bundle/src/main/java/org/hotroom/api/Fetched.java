package org.hotroom.api;

import java.util.Objects;

/**
 * The raw result of a {@link Need}: either a response (status, headers, body) or a transport
 * error (no response at all: DNS, connect, TLS, timeout).
 *
 * @param need           the need as it was asked, with its body
 * @param status         the HTTP status, or 0 on a transport error
 * @param headers        response headers
 * @param body           response body bytes, exactly as received
 * @param transportError why there is no response, or null when there is one
 * @param atMillis       when the result arrived
 */
public record Fetched(Need need, int status, Headers headers, byte[] body, String transportError,
                      long atMillis) {

    public Fetched {
        Objects.requireNonNull(need, "need");
        headers = headers == null ? Headers.EMPTY : headers;
        body = body == null ? new byte[0] : body;
        if ((transportError == null) == (status == 0)) {
            throw new IllegalArgumentException("a result is either a status or a transport error");
        }
    }

    public static Fetched response(Need need, int status, Headers headers, byte[] body, long atMillis) {
        return new Fetched(need, status, headers, body, null, atMillis);
    }

    public static Fetched failure(Need need, String transportError, long atMillis) {
        return new Fetched(need, 0, Headers.EMPTY, new byte[0], transportError, atMillis);
    }

    /** True when there is an HTTP response (of any status). */
    public boolean answered() {
        return transportError == null;
    }

    @Override
    public String toString() {
        return "Fetched[" + need.key() + ": "
                + (answered() ? status + ", " + body.length + " bytes" : "error " + transportError) + "]";
    }
}
