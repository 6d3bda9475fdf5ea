package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.BOB;
import static org.hotroom.logic.auth.Room.CAROL;
import static org.hotroom.logic.auth.Room.DAVE;
import static org.hotroom.logic.auth.Room.allowed;
import static org.hotroom.logic.auth.Room.rejected;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule 9 (v1–5, v12: 10), "If type is m.room.power_levels", in its v1–5, v6–9, v10–11 and v12 forms. */
class PowerLevelsRuleTest {

    static List<String> all() {
        return Room.versions(1, 12);
    }

    static List<String> upTo9() {
        return Room.versions(1, 9);
    }

    static List<String> from10() {
        return Room.versions(10, 12);
    }

    /**
     * Room where alice is 100 (v12: creator, infinite), bob 50, carol 10, dave 0 (all joined),
     * state_default 50, ban 50, events {m.room.name: 50, m.room.tombstone: 100}.
     */
    static Room room(String version) {
        Room r = Room.standard(version, "invite");
        ObjectNode users = r.rules.infiniteCreators() ? J.o(BOB, 50, CAROL, 10) : J.o(ALICE, 100, BOB, 50, CAROL, 10);
        r.setPowerLevels(J.o("users", users, "users_default", 0, "state_default", 50, "events_default", 0, "ban", 50,
                "kick", 50, "redact", 50, "invite", 0,
                "events", J.o("m.room.name", 50, "m.room.tombstone", 100), "notifications", J.o("room", 50)));
        r.setMembership(BOB, "join");
        r.setMembership(CAROL, "join");
        r.setMembership(DAVE, "join");
        return r;
    }

    static ObjectNode users(ObjectNode pl) {
        return (ObjectNode) pl.get("users");
    }

    // --- first power levels event, users validation ---------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void firstPowerLevelsEventIsAllowedWhateverItSays(String version) {
        // 9.2 / 9.4 / 10.5 If there is no previous m.room.power_levels event in the room, allow.
        Room r = Room.created(version, ALICE);
        r.apply(r.member(ALICE, ALICE, "join"));
        ObjectNode users = r.rules.infiniteCreators() ? J.o(BOB, 1000) : J.o(ALICE, 100, BOB, 1000);
        allowed(r.check(r.pl(ALICE, J.o("users", users, "ban", 5000))), Rules.pl(r.v, "noPrevious"));
    }

    @ParameterizedTest
    @MethodSource("all")
    void usersMustMapUserIdsToIntegers(String version) {
        // 9.1 (v10+: 9.3) If the users property in content is not an object with keys that are
        // valid user IDs with values that are integers [v1-9: or a string that is an integer], reject.
        Room r = room(version);
        String rule = Rules.pl(r.v, "users");
        rejected(r.check(r.pl(ALICE, r.plContent().put("users", "x"))), rule, "not an object");
        rejected(r.check(r.pl(ALICE, r.plContent().set("users", J.a()))), rule);
        rejected(r.check(r.pl(ALICE, r.plContent().putNull("users"))), rule);
        ObjectNode bad = r.plContent();
        users(bad).put("not-a-user", 10);
        rejected(r.check(r.pl(ALICE, bad)), rule, "not a valid user ID");
        ObjectNode bad2 = r.plContent();
        users(bad2).put("@no-domain", 10);
        rejected(r.check(r.pl(ALICE, bad2)), rule);
        ObjectNode bad3 = r.plContent();
        users(bad3).put(DAVE, true);
        rejected(r.check(r.pl(ALICE, bad3)), rule, "is not an integer");
        ObjectNode bad4 = r.plContent();
        users(bad4).put(DAVE, "ten");
        rejected(r.check(r.pl(ALICE, bad4)), rule);
        ObjectNode bad5 = r.plContent();
        users(bad5).set(DAVE, J.o());
        rejected(r.check(r.pl(ALICE, bad5)), rule);
        // the check comes before "no previous power levels": it applies to the first one too
        Room fresh = Room.created(version, ALICE);
        fresh.apply(fresh.member(ALICE, ALICE, "join"));
        rejected(fresh.check(fresh.pl(ALICE, J.o("users", J.o("bob", 1)))), rule);
        // absent users is fine
        ObjectNode noUsers = r.plContent();
        noUsers.remove("users");
        Decision d = r.check(r.pl(ALICE, noUsers));
        if (r.rules.infiniteCreators()) {
            allowed(d, Rules.pl(r.v, "otherwise")); // removing others' entries is within a creator's power
        } else {
            allowed(d, Rules.pl(r.v, "otherwise"));
        }
    }

    @ParameterizedTest
    @MethodSource("upTo9")
    void stringIntegersAreAcceptedUpToV9(String version) {
        Room r = room(version);
        ObjectNode pl = r.plContent();
        users(pl).put(DAVE, " +0005 ");
        pl.put("ban", "50");
        allowed(r.check(r.pl(ALICE, pl)), Rules.pl(r.v, "otherwise"));
        // "50" for 50 is no change: carol (10) may send it if she could send power levels at all
        Room r2 = Room.standard(version, "invite");
        r2.setPowerLevels(J.o("users", J.o(ALICE, 100, BOB, 50), "ban", 50, "events", J.o(EventTypes.POWER_LEVELS, 0)));
        r2.setMembership(BOB, "join");
        ObjectNode same = r2.plContent().put("ban", "50");
        users(same).put(ALICE, "100");
        allowed(r2.check(r2.pl(BOB, same)), Rules.pl(r2.v, "otherwise"));
        // but "fifty" is not an integer
        ObjectNode bad = r2.plContent().put("ban", "fifty");
        rejected(r2.check(r2.pl(BOB, bad)), Rules.pl(r2.v, "fields"), "\"fifty\"");
        ObjectNode badFloatString = r2.plContent().put("ban", "50.0");
        rejected(r2.check(r2.pl(BOB, badFloatString)), Rules.pl(r2.v, "fields"));
    }

    @ParameterizedTest
    @MethodSource("from10")
    void v10RequiresIntegersEverywhere(String version) {
        Room r = room(version);
        String ints = Rules.pl(r.v, "ints");
        String maps = Rules.pl(r.v, "maps");
        // 9.1 If any of users_default, events_default, state_default, ban, redact, kick, invite
        // are present and not an integer, reject.
        for (String f : new String[] {"users_default", "events_default", "state_default", "ban", "redact", "kick",
                "invite"}) {
            rejected(r.check(r.pl(ALICE, r.plContent().put(f, "50"))), ints, "content." + f);
            rejected(r.check(r.pl(ALICE, r.plContent().put(f, 50.5))), ints);
            rejected(r.check(r.pl(ALICE, r.plContent().put(f, 50.0))), ints);
            rejected(r.check(r.pl(ALICE, r.plContent().putNull(f))), ints);
            rejected(r.check(r.pl(ALICE, r.plContent().put(f, true))), ints);
        }
        // 9.2 If either of events or notifications are present and not an object with integer values, reject.
        rejected(r.check(r.pl(ALICE, r.plContent().set("events", J.o("m.room.name", "50")))), maps, "events");
        rejected(r.check(r.pl(ALICE, r.plContent().set("notifications", J.o("room", "50")))), maps, "notifications");
        rejected(r.check(r.pl(ALICE, r.plContent().put("events", "none"))), maps, "not an object");
        rejected(r.check(r.pl(ALICE, r.plContent().set("notifications", J.a(1)))), maps);
        // 9.3 users values must be integers, strings no longer accepted
        ObjectNode pl = r.plContent();
        users(pl).put(DAVE, "5");
        rejected(r.check(r.pl(ALICE, pl)), Rules.pl(r.v, "users"), "integers only");
        // on the first power levels event too
        Room fresh = Room.created(version, ALICE);
        fresh.apply(fresh.member(ALICE, ALICE, "join"));
        rejected(fresh.check(fresh.pl(ALICE, J.o("ban", "50"))), ints);
        // integers are fine, unknown extra keys too
        allowed(r.check(r.pl(ALICE, r.plContent().put("ban", 60).put("historical", "x"))), Rules.pl(r.v, "otherwise"));
    }

    @Test
    void floatsAreTruncatedUpToV5AndRejectedAfter() {
        for (String version : Room.versions(1, 12)) {
            Room r = room(version);
            ObjectNode pl = r.plContent();
            users(pl).put(DAVE, 5.9);
            Decision d = r.check(r.pl(ALICE, pl));
            if (r.v <= 5) {
                allowed(d, Rules.pl(r.v, "otherwise"));
            } else {
                rejected(d, Rules.pl(r.v, "users"));
            }
        }
        // 50.7 truncates to 50: bob (50) may set dave to 50.7 but not to 51
        Room r = room("5");
        r.setPowerLevels(r.plContent().set("events", J.o(EventTypes.POWER_LEVELS, 0)));
        ObjectNode pl = r.plContent();
        users(pl).put(DAVE, 50.7);
        allowed(r.check(r.pl(BOB, pl)), "10.8");
        users(pl).put(DAVE, 51.0);
        rejected(r.check(r.pl(BOB, pl)), "10.7");
    }

    // --- who may change what -------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void sendingPowerLevelsNeedsTheRequiredLevel(String version) {
        // rule 7 / 8: m.room.power_levels is a state event: state_default 50 unless events says
        Room r = room(version);
        rejected(r.check(r.pl(CAROL, r.plContent())), Rules.requiredLevel(r.v), "needs power level 50");
        // rule 5 / 6: and the sender must be joined
        r.setMembership(CAROL, "leave");
        rejected(r.check(r.pl(CAROL, r.plContent())), Rules.senderJoined(r.v));
    }

    @ParameterizedTest
    @MethodSource("all")
    void usersLevels(String version) {
        Room r = room(version);
        // unchanged content is allowed
        allowed(r.check(r.pl(BOB, r.plContent())), Rules.pl(r.v, "otherwise"));
        // 9.7 raising someone (or oneself) above one's own level: reject
        ObjectNode up = r.plContent();
        users(up).put(DAVE, 51);
        rejected(r.check(r.pl(BOB, up)), Rules.pl(r.v, "usersNew"), "above the sender's level");
        ObjectNode self = r.plContent();
        users(self).put(BOB, 51);
        rejected(r.check(r.pl(BOB, self)), Rules.pl(r.v, "usersNew"));
        // ... up to one's own level is fine
        ObjectNode equal = r.plContent();
        users(equal).put(DAVE, 50);
        allowed(r.check(r.pl(BOB, equal)), Rules.pl(r.v, "otherwise"));
        // 9.6 changing or removing a user at or above one's level (other than oneself): reject
        r.setPowerLevels(r.plContent().set("users", r.rules.infiniteCreators()
                ? J.o(BOB, 50, CAROL, 10, DAVE, 50) : J.o(ALICE, 100, BOB, 50, CAROL, 10, DAVE, 50)));
        ObjectNode demote = r.plContent();
        users(demote).put(DAVE, 0);
        rejected(r.check(r.pl(BOB, demote)), Rules.pl(r.v, "usersOld"), "not below the sender's level");
        ObjectNode remove = r.plContent();
        users(remove).remove(DAVE);
        rejected(r.check(r.pl(BOB, remove)), Rules.pl(r.v, "usersOld"), "remove");
        // ... but below it is fine
        ObjectNode carol = r.plContent();
        users(carol).put(CAROL, 0);
        allowed(r.check(r.pl(BOB, carol)), Rules.pl(r.v, "otherwise"));
        ObjectNode carolGone = r.plContent();
        users(carolGone).remove(CAROL);
        allowed(r.check(r.pl(BOB, carolGone)), Rules.pl(r.v, "otherwise"));
        // ... and one's own entry may always be lowered or removed
        ObjectNode down = r.plContent();
        users(down).put(BOB, 10);
        allowed(r.check(r.pl(BOB, down)), Rules.pl(r.v, "otherwise"));
        ObjectNode gone = r.plContent();
        users(gone).remove(BOB);
        allowed(r.check(r.pl(BOB, gone)), Rules.pl(r.v, "otherwise"));
    }

    @ParameterizedTest
    @MethodSource("all")
    void namedLevels(String version) {
        Room r = room(version);
        String f1 = Rules.pl(r.v, "fields") + ".1";
        String f2 = Rules.pl(r.v, "fields") + ".2";
        // 9.3.2 the new value is higher than the sender's level: reject
        rejected(r.check(r.pl(BOB, r.plContent().put("ban", 51))), f2, "cannot set ban to 51");
        rejected(r.check(r.pl(BOB, r.plContent().put("users_default", 60))), f2);
        allowed(r.check(r.pl(BOB, r.plContent().put("ban", 40))), Rules.pl(r.v, "otherwise"));
        // added
        ObjectNode noKick = r.plContent();
        noKick.remove("kick");
        r.setPowerLevels(noKick);
        allowed(r.check(r.pl(BOB, r.plContent().put("kick", 30))), Rules.pl(r.v, "otherwise"));
        rejected(r.check(r.pl(BOB, r.plContent().put("kick", 70))), f2);
        // 9.3.1 the current value is higher than the sender's level: reject (changed or removed)
        r.setPowerLevels(r.plContent().put("redact", 75));
        rejected(r.check(r.pl(BOB, r.plContent().put("redact", 20))), f1, "current value 75");
        ObjectNode removed = r.plContent();
        removed.remove("redact");
        rejected(r.check(r.pl(BOB, removed)), f1);
        // equal to the sender's level is not higher
        r.setPowerLevels(r.plContent().put("redact", 50));
        allowed(r.check(r.pl(BOB, r.plContent().put("redact", 0))), Rules.pl(r.v, "otherwise"));
    }

    @ParameterizedTest
    @MethodSource("all")
    void eventsLevels(String version) {
        Room r = room(version);
        String old = Rules.pl(r.v, "eventsOld");
        String neu = Rules.pl(r.v, "eventsNew");
        // 9.4 changing or removing an entry whose current value is above the sender: reject
        rejected(r.check(r.pl(BOB, r.plContent().set("events", J.o("m.room.name", 50, "m.room.tombstone", 50)))),
                old, "m.room.tombstone");
        rejected(r.check(r.pl(BOB, r.plContent().set("events", J.o("m.room.name", 50)))), old, "remove");
        // 9.5 adding or changing an entry to above the sender: reject
        rejected(r.check(r.pl(BOB, r.plContent().set("events",
                J.o("m.room.name", 50, "m.room.tombstone", 100, "m.room.topic", 75)))), neu, "m.room.topic");
        // leaving the entry above the sender unchanged, and adding at the sender's level: fine
        allowed(r.check(r.pl(BOB, r.plContent().set("events",
                J.o("m.room.name", 10, "m.room.tombstone", 100, "m.room.topic", 50)))), Rules.pl(r.v, "otherwise"));
    }

    @ParameterizedTest
    @MethodSource("all")
    void notificationsFromV6(String version) {
        // 9.4/9.5 (v6+) also for notifications; v1-5 compare events only
        Room r = room(version);
        r.setPowerLevels(r.plContent().set("notifications", J.o("room", 100)));
        Decision lower = r.check(r.pl(BOB, r.plContent().set("notifications", J.o("room", 0))));
        Decision higher = r.check(r.pl(BOB, r.plContent().set("notifications", J.o("room", 100, "x", 99))));
        if (r.v >= 6) {
            rejected(lower, Rules.pl(r.v, "eventsOld"), "notifications[\"room\"]");
            rejected(higher, Rules.pl(r.v, "eventsNew"), "notifications[\"x\"]");
        } else {
            allowed(lower, Rules.pl(r.v, "otherwise"));
            allowed(higher, Rules.pl(r.v, "otherwise"));
        }
    }

    @ParameterizedTest
    @MethodSource("upTo9")
    void unreadableCurrentValuesRejectTheChangesThatNeedThem(String version) {
        // a first power levels event is not checked beyond users (9.1): a non-integer elsewhere
        // can enter the state, and then any check that needs that value fails
        Room r = Room.created(version, ALICE);
        r.apply(r.member(ALICE, ALICE, "join"));
        r.apply(r.pl(ALICE, J.o("users", J.o(ALICE, 100), "ban", "fifty")));
        r.setMembership(BOB, "join");
        rejected(r.check(r.member(ALICE, BOB, "ban")), Rules.ban(r.v, 2), "\"fifty\"");
        rejected(r.check(r.pl(ALICE, J.o("users", J.o(ALICE, 100), "ban", 50))), Rules.pl(r.v, "fields"),
                "cannot read");
        // checks that do not need it still pass
        allowed(r.check(r.member(ALICE, BOB, "leave")), Rules.leave(r.v, 4));
    }

    @Test
    void aDemotedAdminKeepsOnlyWhatTheCurrentLevelsAllow() {
        // The sender's level is read from the current power levels, not the new ones.
        Room r = room("10");
        r.setPowerLevels(r.plContent().set("events", J.o(EventTypes.POWER_LEVELS, 0)));
        ObjectNode selfPromote = r.plContent();
        users(selfPromote).put(CAROL, 100);
        rejected(r.check(r.pl(CAROL, selfPromote)), "9.9");
    }
}
