package org.hotroom.host.step;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import org.hotroom.api.Fetched;
import org.hotroom.api.Headers;
import org.hotroom.api.Need;

/**
 * Performs the logic's outgoing requests ({@link Need}s) and turns each into a {@link Fetched}:
 * the raw status, headers and body, or a transport error. It moves bytes only; the logic built
 * and signed the request and will judge the answer.
 *
 * <p>Destinations are Matrix server names. This resolves a name the simple way (an explicit port
 * or 8448, over HTTPS); .well-known and SRV delegation belong here too and come with federation.
 */
public final class OutgoingRequests {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Clock clock;

    public OutgoingRequests(SSLContext tls, Executor executor, Clock clock) {
        this.client = HttpClient.newBuilder()
                .sslContext(tls)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.clock = clock;
    }

    /** All results, in the order of {@code needs}; the future never fails. */
    public CompletableFuture<List<Fetched>> performAll(List<Need> needs) {
        List<CompletableFuture<Fetched>> all = new ArrayList<>(needs.size());
        for (Need n : needs) {
            all.add(perform(n));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Fetched> results = new ArrayList<>(all.size());
            for (CompletableFuture<Fetched> f : all) {
                results.add(f.join());
            }
            return results;
        });
    }

    CompletableFuture<Fetched> perform(Need need) {
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(target(need))
                    .timeout(Duration.ofMillis(need.timeoutMillis()))
                    .method(need.method(), need.body().length == 0 && !need.method().equals("PUT")
                            && !need.method().equals("POST")
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(need.body()));
            for (String name : need.headers().names()) {
                if (!RESTRICTED.contains(name)) {
                    for (String v : need.headers().all(name)) {
                        b.header(name, v);
                    }
                }
            }
            request = b.build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Fetched.failure(need, "cannot build the request: "
                    + e.getMessage(), clock.millis()));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        String text = cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                        return Fetched.failure(need, text, clock.millis());
                    }
                    Headers.Builder h = Headers.builder();
                    response.headers().map().forEach((name, values) -> {
                        if (!name.startsWith(":")) {
                            values.forEach(v -> h.add(name, v));
                        }
                    });
                    return Fetched.response(need, response.statusCode(), h.build(), response.body(), clock.millis());
                });
    }

    /** {@code https://host:port/path} for a Matrix server name. */
    static URI target(Need need) {
        String name = need.destination().toLowerCase(Locale.ROOT);
        boolean hasPort = name.startsWith("[") ? name.contains("]:") : name.contains(":");
        String authority = hasPort ? name : name + ":8448";
        String path = need.pathAndQuery().startsWith("/") ? need.pathAndQuery() : "/" + need.pathAndQuery();
        return URI.create("https://" + authority + path);
    }
}
