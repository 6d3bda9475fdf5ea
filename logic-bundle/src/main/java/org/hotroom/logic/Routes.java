package org.hotroom.logic;

import static org.hotroom.logic.http.Route.Option.ACCESS_TOKEN;
import static org.hotroom.logic.http.Route.Option.JSON_BODY;

import java.util.EnumSet;
import java.util.List;
import org.hotroom.logic.account.Profiles;
import org.hotroom.logic.client.AccountDataHandler;
import org.hotroom.logic.client.JoinRoomHandler;
import org.hotroom.logic.client.MembershipHandler;
import org.hotroom.logic.client.ProfileFieldHandler;
import org.hotroom.logic.client.PushRulesHandler;
import org.hotroom.logic.client.RoomStateHandler;
import org.hotroom.logic.client.SendEventHandler;
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
 * <p>A handler given by its class name ({@code "client.LoginHandler"}, relative to
 * {@code org.hotroom.logic}) is loaded and made on its endpoint's first request
 * ({@link LazyHandler}), which keeps activating a new logic generation cheap: a class literal
 * would load the class when this table is built. Handlers that take arguments are made here.
 *
 * <p>Any other path is 404 {@code M_UNRECOGNIZED}; a listed path with another method is 405;
 * {@code OPTIONS} on a listed path is 200 with CORS headers. A trailing slash is tolerated.
 */
public final class Routes {

    private static final String HANDLER_PACKAGE = "org.hotroom.logic.";

    private Routes() {}

    public static List<Route> table() {
        return List.of(
                // client-server API, unversioned
                route("GET",  "/_matrix/client/versions",                        "client.VersionsHandler"),
                // client-server API: accounts and sessions
                route("GET",  "/_matrix/client/(v3|r0)/register/available",      "client.RegisterAvailableHandler"),
                route("POST", "/_matrix/client/(v3|r0)/register",                "client.RegisterHandler", JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/login",                   "client.LoginFlowsHandler"),
                route("POST", "/_matrix/client/(v3|r0)/login",                   "client.LoginHandler", JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/account/whoami",          "client.WhoamiHandler", ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/logout",                  "client.LogoutHandler", ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/logout/all",              "client.LogoutAllHandler", ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/account/password",        "client.AccountPasswordHandler", ACCESS_TOKEN, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/account/3pid",            "client.AccountThreepidsHandler", ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/capabilities",            "client.CapabilitiesHandler", ACCESS_TOKEN),
                // client-server API: devices
                route("GET",    "/_matrix/client/(v3|r0)/devices",            "client.DevicesHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/devices/{deviceId}", "client.DeviceHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/devices/{deviceId}", "client.DeviceHandler", ACCESS_TOKEN, JSON_BODY),
                route("DELETE", "/_matrix/client/(v3|r0)/devices/{deviceId}", "client.DeviceHandler", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/delete_devices",     "client.DeleteDevicesHandler", ACCESS_TOKEN, JSON_BODY),
                // client-server API: profiles
                route("GET", "/_matrix/client/(v3|r0)/profile/{userId}",             "client.ProfileHandler"),
                route("GET", "/_matrix/client/(v3|r0)/profile/{userId}/displayname", new ProfileFieldHandler(Profiles.DISPLAYNAME)),
                route("PUT", "/_matrix/client/(v3|r0)/profile/{userId}/displayname", new ProfileFieldHandler(Profiles.DISPLAYNAME), ACCESS_TOKEN, JSON_BODY),
                route("GET", "/_matrix/client/(v3|r0)/profile/{userId}/avatar_url",  new ProfileFieldHandler(Profiles.AVATAR_URL)),
                route("PUT", "/_matrix/client/(v3|r0)/profile/{userId}/avatar_url",  new ProfileFieldHandler(Profiles.AVATAR_URL), ACCESS_TOKEN, JSON_BODY),
                // client-server API: filters and account data
                route("POST", "/_matrix/client/(v3|r0)/user/{userId}/filter",                             "client.FilterHandler", ACCESS_TOKEN, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/filter/{filterId}",                  "client.FilterHandler", ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/account_data/{type}",                new AccountDataHandler(false), ACCESS_TOKEN),
                route("PUT",  "/_matrix/client/(v3|r0)/user/{userId}/account_data/{type}",                new AccountDataHandler(false), ACCESS_TOKEN, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/rooms/{roomId}/account_data/{type}", new AccountDataHandler(true), ACCESS_TOKEN),
                route("PUT",  "/_matrix/client/(v3|r0)/user/{userId}/rooms/{roomId}/account_data/{type}", new AccountDataHandler(true), ACCESS_TOKEN, JSON_BODY),
                // client-server API: push rules (clients ask for /pushrules/ and /pushrules/global/ with the slash)
                route("GET",    "/_matrix/client/(v3|r0)/pushrules",                                new PushRulesHandler(true), ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global",                         new PushRulesHandler(false), ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         "client.PushRuleHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         "client.PushRuleHandler", ACCESS_TOKEN, JSON_BODY),
                route("DELETE", "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         "client.PushRuleHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/enabled", "client.PushRuleEnabledHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/enabled", "client.PushRuleEnabledHandler", ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/actions", "client.PushRuleActionsHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/actions", "client.PushRuleActionsHandler", ACCESS_TOKEN, JSON_BODY),
                // client-server API: rooms (creation, membership, events, state, aliases, directory)
                route("POST",   "/_matrix/client/(v3|r0)/createRoom",                              "client.CreateRoomHandler", ACCESS_TOKEN, JSON_BODY),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/join",                     new JoinRoomHandler(false), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/join/{roomIdOrAlias}",                    new JoinRoomHandler(true), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/knock/{roomIdOrAlias}",                   "client.KnockRoomHandler", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/leave",                    new MembershipHandler(MembershipHandler.Action.LEAVE), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/invite",                   new MembershipHandler(MembershipHandler.Action.INVITE), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/kick",                     new MembershipHandler(MembershipHandler.Action.KICK), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/ban",                      new MembershipHandler(MembershipHandler.Action.BAN), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/unban",                    new MembershipHandler(MembershipHandler.Action.UNBAN), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/forget",                   "client.ForgetRoomHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/send/{eventType}/{txnId}", new SendEventHandler(false), ACCESS_TOKEN, JSON_BODY),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/redact/{eventId}/{txnId}", new SendEventHandler(true), ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state",                    new RoomStateHandler(RoomStateHandler.Shape.ALL), ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}",        new RoomStateHandler(RoomStateHandler.Shape.TYPE), ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}",        new RoomStateHandler(RoomStateHandler.Shape.TYPE), ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}/{stateKey?}", new RoomStateHandler(RoomStateHandler.Shape.TYPE_AND_KEY), ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}/{stateKey?}", new RoomStateHandler(RoomStateHandler.Shape.TYPE_AND_KEY), ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/event/{eventId}",          "client.RoomEventHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/members",                  "client.MembersHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/joined_members",           "client.JoinedMembersHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/joined_rooms",                            "client.JoinedRoomsHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/aliases",                  "client.RoomAliasesHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/directory/room/{roomAlias}",             "client.DirectoryAliasHandler"),
                route("PUT",    "/_matrix/client/(v3|r0)/directory/room/{roomAlias}",             "client.DirectoryAliasHandler", ACCESS_TOKEN, JSON_BODY),
                route("DELETE", "/_matrix/client/(v3|r0)/directory/room/{roomAlias}",             "client.DirectoryAliasHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/directory/list/room/{roomId}",           "client.RoomVisibilityHandler"),
                route("PUT",    "/_matrix/client/(v3|r0)/directory/list/room/{roomId}",           "client.RoomVisibilityHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/publicRooms",                            "client.PublicRoomsHandler"),
                route("POST",   "/_matrix/client/(v3|r0)/publicRooms",                            "client.PublicRoomsHandler", ACCESS_TOKEN, JSON_BODY),
                // client-server API: sync, history, typing, receipts and read markers
                route("GET",  "/_matrix/client/(v3|r0)/sync",                                       "sync.SyncHandler", ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/rooms/{roomId}/messages",                    "sync.MessagesHandler", ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/rooms/{roomId}/context/{eventId}",          "sync.ContextHandler", ACCESS_TOKEN),
                route("PUT",  "/_matrix/client/(v3|r0)/rooms/{roomId}/typing/{userId}",             "sync.TypingHandler", ACCESS_TOKEN, JSON_BODY),
                route("POST", "/_matrix/client/(v3|r0)/rooms/{roomId}/receipt/{receiptType}/{eventId}", "sync.ReceiptHandler", ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/rooms/{roomId}/read_markers",                "sync.ReadMarkersHandler", ACCESS_TOKEN, JSON_BODY),
                // server-server API
                route("GET",  "/_matrix/federation/v1/version",                  "federation.FederationVersionHandler"));
    }

    public static Router router() {
        return new Router(table());
    }

    /**
     * A route to a handler class named relative to this package ({@code "client.LoginHandler"}),
     * loaded and made on its endpoint's first request; {@code RoutesTest} checks that every name
     * is a handler with a public no-argument constructor.
     */
    private static Route route(String method, String template, String handler, Route.Option... options) {
        return route(method, template, LazyHandler.named(HANDLER_PACKAGE + handler), options);
    }

    /** A route to a handler class named by literal: it is loaded when the table is built, at activation. */
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
