package org.hotroom.logic.sync;

import org.hotroom.api.storage.IdKind;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.rooms.Memberships;

/** The caller's numeric user ID and a room they have joined; 403 {@code M_FORBIDDEN} when they have not. */
record JoinedRoom(long room, long user) {

    static JoinedRoom of(Call call, String roomId) {
        StepStorage s = call.storage();
        long room = s.interner().find(IdKind.ROOM, roomId);
        long user = s.interner().find(IdKind.USER, call.auth().userId());
        Memberships.Membership m = room == 0 || user == 0 ? null : new Memberships(s).get(user, room);
        if (m == null || !m.membership().equals("join")) {
            throw MatrixError.forbidden("You are not in this room");
        }
        return new JoinedRoom(room, user);
    }
}
