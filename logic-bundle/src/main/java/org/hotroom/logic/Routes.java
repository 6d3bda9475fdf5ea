package org.hotroom.logic;

import static org.hotroom.logic.http.Route.Option.ACCESS_TOKEN;
import static org.hotroom.logic.http.Route.Option.JSON_BODY;

import java.util.EnumSet;
import java.util.List;
import org.hotroom.logic.account.Profiles;
import org.hotroom.logic.client.AccountDataHandler;
import org.hotroom.logic.client.AccountPasswordHandler;
import org.hotroom.logic.client.AccountThreepidsHandler;
import org.hotroom.logic.client.CapabilitiesHandler;
import org.hotroom.logic.client.DeleteDevicesHandler;
import org.hotroom.logic.client.DeviceHandler;
import org.hotroom.logic.client.DevicesHandler;
import org.hotroom.logic.client.FilterHandler;
import org.hotroom.logic.client.LoginFlowsHandler;
import org.hotroom.logic.client.LoginHandler;
import org.hotroom.logic.client.LogoutAllHandler;
import org.hotroom.logic.client.LogoutHandler;
import org.hotroom.logic.client.ProfileFieldHandler;
import org.hotroom.logic.client.ProfileHandler;
import org.hotroom.logic.client.PushRuleActionsHandler;
import org.hotroom.logic.client.PushRuleEnabledHandler;
import org.hotroom.logic.client.PushRuleHandler;
import org.hotroom.logic.client.PushRulesHandler;
import org.hotroom.logic.client.RegisterAvailableHandler;
import org.hotroom.logic.client.RegisterHandler;
import org.hotroom.logic.client.VersionsHandler;
import org.hotroom.logic.client.WhoamiHandler;
import org.hotroom.logic.federation.FederationVersionHandler;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.LazyHandler;
import org.hotroom.logic.http.PathTemplate;
import org.hotroom.logic.http.Route;
import org.hotroom.logic.http.Router;

/**
 * Every endpoint the logic serves: {@code METHOD path -> handler [options]}. Template syntax:
 * {@code (v3|r0)} matches either literal, {@code {name}} a percent-decoded parameter (see
 * {@link PathTemplate}). Options: {@code ACCESS_TOKEN} resolves the caller's token first,
 * {@code JSON_BODY} requires a JSON object body (see {@link Route.Option}).
 *
 * <p>A handler named by its class is made on its endpoint's first request ({@link LazyHandler}),
 * which keeps activating a new logic generation cheap; handlers that take arguments are made here.
 *
 * <p>Any other path is 404 {@code M_UNRECOGNIZED}; a listed path with another method is 405;
 * {@code OPTIONS} on a listed path is 200 with CORS headers. A trailing slash is tolerated.
 */
public final class Routes {

    private Routes() {}

    public static List<Route> table() {
        return List.of(
                // client-server API, unversioned
                route("GET",  "/_matrix/client/versions",                        VersionsHandler.class),
                // client-server API: accounts and sessions
                route("GET",  "/_matrix/client/(v3|r0)/register/available",      RegisterAvailableHandler.class),
                route("POST", "/_matrix/client/(v3|r0)/register",                RegisterHandler.class, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/login",                   LoginFlowsHandler.class),
                route("POST", "/_matrix/client/(v3|r0)/login",                   LoginHandler.class, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/account/whoami",          WhoamiHandler.class, ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/logout",                  LogoutHandler.class, ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/logout/all",              LogoutAllHandler.class, ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/account/password",        AccountPasswordHandler.class, ACCESS_TOKEN, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/account/3pid",            AccountThreepidsHandler.class, ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/capabilities",            CapabilitiesHandler.class, ACCESS_TOKEN),
                // client-server API: devices
                route("GET",    "/_matrix/client/(v3|r0)/devices",            DevicesHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/devices/{deviceId}", DeviceHandler.class, ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/devices/{deviceId}", DeviceHandler.class, ACCESS_TOKEN, JSON_BODY),
                route("DELETE", "/_matrix/client/(v3|r0)/devices/{deviceId}", DeviceHandler.class, ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/delete_devices",     DeleteDevicesHandler.class, ACCESS_TOKEN, JSON_BODY),
                // client-server API: profiles
                route("GET", "/_matrix/client/(v3|r0)/profile/{userId}",             ProfileHandler.class),
                route("GET", "/_matrix/client/(v3|r0)/profile/{userId}/displayname", new ProfileFieldHandler(Profiles.DISPLAYNAME)),
                route("PUT", "/_matrix/client/(v3|r0)/profile/{userId}/displayname", new ProfileFieldHandler(Profiles.DISPLAYNAME), ACCESS_TOKEN, JSON_BODY),
                route("GET", "/_matrix/client/(v3|r0)/profile/{userId}/avatar_url",  new ProfileFieldHandler(Profiles.AVATAR_URL)),
                route("PUT", "/_matrix/client/(v3|r0)/profile/{userId}/avatar_url",  new ProfileFieldHandler(Profiles.AVATAR_URL), ACCESS_TOKEN, JSON_BODY),
                // client-server API: filters and account data
                route("POST", "/_matrix/client/(v3|r0)/user/{userId}/filter",                             FilterHandler.class, ACCESS_TOKEN, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/filter/{filterId}",                  FilterHandler.class, ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/account_data/{type}",                new AccountDataHandler(false), ACCESS_TOKEN),
                route("PUT",  "/_matrix/client/(v3|r0)/user/{userId}/account_data/{type}",                new AccountDataHandler(false), ACCESS_TOKEN, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/rooms/{roomId}/account_data/{type}", new AccountDataHandler(true), ACCESS_TOKEN),
                route("PUT",  "/_matrix/client/(v3|r0)/user/{userId}/rooms/{roomId}/account_data/{type}", new AccountDataHandler(true), ACCESS_TOKEN, JSON_BODY),
                // client-server API: push rules (clients ask for /pushrules/ and /pushrules/global/ with the slash)
                route("GET",    "/_matrix/client/(v3|r0)/pushrules",                                new PushRulesHandler(true), ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global",                         new PushRulesHandler(false), ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         PushRuleHandler.class, ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         PushRuleHandler.class, ACCESS_TOKEN, JSON_BODY),
                route("DELETE", "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         PushRuleHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/enabled", PushRuleEnabledHandler.class, ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/enabled", PushRuleEnabledHandler.class, ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/actions", PushRuleActionsHandler.class, ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/actions", PushRuleActionsHandler.class, ACCESS_TOKEN, JSON_BODY),
                // server-server API
                route("GET",  "/_matrix/federation/v1/version",                  FederationVersionHandler.class));
    }

    public static Router router() {
        return new Router(table());
    }

    private static Route route(String method, String template, Class<? extends Handler> handler,
                               Route.Option... options) {
        return route(method, template, LazyHandler.of(handler), options);
    }

    private static Route route(String method, String template, Handler handler, Route.Option... options) {
        EnumSet<Route.Option> set = EnumSet.noneOf(Route.Option.class);
        set.addAll(List.of(options));
        return new Route(method, PathTemplate.parse(template), handler, set);
    }
}
