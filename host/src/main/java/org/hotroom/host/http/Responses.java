package org.hotroom.host.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import org.hotroom.api.Respond;

/** Writes a {@link Respond} to an Undertow exchange, from any thread. */
final class Responses {

    private Responses() {}

    static void send(HttpServerExchange exchange, Respond r) {
        if (exchange.isResponseStarted()) {
            return;
        }
        exchange.setStatusCode(r.status());
        for (String name : r.headers().names()) {
            HttpString n = HttpString.tryFromString(name);
            for (String v : r.headers().all(name)) {
                exchange.getResponseHeaders().add(n, v);
            }
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(r.body()));
    }
}
