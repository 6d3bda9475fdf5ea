package org.hotroom.host.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.hotroom.host.step.ShellErrors;

/**
 * Reads a whole request body without blocking, up to a limit. Undertow's own entity size limit
 * is fixed when a chunked body's decoder is set up, before any handler runs, so it cannot be
 * lowered per request; this counts the bytes itself. A body over the limit is answered with 413
 * {@code M_TOO_LARGE} once it has been read to its end and dropped (up to {@link #DRAIN_LIMIT};
 * past that the answer goes out at once and the connection is closed).
 *
 * <p>{@code then} runs on the thread that read the last bytes, possibly inside Undertow's root
 * handler call, which ends the exchange when it returns unless {@code then} hands the exchange on
 * with {@code exchange.dispatch(executor, task)}; it must.
 */
final class BodyReader {

    private BodyReader() {}

    /** How much of an oversized body is read and dropped so that its sender sees the 413. */
    static final long DRAIN_LIMIT = 64L << 20;

    static void read(HttpServerExchange exchange, long limit, BiConsumer<HttpServerExchange, byte[]> then) {
        long declared = exchange.getRequestContentLength();
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        long[] dropped = {-1}; // bytes dropped after the body went over the limit; -1 while under it
        exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
            if (dropped[0] < 0 && (long) body.size() + chunk.length > limit) {
                dropped[0] = body.size();
                body.reset();
            }
            if (dropped[0] >= 0) {
                // Answering at once and closing would race the client, still sending, into a
                // connection reset that can swallow the answer; read on and drop, within reason.
                dropped[0] += chunk.length;
                if (last || dropped[0] > DRAIN_LIMIT) {
                    if (!last) {
                        ex.getRequestReceiver().pause();
                        ex.setPersistent(false);
                    }
                    Responses.send(ex, ShellErrors.tooLarge(limit));
                }
                return;
            }
            body.writeBytes(chunk);
            if (last) {
                then.accept(ex, body.toByteArray());
            }
        }, (ex, error) -> failed(ex, error, limit));
    }

    private static void failed(HttpServerExchange exchange, IOException error, long limit) {
        exchange.setPersistent(false);
        if (error instanceof RequestTooBigException) {
            Responses.send(exchange, ShellErrors.tooLarge(limit));
        } else {
            // the client went away or sent a broken body; there is no one to answer
            exchange.endExchange();
        }
    }
}
