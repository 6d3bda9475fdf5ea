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

/**
 * Member rule: the field check (4.1), invite without third party (4.4.2–4.4.5), leave and kick
 * (4.5), ban (4.6), knock (4.7) and unknown memberships, for every room version.
 */
class MembershipTest {

    static List<String> all() {
        return Room.versions(1, 12);
    }

    static List<String> from7() {
        return Room.versions(7, 12);
    }

    static List<String> upTo6() {
        return Room.versions(1, 6);
    }

    /** alice 100 (v12: creator), bob 50, carol 0 (all joined); kick 50, ban 50, invite 0. */
    static Room room(String version) {
        Room r = Room.standard(version, "invite");
        ObjectNode pl = r.plContent();
        ((ObjectNode) pl.get("users")).put(BOB, 50);
        r.setPowerLevels(pl);
        r.setMembership(BOB, "join");
        r.setMembership(CAROL, "join");
        return r;
    }

    // --- 4.1 -------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void memberEventsNeedStateKeyAndMembership(String version) {
        // 4.1 If there is no state_key property, or no membership property in content, reject.
        Room r = room(version);
        rejected(r.check(r.ev(EventTypes.MEMBER, null, BOB, J.o("membership", "join"))),
                Rules.member(r.v, "fields"), "state_key");
        rejected(r.check(r.ev(EventTypes.MEMBER, BOB, BOB, J.o("displayname", "Bob"))),
                Rules.member(r.v, "fields"), "no membership");
    }

    @ParameterizedTest
    @MethodSource("all")
    void unknownMembershipsAreRejected(String version) {
        // 4.8 Otherwise, the membership is unknown. Reject.
        Room r = room(version);
        rejected(r.check(r.member(BOB, BOB, "wander")), Rules.member(r.v, "unknown"), "unknown");
        rejected(r.check(r.ev(EventTypes.MEMBER, BOB, BOB, J.o("membership", 1))), Rules.member(r.v, "unknown"));
        rejected(r.check(r.ev(EventTypes.MEMBER, BOB, BOB, J.o("membership", null))), Rules.member(r.v, "unknown"));
        rejected(r.check(r.member(BOB, BOB, "JOIN")), Rules.member(r.v, "unknown"));
    }

    // --- invite (no third party) -------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void invites(String version) {
        Room r = room(version);
        // 4.4.4 If the sender's power level is greater than or equal to the invite level, allow.
        allowed(r.check(r.member(CAROL, DAVE, "invite")), Rules.invite(r.v, "4"));
        // re-inviting someone invited is fine (only join and ban block)
        r.setMembership(DAVE, "invite");
        allowed(r.check(r.member(BOB, DAVE, "invite")), Rules.invite(r.v, "4"));
        // a user who left, or knocked, can be invited
        r.setMembership(DAVE, "leave");
        allowed(r.check(r.member(BOB, DAVE, "invite")), Rules.invite(r.v, "4"));
        // 4.4.2 If the sender's current membership state is not join, reject.
        rejected(r.check(r.member(DAVE, Room.EVE, "invite")), Rules.invite(r.v, "2"), "not joined");
        r.setMembership(DAVE, "invite");
        rejected(r.check(r.member(DAVE, Room.EVE, "invite")), Rules.invite(r.v, "2"), "membership invite");
        // 4.4.3 If target user's current membership state is join or ban, reject.
        rejected(r.check(r.member(BOB, CAROL, "invite")), Rules.invite(r.v, "3"), "already joined");
        r.setMembership(Room.EVE, "ban");
        rejected(r.check(r.member(ALICE, Room.EVE, "invite")), Rules.invite(r.v, "3"), "banned");
        // 4.4.5 Otherwise, reject.
        r.setPowerLevels(r.plContent().put("invite", 50));
        rejected(r.check(r.member(CAROL, "@frank:f", "invite")), Rules.invite(r.v, "5"), "below the invite level 50");
        allowed(r.check(r.member(BOB, "@frank:f", "invite")), Rules.invite(r.v, "4"));
    }

    @ParameterizedTest
    @MethodSource("all")
    void inviteLevelDefaultsToZero(String version) {
        Room r = room(version);
        ObjectNode pl = r.plContent();
        pl.remove("invite");
        pl.put("users_default", 0);
        r.setPowerLevels(pl);
        allowed(r.check(r.member(CAROL, DAVE, "invite")), Rules.invite(r.v, "4"));
        r.setPowerLevels(pl.put("users_default", -1));
        rejected(r.check(r.member(CAROL, DAVE, "invite")), Rules.invite(r.v, "5"));
    }

    // --- leave, kick, unban ---------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void leavingYourself(String version) {
        // 4.5.1 If the sender matches state_key, allow if and only if that user's current
        // membership state is invite, join[, or knock (v7+)].
        Room r = room(version);
        String rule = Rules.leave(r.v, 1);
        allowed(r.check(r.member(CAROL, CAROL, "leave")), rule);
        r.setMembership(DAVE, "invite");
        allowed(r.check(r.member(DAVE, DAVE, "leave")), rule); // rejecting an invite
        r.setMembership(DAVE, "leave");
        rejected(r.check(r.member(DAVE, DAVE, "leave")), rule, "membership is leave");
        rejected(r.check(r.member(Room.EVE, Room.EVE, "leave")), rule, "membership is none");
        r.setMembership(DAVE, "ban");
        rejected(r.check(r.member(DAVE, DAVE, "leave")), rule, "membership is ban");
        // leaving needs no power
        r.setPowerLevels(r.plContent().put("users_default", -100).put("kick", 1000));
        allowed(r.check(r.member(CAROL, CAROL, "leave")), rule);
    }

    @ParameterizedTest
    @MethodSource("from7")
    void retractingAKnockFromV7(String version) {
        Room r = room(version);
        r.setMembership(DAVE, "knock");
        allowed(r.check(r.member(DAVE, DAVE, "leave")), Rules.leave(r.v, 1));
    }

    @ParameterizedTest
    @MethodSource("upTo6")
    void knockMembershipCannotLeaveBeforeV7(String version) {
        Room r = room(version);
        r.setMembership(DAVE, "knock");
        rejected(r.check(r.member(DAVE, DAVE, "leave")), Rules.leave(r.v, 1), "invite or join");
    }

    @ParameterizedTest
    @MethodSource("all")
    void kicking(String version) {
        Room r = room(version);
        // 4.5.4 sender >= kick level and target < sender: allow
        allowed(r.check(r.member(BOB, CAROL, "leave")), Rules.leave(r.v, 4));
        allowed(r.check(r.member(ALICE, BOB, "leave")), Rules.leave(r.v, 4));
        // kicking a user who is not in the room (any membership) is allowed too
        allowed(r.check(r.member(BOB, DAVE, "leave")), Rules.leave(r.v, 4));
        r.setMembership(DAVE, "invite");
        allowed(r.check(r.member(BOB, DAVE, "leave")), Rules.leave(r.v, 4)); // revoking an invite
        // 4.5.5 below the kick level
        rejected(r.check(r.member(CAROL, DAVE, "leave")), Rules.leave(r.v, 5), "below the kick level 50");
        // 4.5.5 target not below the sender
        r.setPowerLevels(r.plContent().set("users", r.rules.infiniteCreators()
                ? J.o(BOB, 50, CAROL, 50) : J.o(ALICE, 100, BOB, 50, CAROL, 50)));
        rejected(r.check(r.member(BOB, CAROL, "leave")), Rules.leave(r.v, 5), "is not above");
        rejected(r.check(r.member(BOB, ALICE, "leave")), Rules.leave(r.v, 5));
        // 4.5.2 If the sender's current membership state is not join, reject.
        r.setMembership(BOB, "leave");
        rejected(r.check(r.member(BOB, DAVE, "leave")), Rules.leave(r.v, 2), "not joined");
    }

    @ParameterizedTest
    @MethodSource("all")
    void unbanningNeedsBanAndKickLevels(String version) {
        Room r = room(version);
        r.setMembership(DAVE, "ban");
        // 4.5.3 target banned and sender below the ban level: reject
        r.setPowerLevels(r.plContent().put("ban", 60).put("kick", 40));
        rejected(r.check(r.member(BOB, DAVE, "leave")), Rules.leave(r.v, 3), "below the ban level 60");
        // with the ban level but not the kick level: 4.5.5
        r.setPowerLevels(r.plContent().put("ban", 40).put("kick", 60));
        rejected(r.check(r.member(BOB, DAVE, "leave")), Rules.leave(r.v, 5), "below the kick level 60");
        // both: 4.5.4
        r.setPowerLevels(r.plContent().put("ban", 50).put("kick", 50));
        allowed(r.check(r.member(BOB, DAVE, "leave")), Rules.leave(r.v, 4));
        // the banned user cannot unban themselves
        rejected(r.check(r.member(DAVE, DAVE, "leave")), Rules.leave(r.v, 1));
    }

    // --- ban -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void banning(String version) {
        Room r = room(version);
        // 4.6.2 sender >= ban level and target < sender: allow
        allowed(r.check(r.member(BOB, CAROL, "ban")), Rules.ban(r.v, 2));
        allowed(r.check(r.member(BOB, DAVE, "ban")), Rules.ban(r.v, 2)); // pre-emptive ban
        r.setMembership(DAVE, "ban");
        allowed(r.check(r.member(BOB, DAVE, "ban", "reason", "again")), Rules.ban(r.v, 2));
        // 4.6.3 below the ban level
        rejected(r.check(r.member(CAROL, BOB, "ban")), Rules.ban(r.v, 3), "below the ban level 50");
        // 4.6.3 target at the sender's level
        rejected(r.check(r.member(BOB, ALICE, "ban")), Rules.ban(r.v, 3), "is not above");
        rejected(r.check(r.member(BOB, BOB, "ban")), Rules.ban(r.v, 3)); // banning yourself
        // 4.6.1 If the sender's current membership state is not join, reject.
        r.setMembership(BOB, "invite");
        rejected(r.check(r.member(BOB, CAROL, "ban")), Rules.ban(r.v, 1), "not joined");
    }

    @ParameterizedTest
    @MethodSource("all")
    void banLevelFromPowerLevels(String version) {
        Room r = room(version);
        r.setPowerLevels(r.plContent().put("ban", 51));
        rejected(r.check(r.member(BOB, CAROL, "ban")), Rules.ban(r.v, 3), "below the ban level 51");
        ObjectNode pl = r.plContent().put("ban", 0).put("users_default", -5);
        ((ObjectNode) pl.get("users")).put(CAROL, 0);
        r.setPowerLevels(pl);
        allowed(r.check(r.member(CAROL, DAVE, "ban")), Rules.ban(r.v, 2));
        rejected(r.check(r.member(CAROL, BOB, "ban")), Rules.ban(r.v, 3), "is not above");
    }

    // --- knock ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("from7")
    void knocking(String version) {
        Room r = room(version);
        String rule = Rules.member(r.v, "knock");
        // 4.7.1 If the join_rule is anything other than knock [or knock_restricted (v10+)], reject.
        rejected(r.check(r.member(DAVE, DAVE, "knock")), rule + ".1", "join_rule is invite");
        r.setJoinRule("knock");
        // 4.7.3 If the sender's current membership is not ban, invite, or join, allow.
        allowed(r.check(r.member(DAVE, DAVE, "knock")), rule + ".3");
        r.setMembership(DAVE, "leave");
        allowed(r.check(r.member(DAVE, DAVE, "knock")), rule + ".3");
        r.setMembership(DAVE, "knock");
        allowed(r.check(r.member(DAVE, DAVE, "knock")), rule + ".3");
        // 4.7.2 If sender does not match state_key, reject.
        rejected(r.check(r.member(BOB, Room.EVE, "knock")), rule + ".2", "on behalf of");
        // 4.7.4 Otherwise, reject.
        rejected(r.check(r.member(CAROL, CAROL, "knock")), rule + ".4", "while join");
        r.setMembership(DAVE, "invite");
        rejected(r.check(r.member(DAVE, DAVE, "knock")), rule + ".4", "while invite");
        r.setMembership(DAVE, "ban");
        rejected(r.check(r.member(DAVE, DAVE, "knock")), rule + ".4", "while ban");
        // public rooms take no knocks
        r.setJoinRule("public");
        rejected(r.check(r.member(Room.EVE, Room.EVE, "knock")), rule + ".1");
    }

    @Test
    void knockRestrictedTakesKnocksFromV10Only() {
        for (String version : List.of("7", "8", "9", "10", "11", "12")) {
            Room r = room(version);
            r.setJoinRule("knock_restricted");
            Decision d = r.check(r.member(DAVE, DAVE, "knock"));
            if (r.v >= 10) {
                allowed(d, Rules.member(r.v, "knock") + ".3");
            } else {
                rejected(d, Rules.member(r.v, "knock") + ".1");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("upTo6")
    void knockIsAnUnknownMembershipBeforeV7(String version) {
        Room r = room(version);
        r.setJoinRule("knock");
        rejected(r.check(r.member(DAVE, DAVE, "knock")), Rules.member(r.v, "unknown"), "known: join, invite, leave, ban)");
    }

    @ParameterizedTest
    @MethodSource("all")
    void memberEventsSkipTheMembershipAndPowerRulesThatFollow(String version) {
        // the member rule allows or rejects by itself: rules 5-9 never see m.room.member
        Room r = room(version);
        r.setPowerLevels(r.plContent().put("state_default", 1000).set("events", J.o(EventTypes.MEMBER, 1000)));
        allowed(r.check(r.member(BOB, CAROL, "ban")), Rules.ban(r.v, 2));
        allowed(r.check(r.member(CAROL, CAROL, "leave")), Rules.leave(r.v, 1));
    }
}
