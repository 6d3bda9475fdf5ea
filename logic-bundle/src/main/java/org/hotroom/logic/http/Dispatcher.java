package org.hotroom.logic.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.Exchange;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.LogicConfig;
import org.hotroom.logic.account.AccessTokens;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.json.JsonRejectedException;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.ratelimit.RateLimiter;

/**
 * Turns one step into a handler call: route, OPTIONS, access token, JSON body, handler, errors.
 *
 * <ol>
 *   <li>{@link Router} finds the route (404 / 405 / 400 otherwise). {@code OPTIONS} on a known
 *       path answers 200 at once without running any endpoint logic ("Web Browser Clients").</li>
 *   <li>{@link Route.Option#ACCESS_TOKEN}: the token is resolved (401 otherwise).</li>
 *   <li>A route of a rate-limited class ({@link RateLimiter}) takes a token from the caller's
 *       bucket (429 {@code M_LIMIT_EXCEEDED} otherwise); the charge is stored even when the
 *       handler fails.</li>
 *   <li>{@link Route.Option#JSON_BODY}: the body is parsed by {@link StrictJson} (400
 *       {@code M_NOT_JSON} / {@code M_BAD_JSON} otherwise).</li>
 *   <li>The handler runs on the shell's storage. A {@link MatrixError} it throws becomes the
 *       error response, any other RuntimeException a 500 {@code M_UNKNOWN}; in both cases the
 *       step's writes are dropped first ({@link StepStorage#discard()}), so the shell commits an
 *       empty step and a failed request leaves nothing behind. If discarding itself fails, the
 *       step throws and the shell drops the writes with it.</li>
 * </ol>
 * Every response to a path outside the server-server API ({@code /_matrix/federation},
 * {@code /_matrix/key}) carries the spec's CORS headers.
 *
 * <p>All routes are served on both listeners; {@link Request#listener()} is not consulted yet.
 */
public final class Dispatcher {

    private static final System.Logger LOG = System.getLogger("org.hotroom.logic");

    private final Router router;
    private final LogicConfig config;
    private final String version;
    private final RateLimiter rateLimiter;

    public Dispatcher(Router router, LogicConfig config, String version) {
        this.router = router;
        this.config = config;
        this.version = version;
        this.rateLimiter = new RateLimiter(config.rateLimits());
    }

    public Outcome step(Exchange exchange, StepStorage storage) {
        Request request = exchange.request();
        RateLimiter.Charge[] charge = {null};
        Outcome outcome;
        try {
            outcome = dispatch(exchange, storage, charge);
        } catch (MatrixError e) {
            storage.discard();
            return finish(request, charged(storage, charge[0], e.toRespond()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "step failed: " + exchange, e);
            storage.discard();
            return finish(request, charged(storage, charge[0], MatrixError.internal("Internal server error").toRespond()));
        }
        return finish(request, charged(storage, charge[0], outcome));
    }

    /**
     * Stores the step's rate limit charge after anything else it wrote was kept or discarded: the
     * charge stays whatever the handler answered.
     */
    private static Outcome charged(StepStorage storage, RateLimiter.Charge charge, Outcome outcome) {
        if (charge != null) {
            charge.store(storage);
        }
        return outcome;
    }

    /** The cheap early look of {@code Logic.screen}: refuses what needs no body or storage to refuse. */
    public Respond screen(Request head) {
        try {
            Router.Resolution res = router.resolve(head.method(), head.path());
            if (res instanceof Router.Failed f) {
                return withCors(head, f.error().toRespond());
            }
            if (res instanceof Router.Options o) {
                return withCors(head, options(o));
            }
            Router.Found found = (Router.Found) res;
            if (found.route().has(Route.Option.ACCESS_TOKEN)
                    && AccessTokens.find(head, Query.parse(head.query())) == null) {
                return withCors(head, AccessTokens.missing().toRespond());
            }
            return null;
        } catch (MatrixError e) {
            return withCors(head, e.toRespond());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "screen failed: " + head, e);
            return null; // let the step decide
        }
    }

    private Outcome dispatch(Exchange exchange, StepStorage storage, RateLimiter.Charge[] charge) {
        Request request = exchange.request();
        Router.Resolution res = router.resolve(request.method(), request.path());
        if (res instanceof Router.Failed f) {
            throw f.error();
        }
        if (res instanceof Router.Options o) {
            return options(o);
        }
        Router.Found found = (Router.Found) res;
        Route route = found.route();
        Call call = new Call(exchange, storage, config, version, found.params());
        if (route.has(Route.Option.ACCESS_TOKEN)) {
            call.setAuth(AccessTokens.authenticate(request, call.query(), storage.keyValue(), config.serverName()));
        }
        charge[0] = rateLimiter.check(route, exchange, route.has(Route.Option.ACCESS_TOKEN) ? call.auth() : null, storage);
        if (route.has(Route.Option.JSON_BODY)) {
            call.setBody(JsonBody.of(parseBody(request.body())));
        }
        Outcome outcome = route.handler().handle(call);
        if (outcome == null) {
            throw new IllegalStateException(route + " returned null");
        }
        return outcome;
    }

    private static ObjectNode parseBody(byte[] body) {
        try {
            return StrictJson.parseObject(body);
        } catch (JsonRejectedException e) {
            throw e.reason() == JsonRejectedException.Reason.NOT_JSON
                    ? MatrixError.notJson(e.getMessage())
                    : MatrixError.badJson(e.getMessage());
        }
    }

    private static Respond options(Router.Options o) {
        Respond r = Responses.emptyObject();
        return new Respond(r.status(), r.headers().with("Allow", String.join(", ", o.allowed())), r.body());
    }

    private static Outcome finish(Request request, Outcome outcome) {
        return outcome instanceof Respond r ? withCors(request, r) : outcome;
    }

    private static Respond withCors(Request request, Respond r) {
        String path = request.path();
        boolean serverServer = path.startsWith("/_matrix/federation/") || path.startsWith("/_matrix/key/");
        return serverServer ? r : Responses.withCors(r);
    }
}
