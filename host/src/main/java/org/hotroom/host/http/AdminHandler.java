package org.hotroom.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Executor;
import org.hotroom.api.Respond;
import org.hotroom.host.reload.Generation;
import org.hotroom.host.reload.LogicGenerations;
import org.hotroom.host.reload.ReloadException;
import org.hotroom.host.reload.ReloadRecord;
import org.hotroom.host.step.ShellErrors;

/**
 * The operator's API under {@code /_hotroom/admin/v1/}, on the client listener; everything else
 * goes to {@code next}. Authorised by {@code Authorization: Bearer <admin_token>}.
 *
 * <ul>
 *   <li>{@code GET logic}: the active generation, every live generation with its steps in flight,
 *       the lineage rollback walks, and the recent reload history.</li>
 *   <li>{@code POST logic}: the body is a logic bundle jar; installs and activates it.</li>
 *   <li>{@code POST logic/rollback}: back to the generation before the active one.</li>
 * </ul>
 * This is the host's own API about the host; its JSON is not Matrix data.
 */
public final class AdminHandler implements HttpHandler {

    public static final String PREFIX = "/_hotroom/admin/v1/";
    /** Jars can be larger than Matrix request bodies. */
    static final long MAX_JAR_BYTES = 256L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpHandler next;
    private final LogicGenerations generations;
    private final byte[] adminToken;
    private final Executor adminPool;

    public AdminHandler(HttpHandler next, LogicGenerations generations, String adminToken, Executor adminPool) {
        this.next = next;
        this.generations = generations;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.adminPool = adminPool;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (!path.startsWith(PREFIX) && !path.equals(PREFIX.substring(0, PREFIX.length() - 1))) {
            next.handleRequest(exchange);
            return;
        }
        if (!authorised(exchange)) {
            Responses.send(exchange, ShellErrors.error(401, "M_UNKNOWN_TOKEN",
                    "the admin API needs 'Authorization: Bearer <admin_token>' with this server's admin token"));
            return;
        }
        String method = exchange.getRequestMethod().toString();
        String rest = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        switch (rest) {
            case "logic" -> {
                if (method.equals("GET")) {
                    Responses.send(exchange, json(200, status()));
                } else if (method.equals("POST")) {
                    receiveJar(exchange);
                } else {
                    wrongMethod(exchange, "GET, POST");
                }
            }
            case "logic/rollback" -> {
                if (method.equals("POST")) {
                    exchange.dispatch(adminPool, () -> Responses.send(exchange, rollback()));
                } else {
                    wrongMethod(exchange, "POST");
                }
            }
            default -> Responses.send(exchange, ShellErrors.error(404, "M_UNRECOGNIZED",
                    "unknown admin endpoint " + method + " " + path));
        }
    }

    private boolean authorised(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, adminToken);
    }

    private void wrongMethod(HttpServerExchange exchange, String allowed) {
        exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
        Responses.send(exchange, ShellErrors.error(405, "M_UNRECOGNIZED", "method not allowed; use " + allowed));
    }

    private void receiveJar(HttpServerExchange exchange) {
        if (exchange.getRequestContentLength() > MAX_JAR_BYTES) {
            Responses.send(exchange, ShellErrors.tooLarge(MAX_JAR_BYTES));
            return;
        }
        String source = "admin API from " + exchange.getSourceAddress().getHostString();
        long started = System.nanoTime();
        BodyReader.read(exchange, MAX_JAR_BYTES, (ex, jar) -> {
            // how long the body took to arrive, from the handler's first call: reported beside
            // the reload's own stages, so a slow upload is not mistaken for a slow swap
            double receiveMillis = (System.nanoTime() - started) / 1e6;
            ex.dispatch(adminPool, () -> Responses.send(ex, reload(jar, source, receiveMillis, started)));
        });
    }

    private Respond reload(byte[] jar, String source, double receiveMillis, long started) {
        if (jar.length == 0) {
            return ShellErrors.error(400, "M_BAD_JSON", "the body must be a logic bundle jar; it was empty");
        }
        try {
            ObjectNode answer = record(generations.reload(jar, source));
            answer.put("receive_ms", Math.round(receiveMillis * 100) / 100.0);
            answer.put("handled_ms", Math.round((System.nanoTime() - started) / 1e4) / 100.0);
            return json(200, answer);
        } catch (ReloadException e) {
            return refused(e);
        }
    }

    private Respond rollback() {
        try {
            return json(200, record(generations.rollback("admin API")));
        } catch (ReloadException e) {
            return refused(e);
        }
    }

    private static Respond refused(ReloadException e) {
        ObjectNode body = JSON.createObjectNode();
        boolean nothing = e.kind() == ReloadException.Kind.NO_PREVIOUS_GENERATION;
        body.put("errcode", nothing ? "ORG.HOTROOM_NO_PREVIOUS_GENERATION" : "ORG.HOTROOM_RELOAD_FAILED");
        body.put("error", e.getMessage());
        body.put("stage", e.kind().name().toLowerCase());
        body.put("still_serving", true);
        return json(nothing ? 409 : e.kind() == ReloadException.Kind.IO ? 500 : 400, body);
    }

    private ObjectNode status() {
        LogicGenerations.Status s = generations.status();
        ObjectNode root = JSON.createObjectNode();
        Generation a = s.active();
        if (a != null) {
            root.put("version", a.version());
            root.put("generation", a.number());
        }
        ArrayNode live = root.putArray("generations");
        for (Generation g : s.live()) {
            ObjectNode n = live.addObject();
            n.put("generation", g.number());
            n.put("version", g.version());
            n.put("state", g.state().name().toLowerCase());
            n.put("in_flight", g.inFlight());
            describe(n, g);
        }
        ArrayNode lineage = root.putArray("lineage");
        s.lineage().forEach(lineage::add);
        ArrayNode history = root.putArray("history");
        for (ReloadRecord r : s.history()) {
            history.add(record(r));
        }
        if (a != null) {
            ObjectNode active = root.putObject("active");
            active.put("generation", a.number());
            active.put("version", a.version());
            active.put("in_flight", a.inFlight());
            describe(active, a);
        }
        return root;
    }

    private static void describe(ObjectNode n, Generation g) {
        n.put("loaded_at", g.loadedAt().toString());
        n.put("source", g.source());
        n.put("steps", g.steps());
        n.put("bundle_id", g.bundleId());
    }

    private static ObjectNode record(ReloadRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("at", r.at().toString());
        n.put("action", r.action());
        n.put("source", r.source());
        n.put("outcome", r.ok() ? "ok" : "failed");
        if (r.ok()) {
            n.put("generation", r.generation());
            n.put("version", r.version());
            if (r.error() != null) {
                n.put("warning", r.error());
            }
        } else {
            n.put("error", r.error());
        }
        n.put("swap_ms", Math.round(r.swapMillis() * 100) / 100.0);
        ObjectNode phases = n.putObject("phases_ms");
        for (String stage : List.of("check", "install", "resolve", "start", "activate", "smoke", "switch", "persist")) {
            Double ms = r.phases().get(stage);
            if (ms != null) {
                phases.put(stage, ms);
            }
        }
        return n;
    }

    private static Respond json(int status, ObjectNode body) {
        try {
            return new Respond(status, org.hotroom.api.Headers.of("content-type", "application/json"),
                    JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
