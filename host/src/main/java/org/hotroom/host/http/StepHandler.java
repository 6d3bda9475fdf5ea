package org.hotroom.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import org.hotroom.api.Headers;
import org.hotroom.api.Listener;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.host.step.ExchangeDriver;
import org.hotroom.host.step.ShellErrors;

/**
 * The terminal handler of a listener: turns the HTTP request into raw bytes for the logic and
 * the logic's response back into HTTP.
 *
 * <p>Order: refuse a declared {@code Content-Length} over the limit at once; let the logic
 * {@linkplain org.hotroom.api.Logic#screen screen} the head; read the body (a chunked body that
 * grows past the limit is cut off with 413); then drive the exchange's steps.
 */
public final class StepHandler implements HttpHandler {

    private final Listener listener;
    private final ExchangeDriver driver;
    private final Executor stepPool;
    private final long maxBodyBytes;

    public StepHandler(Listener listener, ExchangeDriver driver, Executor stepPool, long maxBodyBytes) {
        this.listener = listener;
        this.driver = driver;
        this.stepPool = stepPool;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long declared = exchange.getRequestContentLength();
        if (declared > maxBodyBytes) {
            Responses.send(exchange, ShellErrors.tooLarge(maxBodyBytes));
            return;
        }
        Request head = head(exchange);
        exchange.dispatch(stepPool, () -> {
            Respond early = driver.runner().screen(head);
            if (early != null) {
                Responses.send(exchange, early);
                return;
            }
            // hand off through dispatch: a body callback may run inside Undertow's root handler
            // call, which ends the exchange when the callback returns unless it was dispatched
            BodyReader.read(exchange, maxBodyBytes, (ex, body) -> ex.dispatch(stepPool,
                    () -> driver.drive(withBody(head, body), r -> Responses.send(ex, r))));
        });
    }

    private Request head(HttpServerExchange exchange) {
        Headers.Builder h = Headers.builder();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString();
            for (String v : values) {
                h.add(name, v);
            }
        }
        InetSocketAddress peer = exchange.getSourceAddress();
        String path = exchange.getRequestURI();
        int scheme = path.indexOf("://");
        if (scheme > 0) {
            // absolute-form request target: keep the path only
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return new Request(listener, exchange.getRequestMethod().toString(), path, exchange.getQueryString(),
                h.build(), null, peer == null ? "" : peer.getHostString() + ":" + peer.getPort());
    }

    private static Request withBody(Request head, byte[] body) {
        return new Request(head.listener(), head.method(), head.path(), head.query(), head.headers(), body,
                head.peer());
    }
}
