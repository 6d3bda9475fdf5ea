package org.hotroom.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HeaderValues;
import java.util.List;
import java.util.Locale;
import org.hotroom.host.step.ShellErrors;

/**
 * Refuses request bodies in a transfer coding other than chunked. Undertow would treat any
 * coding as chunked and hand over bytes still encoded (gzip, say) as if they were the body.
 */
public final class TransferEncodingGuard implements HttpHandler {

    private final HttpHandler next;

    public TransferEncodingGuard(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderValues codings = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
        for (String value : codings == null ? List.<String>of() : codings) {
            for (String coding : value.split(",")) {
                String c = coding.strip().toLowerCase(Locale.ROOT);
                if (!c.equals("chunked") && !c.equals("identity")) {
                    Responses.send(exchange, ShellErrors.error(501, "M_UNRECOGNIZED",
                            "transfer coding '" + c + "' is not supported; send the body plain or chunked"));
                    return;
                }
            }
        }
        next.handleRequest(exchange);
    }
}
