package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.hotroom.api.Outcome;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.http.Responses;
import org.hotroom.logic.json.JsonBody;
import org.hotroom.logic.rooms.Typing;

// Spec: client-server API, PUT /_matrix/client/v3/rooms/{roomId}/typing/{userId} (typing.yaml),
// "Typing Notifications".

/**
 * {@code PUT /rooms/{roomId}/typing/{userId}}: {@code {"typing": true, "timeout": ms}} marks the
 * caller as typing for {@code timeout} milliseconds (default {@value #DEFAULT_TIMEOUT}, at most
 * {@value #MAX_TIMEOUT}), {@code {"typing": false}} stops it. Only for oneself (403
 * {@code M_FORBIDDEN} otherwise) and only in a room one has joined (403). See {@link Typing} for
 * when the stream advances.
 */
public final class TypingHandler implements Handler {

    static final long DEFAULT_TIMEOUT = 30_000;
    static final long MAX_TIMEOUT = 120_000;

    @Override
    public Outcome handle(Call call) {
        if (!call.param("userId").equals(call.auth().userId())) {
            throw MatrixError.forbidden("Cannot set the typing state of another user");
        }
        JsonBody body = call.body();
        if (!body.has("typing") || !body.node().get("typing").isBoolean()) {
            throw MatrixError.badJson("'typing' must be a boolean");
        }
        boolean typing = body.node().get("typing").booleanValue();
        long timeout = DEFAULT_TIMEOUT;
        if (typing && body.has("timeout")) {
            JsonNode t = body.node().get("timeout");
            if (!t.isIntegralNumber() || t.bigIntegerValue().signum() < 0) {
                throw MatrixError.badJson("'timeout' must be a non-negative integer");
            }
            timeout = t.canConvertToLong() ? Math.min(t.longValue(), MAX_TIMEOUT) : MAX_TIMEOUT;
        }
        JoinedRoom access = JoinedRoom.of(call, call.param("roomId"));
        new Typing(call.storage()).set(access.room(), access.user(), typing, call.now() + timeout, call.now());
        return Responses.emptyObject();
    }
}
