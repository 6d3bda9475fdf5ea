package org.hotroom.logic;

import static org.hotroom.logic.http.Route.Option.ACCESS_TOKEN;
import static org.hotroom.logic.http.Route.Option.JSON_BODY;

import java.util.EnumSet;
import java.util.List;
import org.hotroom.logic.client.LoginFlowsHandler;
import org.hotroom.logic.client.LoginHandler;
import org.hotroom.logic.client.LogoutAllHandler;
import org.hotroom.logic.client.LogoutHandler;
import org.hotroom.logic.client.RegisterAvailableHandler;
import org.hotroom.logic.client.RegisterHandler;
import org.hotroom.logic.client.VersionsHandler;
import org.hotroom.logic.client.WhoamiHandler;
import org.hotroom.logic.federation.FederationVersionHandler;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.PathTemplate;
import org.hotroom.logic.http.Route;
import org.hotroom.logic.http.Router;

/**
 * Every endpoint the logic serves: {@code METHOD path -> handler [options]}. Template syntax:
 * {@code (v3|r0)} matches either literal, {@code {name}} a percent-decoded parameter (see
 * {@link PathTemplate}). Options: {@code ACCESS_TOKEN} resolves the caller's token first,
 * {@code JSON_BODY} requires a JSON object body (see {@link Route.Option}).
 *
 * <p>Any other path is 404 {@code M_UNRECOGNIZED}; a listed path with another method is 405;
 * {@code OPTIONS} on a listed path is 200 with CORS headers. A trailing slash is tolerated.
 */
public final class Routes {

    private Routes() {}

    public static List<Route> table() {
        return List.of(
                // client-server API, unversioned
                route("GET",  "/_matrix/client/versions",                        new VersionsHandler()),
                // client-server API: accounts and sessions
                route("GET",  "/_matrix/client/(v3|r0)/register/available",      new RegisterAvailableHandler()),
                route("POST", "/_matrix/client/(v3|r0)/register",                new RegisterHandler(), JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/login",                   new LoginFlowsHandler()),
                route("POST", "/_matrix/client/(v3|r0)/login",                   new LoginHandler(), JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/account/whoami",          new WhoamiHandler(), ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/logout",                  new LogoutHandler(), ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/logout/all",              new LogoutAllHandler(), ACCESS_TOKEN),
                // server-server API
                route("GET",  "/_matrix/federation/v1/version",                  new FederationVersionHandler()));
    }

    public static Router router() {
        return new Router(table());
    }

    private static Route route(String method, String template, Handler handler, Route.Option... options) {
        EnumSet<Route.Option> set = EnumSet.noneOf(Route.Option.class);
        set.addAll(List.of(options));
        return new Route(method, PathTemplate.parse(template), handler, set);
    }
}
