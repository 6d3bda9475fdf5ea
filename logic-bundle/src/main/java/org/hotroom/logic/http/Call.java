package org.hotroom.logic.http;

import java.util.Map;
import org.hotroom.api.Exchange;
import org.hotroom.api.Request;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.LogicConfig;
import org.hotroom.logic.account.Authenticated;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.util.Entropy;

/**
 * Everything a handler may look at for one step: the exchange, storage, configuration, decoded
 * path parameters and query, and what the dispatcher already resolved for the route (the
 * authenticated user for {@link Route.Option#ACCESS_TOKEN}, the parsed body for
 * {@link Route.Option#JSON_BODY}).
 */
public final class Call {

    private final Exchange exchange;
    private final StepStorage storage;
    private final LogicConfig config;
    private final String version;
    private final Map<String, String> params;
    private final Query query;
    private Authenticated auth;
    private JsonBody body;

    public Call(Exchange exchange, StepStorage storage, LogicConfig config, String version, Map<String, String> params) {
        this.exchange = exchange;
        this.storage = storage;
        this.config = config;
        this.version = version;
        this.params = Map.copyOf(params);
        this.query = Query.parse(exchange.request().query());
    }

    public Exchange exchange() {
        return exchange;
    }

    public Request request() {
        return exchange.request();
    }

    public StepStorage storage() {
        return storage;
    }

    public LogicConfig config() {
        return config;
    }

    /** This server's name (the domain of local user IDs). */
    public String serverName() {
        return config.serverName();
    }

    /** The running logic build's version, as {@code Logic.version()} reports it. */
    public String version() {
        return version;
    }

    /** A decoded path parameter of the route's template. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return v;
    }

    public Query query() {
        return query;
    }

    /** The step's clock, milliseconds since the epoch. */
    public long now() {
        return exchange.clockMillis();
    }

    /** Random bytes for {@code label}, derived from the exchange's entropy (see {@link Entropy}). */
    public byte[] random(String label, int n) {
        return Entropy.derive(exchange.entropy(), label, n);
    }

    /** The user behind the access token; only for routes with {@link Route.Option#ACCESS_TOKEN}. */
    public Authenticated auth() {
        if (auth == null) {
            throw new IllegalStateException("route does not declare ACCESS_TOKEN");
        }
        return auth;
    }

    /** The request body as a JSON object; only for routes with {@link Route.Option#JSON_BODY}. */
    public JsonBody body() {
        if (body == null) {
            throw new IllegalStateException("route does not declare JSON_BODY");
        }
        return body;
    }

    void setAuth(Authenticated auth) {
        this.auth = auth;
    }

    void setBody(JsonBody body) {
        this.body = body;
    }
}
