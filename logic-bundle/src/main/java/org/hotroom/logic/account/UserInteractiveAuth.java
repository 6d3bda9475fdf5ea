package org.hotroom.logic.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.Respond;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.util.Entropy;

/**
 * The User-Interactive Authentication API (client-server API, "Legacy API" /
 * "User-Interactive Authentication API"), for any endpoint that offers flows of stages.
 *
 * <p>A request without {@code auth} gets 401 with {@code flows}, {@code params} and a new
 * {@code session}, which is stored (table {@code "uia"}). A request whose {@code auth} completes
 * a flow gets {@link Result#completed()}; the endpoint then does its work and calls
 * {@link #finish} so the session cannot be replayed. Stages must follow a flow in order; an
 * attempt at a stage no flow offers next is 401 with {@code errcode} {@code M_FORBIDDEN}, as the
 * spec's failed-stage example. An {@code auth} without {@code session} starts a new session (some
 * clients send {@code m.login.dummy} at once). A {@code session} that is unknown, expired, or
 * belongs to another endpoint is 400 {@code M_INVALID_PARAM}.
 *
 * <p>Stages implemented: {@code m.login.dummy}, and {@code m.login.password} for endpoints that
 * already know the user from an access token (re-authentication before deleting devices or
 * changing the password; see {@link #check(Call, JsonBody, String, List, Authenticated)}). A
 * wrong password, or an identifier naming another user, fails the stage: 401 with
 * {@code errcode} {@code M_FORBIDDEN} and the session kept for another attempt. A third-party
 * identifier is 403 {@code M_FORBIDDEN}, as the spec requires for a 3PID the server does not know
 * (this server stores none).
 *
 * <pre>
 * table "uia": session -> {"endpoint", "created_ts", "completed": [stage, ...]}
 * </pre>
 */
public final class UserInteractiveAuth {

    public static final String TABLE = "uia";
    public static final String DUMMY = "m.login.dummy";
    public static final String PASSWORD = "m.login.password";
    /** How long a session may take from its first 401 to its completion. */
    public static final long SESSION_LIFETIME_MILLIS = 2 * 60 * 60 * 1000L;
    /** Sessions this server issues are 24 characters; longer ones are unknown without a look-up. */
    private static final int MAX_SESSION_LENGTH = 64;

    private UserInteractiveAuth() {}

    /** Either the 401 to answer with, or a completed authentication. */
    public record Result(Respond challenge, String session) {
        public boolean completed() {
            return challenge == null;
        }
    }

    /**
     * Checks the {@code auth} of {@code body} against {@code flows} (each a list of stages) for
     * {@code endpoint} (a name that ties sessions to one API).
     */
    public static Result check(Call call, JsonBody body, String endpoint, List<List<String>> flows) {
        return check(call, body, endpoint, flows, null);
    }

    /**
     * As {@link #check(Call, JsonBody, String, List)}, for an endpoint called with an access
     * token: the {@code m.login.password} stage checks the password of {@code user}. Sessions are
     * not bound to the user by this method; callers name the user in {@code endpoint}.
     */
    public static Result check(Call call, JsonBody body, String endpoint, List<List<String>> flows, Authenticated user) {
        KeyValue kv = call.storage().keyValue();
        JsonBody auth = body.optObject("auth");
        if (auth == null) {
            String session = newSession(call);
            save(kv, session, endpoint, call.now(), List.of());
            return new Result(challenge(session, flows, List.of(), null), session);
        }
        String session = auth.optString("session");
        String type = auth.optString("type");
        List<String> completed = new ArrayList<>();
        boolean stored = false;
        long created = call.now();
        if (session != null) {
            ObjectNode rec = session.length() > MAX_SESSION_LENGTH ? null : load(kv, session);
            if (rec == null || !endpoint.equals(rec.path("endpoint").asText())
                    || call.now() - rec.path("created_ts").asLong() > SESSION_LIFETIME_MILLIS) {
                throw MatrixError.invalidParam("Unknown or expired user-interactive authentication session");
            }
            for (JsonNode s : rec.path("completed")) {
                completed.add(s.asText());
            }
            created = rec.path("created_ts").asLong();
            stored = true;
        } else {
            session = newSession(call);
        }
        if (type == null) {
            // the client believes the stages were completed out of band: report where it stands
            if (isComplete(flows, completed)) {
                return new Result(null, session);
            }
            if (!stored) {
                save(kv, session, endpoint, created, completed);
            }
            return new Result(challenge(session, flows, completed, null), session);
        }
        if (!offeredNext(flows, completed, type)) {
            save(kv, session, endpoint, created, completed);
            return new Result(challenge(session, flows, completed, MatrixError.forbidden(
                    "Authentication type '" + type + "' is not offered at this point; follow one of the flows")), session);
        }
        if (type.equals(PASSWORD) && user != null) {
            MatrixError failure = passwordStage(call, auth, user);
            if (failure != null) {
                save(kv, session, endpoint, created, completed);
                return new Result(challenge(session, flows, completed, failure), session);
            }
        } else if (!type.equals(DUMMY)) {
            throw new IllegalStateException("flow offers a stage with no implementation: " + type);
        }
        completed.add(type); // m.login.dummy always succeeds
        if (isComplete(flows, completed)) {
            return new Result(null, stored ? session : null);
        }
        save(kv, session, endpoint, created, completed);
        return new Result(challenge(session, flows, completed, null), session);
    }

    /** Ends a completed session so it cannot authenticate another request. */
    public static void finish(Call call, Result result) {
        if (result.session() != null) {
            call.storage().keyValue().delete(TABLE, result.session().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Null when {@code auth} proves to be {@code user} by password, else why the stage failed. */
    private static MatrixError passwordStage(Call call, JsonBody auth, Authenticated user) {
        String named;
        JsonBody identifier = auth.optObject("identifier");
        if (identifier != null) {
            String idType = identifier.requireString("type");
            switch (idType) {
                case "m.id.user":
                    named = identifier.requireString("user");
                    break;
                case "m.id.thirdparty":
                case "m.id.phone":
                    throw MatrixError.forbidden("No third-party identifiers are bound to accounts on this server");
                default:
                    throw MatrixError.badRequest("Unknown identifier type '" + idType + "'");
            }
        } else if (auth.has("user")) {
            named = auth.requireString("user"); // deprecated form
        } else if (auth.has("medium") || auth.has("address")) {
            throw MatrixError.forbidden("No third-party identifiers are bound to accounts on this server");
        } else {
            throw MatrixError.badJson("Missing field 'auth.identifier'");
        }
        String password = auth.requireString("password");
        if (!user.localpart().equals(UserIds.localpartForLogin(named, call.serverName()))) {
            return MatrixError.forbidden("The identifier does not name the user of this access token");
        }
        ObjectNode account = new AccountStore(call.storage().keyValue()).account(user.localpart());
        boolean ok = account != null && PasswordHasher.verify(password, account.path("password_hash").asText());
        return ok ? null : MatrixError.forbidden("Invalid password");
    }

    private static boolean isComplete(List<List<String>> flows, List<String> completed) {
        return flows.stream().anyMatch(f -> f.equals(completed));
    }

    private static boolean offeredNext(List<List<String>> flows, List<String> completed, String type) {
        for (List<String> f : flows) {
            if (f.size() > completed.size() && f.subList(0, completed.size()).equals(completed)
                    && f.get(completed.size()).equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static Respond challenge(String session, List<List<String>> flows, List<String> completed, MatrixError error) {
        ObjectNode body = Json.object();
        ArrayNode fl = body.putArray("flows");
        for (List<String> f : flows) {
            fl.addObject().set("stages", Json.strings(f.toArray(String[]::new)));
        }
        body.putObject("params");
        body.put("session", session);
        if (!completed.isEmpty()) {
            body.set("completed", Json.strings(completed.toArray(String[]::new)));
        }
        if (error != null) {
            body.put("errcode", error.errcode());
            body.put("error", error.getMessage());
        }
        return Responses.json(401, body);
    }

    private static String newSession(Call call) {
        return Entropy.token(call.exchange().entropy(), "uia_session", 18);
    }

    private static ObjectNode load(KeyValue kv, String session) {
        byte[] v = kv.get(TABLE, session.getBytes(StandardCharsets.UTF_8));
        return v == null ? null : Json.readRecord(v);
    }

    private static void save(KeyValue kv, String session, String endpoint, long now, List<String> completed) {
        ObjectNode rec = Json.object();
        rec.put("endpoint", endpoint);
        rec.put("created_ts", now);
        rec.set("completed", Json.strings(completed.toArray(String[]::new)));
        kv.put(TABLE, session.getBytes(StandardCharsets.UTF_8), Json.record(rec));
    }
}
