package org.hotroom.api;

import java.util.Objects;

/**
 * A raw incoming HTTP request, as the shell received it.
 *
 * @param listener the listener it arrived on
 * @param method   the HTTP method, upper case
 * @param path     the request path exactly as sent, still percent-encoded, without the query
 * @param query    the raw query string without the leading {@code ?}; empty when there is none
 * @param headers  the request headers
 * @param body     the body bytes; empty when there is none. Never modified by anyone.
 * @param peer     the remote address as {@code host:port}
 */
public record Request(Listener listener, String method, String path, String query, Headers headers,
                      byte[] body, String peer) {

    private static final byte[] NO_BODY = new byte[0];

    public Request {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        headers = headers == null ? Headers.EMPTY : headers;
        body = body == null ? NO_BODY : body;
        peer = peer == null ? "" : peer;
    }

    /** The same request without its body, as {@link Logic#screen} sees it. */
    public Request head() {
        return new Request(listener, method, path, query, headers, NO_BODY, peer);
    }

    @Override
    public String toString() {
        return "Request[" + listener + " " + method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + ", " + body.length + " body bytes, from " + peer + "]";
    }
}
