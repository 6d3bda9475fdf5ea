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
import org.hotroom.logic.client.CreateRoomHandler;
import org.hotroom.logic.client.DeleteDevicesHandler;
import org.hotroom.logic.client.DeviceHandler;
import org.hotroom.logic.client.DevicesHandler;
import org.hotroom.logic.client.DirectoryAliasHandler;
import org.hotroom.logic.client.FilterHandler;
import org.hotroom.logic.client.ForgetRoomHandler;
import org.hotroom.logic.client.JoinRoomHandler;
import org.hotroom.logic.client.JoinedMembersHandler;
import org.hotroom.logic.client.JoinedRoomsHandler;
import org.hotroom.logic.client.KnockRoomHandler;
import org.hotroom.logic.client.LoginFlowsHandler;
import org.hotroom.logic.client.LoginHandler;
import org.hotroom.logic.client.LogoutAllHandler;
import org.hotroom.logic.client.LogoutHandler;
import org.hotroom.logic.client.MembersHandler;
import org.hotroom.logic.client.MembershipHandler;
import org.hotroom.logic.client.ProfileFieldHandler;
import org.hotroom.logic.client.ProfileHandler;
import org.hotroom.logic.client.PublicRoomsHandler;
import org.hotroom.logic.client.PushRuleActionsHandler;
import org.hotroom.logic.client.PushRuleEnabledHandler;
import org.hotroom.logic.client.PushRuleHandler;
import org.hotroom.logic.client.PushRulesHandler;
import org.hotroom.logic.client.RegisterAvailableHandler;
import org.hotroom.logic.client.RegisterHandler;
import org.hotroom.logic.client.RoomAliasesHandler;
import org.hotroom.logic.client.RoomEventHandler;
import org.hotroom.logic.client.RoomStateHandler;
import org.hotroom.logic.client.RoomVisibilityHandler;
import org.hotroom.logic.client.SendEventHandler;
import org.hotroom.logic.client.VersionsHandler;
import org.hotroom.logic.client.WhoamiHandler;
import org.hotroom.logic.federation.FederationVersionHandler;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.LazyHandler;
import org.hotroom.logic.http.PathTemplate;
import org.hotroom.logic.http.Route;
import org.hotroom.logic.http.Router;
import org.hotroom.logic.sync.ContextHandler;
import org.hotroom.logic.sync.MessagesHandler;
import org.hotroom.logic.sync.ReadMarkersHandler;
import org.hotroom.logic.sync.ReceiptHandler;
import org.hotroom.logic.sync.SyncHandler;
import org.hotroom.logic.sync.TypingHandler;

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
                // client-server API: rooms (creation, membership, events, state, aliases, directory)
                route("POST",   "/_matrix/client/(v3|r0)/createRoom",                              CreateRoomHandler.class, ACCESS_TOKEN, JSON_BODY),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/join",                     new JoinRoomHandler(false), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/join/{roomIdOrAlias}",                    new JoinRoomHandler(true), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/knock/{roomIdOrAlias}",                   KnockRoomHandler.class, ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/leave",                    new MembershipHandler(MembershipHandler.Action.LEAVE), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/invite",                   new MembershipHandler(MembershipHandler.Action.INVITE), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/kick",                     new MembershipHandler(MembershipHandler.Action.KICK), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/ban",                      new MembershipHandler(MembershipHandler.Action.BAN), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/unban",                    new MembershipHandler(MembershipHandler.Action.UNBAN), ACCESS_TOKEN),
                route("POST",   "/_matrix/client/(v3|r0)/rooms/{roomId}/forget",                   ForgetRoomHandler.class, ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/send/{eventType}/{txnId}", new SendEventHandler(false), ACCESS_TOKEN, JSON_BODY),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/redact/{eventId}/{txnId}", new SendEventHandler(true), ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state",                    new RoomStateHandler(RoomStateHandler.Shape.ALL), ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}",        new RoomStateHandler(RoomStateHandler.Shape.TYPE), ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}",        new RoomStateHandler(RoomStateHandler.Shape.TYPE), ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}/{stateKey?}", new RoomStateHandler(RoomStateHandler.Shape.TYPE_AND_KEY), ACCESS_TOKEN),
                route("PUT",    "/_matrix/client/(v3|r0)/rooms/{roomId}/state/{eventType}/{stateKey?}", new RoomStateHandler(RoomStateHandler.Shape.TYPE_AND_KEY), ACCESS_TOKEN, JSON_BODY),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/event/{eventId}",          RoomEventHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/members",                  MembersHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/joined_members",           JoinedMembersHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/joined_rooms",                            JoinedRoomsHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/rooms/{roomId}/aliases",                  RoomAliasesHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/directory/room/{roomAlias}",             DirectoryAliasHandler.class),
                route("PUT",    "/_matrix/client/(v3|r0)/directory/room/{roomAlias}",             DirectoryAliasHandler.class, ACCESS_TOKEN, JSON_BODY),
                route("DELETE", "/_matrix/client/(v3|r0)/directory/room/{roomAlias}",             DirectoryAliasHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/directory/list/room/{roomId}",           RoomVisibilityHandler.class),
                route("PUT",    "/_matrix/client/(v3|r0)/directory/list/room/{roomId}",           RoomVisibilityHandler.class, ACCESS_TOKEN),
                route("GET",    "/_matrix/client/(v3|r0)/publicRooms",                            PublicRoomsHandler.class),
                route("POST",   "/_matrix/client/(v3|r0)/publicRooms",                            PublicRoomsHandler.class, ACCESS_TOKEN, JSON_BODY),
                // client-server API: sync, history, typing, receipts and read markers
                route("GET",  "/_matrix/client/(v3|r0)/sync",                                       SyncHandler.class, ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/rooms/{roomId}/messages",                    MessagesHandler.class, ACCESS_TOKEN),
                route("GET",  "/_matrix/client/(v3|r0)/rooms/{roomId}/context/{eventId}",          ContextHandler.class, ACCESS_TOKEN),
                route("PUT",  "/_matrix/client/(v3|r0)/rooms/{roomId}/typing/{userId}",             TypingHandler.class, ACCESS_TOKEN, JSON_BODY),
                route("POST", "/_matrix/client/(v3|r0)/rooms/{roomId}/receipt/{receiptType}/{eventId}", ReceiptHandler.class, ACCESS_TOKEN),
                route("POST", "/_matrix/client/(v3|r0)/rooms/{roomId}/read_markers",                ReadMarkersHandler.class, ACCESS_TOKEN, JSON_BODY),
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
