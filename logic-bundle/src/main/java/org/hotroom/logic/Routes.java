package org.hotroom.logic;

import static org.hotroom.logic.http.Route.Option.ACCESS_TOKEN;
import static org.hotroom.logic.http.Route.Option.JSON_BODY;

import java.util.EnumSet;
import java.util.List;
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
 * would load the class when this table is built. A handler class that serves several endpoints
 * is told which by a variant name ({@code "client.SendEventHandler", "redact"}).
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
                route("GET", "/_matrix/client/(v3|r0)/profile/{userId}/displayname", "client.ProfileFieldHandler", "displayname"),
                route("PUT", "/_matrix/client/(v3|r0)/profile/{userId}/displayname", "client.ProfileFieldHandler", "displayname", ACCESS_TOKEN, JSON_BODY),
                route("GET", "/_matrix/client/(v3|r0)/profile/{userId}/avatar_url",  "client.ProfileFieldHandler", "avatar_url"),
                route("PUT", "/_matrix/client/(v3|r0)/profile/{userId}/avatar_url",  "client.ProfileFieldHandler", "avatar_url", ACCESS_TOKEN, JSON_BODY),
                // client-server API: filters and account data
                route("POST", "/_matrix/client/(v3|r0)/user/{userId}/filter",                             "client.FilterHandler", ACCESS_TOKEN, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/filter/{filterId}",                  "client.FilterHandler", ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/account_data/{type}",                "client.AccountDataHandler", "global", ACCESS_TOKEN),
                route("PUT",  "/_matrix/client/(v3|r0)/user/{userId}/account_data/{type}",                "client.AccountDataHandler", "global", ACCESS_TOKEN, JSON_BODY),
                route("GET",  "/_matrix/client/(v3|r0)/user/{userId}/rooms/{roomId}/account_data/{type}", "client.AccountDataHandler", "room", ACCESS_TOKEN),
                route("PUT",  "/_matrix/client/(v3|r0)/user/{userId}/rooms/{roomId}/account_data/{type}", "client.AccountDataHandler", "room", ACCESS_TOKEN, JSON_BODY),
                // client-server API: push rules (clients ask for /pushrules/ and /pushrules/global/ with the slash)
                route("GET",    "/_matrix/client/(v3|r0)/pushrules",                                "client.PushRulesHandler", "all", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global",                         "client.PushRulesHandler", "global", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         "client.PushRuleHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         "client.PushRuleHandler", ACCESS_TOKEN, JSON_BODY),
                route("DELETE", "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}",         "client.PushRuleHandler", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/enabled", "client.PushRuleEnabledHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/enabled", "client.PushRuleEnabledHandler", ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/actions", "client.PushRuleActionsHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/pushrules/global/{kind}/{ruleId}/actions", "client.PushRuleActionsHandler", ACCESS_TOKEN, JSON_BODY),
                // client-server API: rooms (creation, membership, events, state, aliases, directory)
                route("POST",   "/_matrix/client/(v3|r0)/createRoom",                              "client.CreateRoomHandler", ACCESS_TOKEN, JSON_BODY),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/join",                     "client.JoinRoomHandler", "room_id", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/join/{roomIdOrAlias}",                    "client.JoinRoomHandler", "id_or_alias", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/knock/{roomIdOrAlias}",                   "client.KnockRoomHandler", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/leave",                    "client.MembershipHandler", "leave", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/invite",                   "client.MembershipHandler", "invite", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/kick",                     "client.MembershipHandler", "kick", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/ban",                      "client.MembershipHandler", "ban", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/unban",                    "client.MembershipHandler", "unban", ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/forget",                   "client.ForgetRoomHandler", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/send/{eventType}/{txnId}", "client.SendEventHandler", "send", ACCESS_TOKEN, JSON_BODY),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/redact/{eventId}/{txnId}", "client.SendEventHandler", "redact", ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state",                    "client.RoomStateHandler", "all", ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}",        "client.RoomStateHandler", "type", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}",        "client.RoomStateHandler", "type", ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}/{stateKey?}", "client.RoomStateHandler", "type_and_key", ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}/{stateKey?}", "client.RoomStateHandler", "type_and_key", ACCESS_TOKEN, JSON_BODY),
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
     * loaded and made on its endpoint's first request; {@code RoutesTest} makes every route's
     * handler, so a wrong name or variant fails the build, not a request.
     */
    private static Route route(String method, String template, String handler, Route.Option... options) {
        return route(method, template, LazyHandler.named(HANDLER_PACKAGE + handler), options);
    }

    /**
     * A route to a handler class that serves several endpoints, made on first use with its public
     * constructor taking one {@code String}: the variant named here ({@code "redact"}).
     */
    private static Route route(String method, String template, String handler, String variant,
                               Route.Option... options) {
        return route(method, template, LazyHandler.named(HANDLER_PACKAGE + handler, variant), options);
    }

    private static Route route(String method, String template, Handler handler, Route.Option... options) {
        EnumSet<Route.Option> set = EnumSet.noneOf(Route.Option.class);
        set.addAll(List.of(options));
        return new Route(method, PathTemplate.parse(template), handler, set);
    }
}
