package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.BOB;
import static org.hotroom.logic.auth.Room.CAROL;
import static org.hotroom.logic.auth.Room.allowed;
import static org.hotroom.logic.auth.Room.rejected;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Member rule, {@code membership = join} (4.3 in v8–11 numbering), every join rule and version. */
class JoinTest {

    static List<String> all() {
        return Room.versions(1, 12);
    }

    static List<String> upTo10() {
        return Room.versions(1, 10);
    }

    static List<String> from7() {
        return Room.versions(7, 12);
    }

    static List<String> upTo6() {
        return Room.versions(1, 6);
    }

    static List<String> from8() {
        return Room.versions(8, 12);
    }

    static List<String> from10() {
        return Room.versions(10, 12);
    }

    /** A join whose event carries a signature of {@code server} (rule 4.2's structural check). */
    static JsonAuthEvent signedBy(JsonAuthEvent e, String server) {
        ObjectNode json = (ObjectNode) e.json().deepCopy();
        json.set("signatures", J.o(server, J.o("ed25519:key", "c2ln")));
        return JsonAuthEvent.of(json);
    }

    // --- 4.3.1 the creator's first join --------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void creatorJoinsRightAfterCreate(String version) {
        // 4.3.1 If the only previous event is an m.room.create and the state_key is the creator
        // (v11+: the sender of the m.room.create), allow.
        Room r = Room.created(version, ALICE);
        allowed(r.check(r.member(ALICE, ALICE, "join")), Rules.join(r.v, 1));
    }

    @ParameterizedTest
    @MethodSource("upTo10")
    void upToV10TheCreatorIsContentCreator(String version) {
        // the create event's content.creator (not its sender) is "the creator"
        Room r = Room.created(version, ALICE, "creator", BOB);
        Room.allowed(r.check(r.member(BOB, BOB, "join")), Rules.join(r.v, 1));
        // alice (sender of the create) is not the creator: no join rule → invite, not invited
        rejected(r.check(r.member(ALICE, ALICE, "join")), Rules.joinOtherwise(r.v));
    }

    @Test
    void fromV11TheCreatorIsTheCreateEventsSender() {
        for (String version : List.of("11", "12")) {
            Room r = Room.created(version, ALICE, "creator", BOB);
            allowed(r.check(r.member(ALICE, ALICE, "join")), Rules.join(r.v, 1));
            rejected(r.check(r.member(BOB, BOB, "join")), Rules.joinOtherwise(r.v));
        }
    }

    @Test
    void v12AdditionalCreatorsGetNoFirstJoinShortcut() {
        // 5.3.1 names only "the sender of the m.room.create"
        Room r = Room.created("12", ALICE, "additional_creators", J.a(BOB));
        rejected(r.check(r.member(BOB, BOB, "join")), "5.3.7");
    }

    @ParameterizedTest
    @MethodSource("all")
    void creatorShortcutNeedsTheCreateAsOnlyPrevEvent(String version) {
        Room r = Room.created(version, ALICE);
        JsonAuthEvent join = r.member(ALICE, ALICE, "join");
        ObjectNode json = (ObjectNode) join.json().deepCopy();
        json.set("prev_events", J.a(r.create.eventId(), "$other"));
        rejected(r.check(JsonAuthEvent.of(json)), Rules.joinOtherwise(r.v));
        json.set("prev_events", J.a("$other"));
        rejected(r.check(JsonAuthEvent.of(json)), Rules.joinOtherwise(r.v));
        // v1 reference pairs count by their event ID
        json.set("prev_events", J.a(J.a(r.create.eventId(), J.o("sha256", "x"))));
        allowed(r.check(JsonAuthEvent.of(json)), Rules.join(r.v, 1));
    }

    @ParameterizedTest
    @MethodSource("all")
    void creatorRejoiningLaterFollowsTheJoinRules(String version) {
        Room r = Room.standard(version, "invite");
        r.apply(r.member(ALICE, ALICE, "leave"));
        rejected(r.check(r.member(ALICE, ALICE, "join")), Rules.joinOtherwise(r.v), "needs an invite");
    }

    // --- 4.3.2 / 4.3.3 ----------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void nobodyJoinsOnSomeoneElsesBehalf(String version) {
        // 4.3.2 If the sender does not match state_key, reject.
        Room r = Room.standard(version, "public");
        rejected(r.check(r.member(ALICE, BOB, "join")), Rules.join(r.v, 2), "on behalf of");
    }

    @ParameterizedTest
    @MethodSource("all")
    void bannedUsersCannotJoinEvenPublicRooms(String version) {
        // 4.3.3 If the sender is banned, reject.
        Room r = Room.standard(version, "public");
        r.apply(r.member(ALICE, BOB, "ban"));
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.join(r.v, 3), "banned");
    }

    // --- 4.3.4 invite / knock ------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void inviteRoomAdmitsInvitedAndJoinedUsers(String version) {
        // 4.3.4 If the join_rule is invite [or knock] then allow if membership state is invite or join.
        Room r = Room.standard(version, "invite");
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.joinOtherwise(r.v), "needs an invite");
        r.apply(r.member(ALICE, BOB, "invite"));
        allowed(r.check(r.member(BOB, BOB, "join")), Rules.join(r.v, 4));
        r.apply(r.member(BOB, BOB, "join"));
        // a profile change is a join from join
        allowed(r.check(r.member(BOB, BOB, "join", "displayname", "Bob")), Rules.join(r.v, 4));
        // after leaving, an invite is needed again
        r.apply(r.member(BOB, BOB, "leave"));
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.joinOtherwise(r.v));
    }

    @ParameterizedTest
    @MethodSource("all")
    void withoutJoinRulesEventTheRoomIsInviteOnly(String version) {
        Room r = Room.standard(version, "public").without(EventTypes.JOIN_RULES, "");
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.joinOtherwise(r.v), "no m.room.join_rules event");
        r.setMembership(BOB, "invite");
        allowed(r.check(r.member(BOB, BOB, "join")), Rules.join(r.v, 4));
    }

    @ParameterizedTest
    @MethodSource("from7")
    void knockRoomAdmitsInvitedUsersFromV7(String version) {
        Room r = Room.standard(version, "knock");
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.joinOtherwise(r.v));
        r.setMembership(BOB, "invite");
        allowed(r.check(r.member(BOB, BOB, "join")), Rules.join(r.v, 4));
    }

    @ParameterizedTest
    @MethodSource("upTo6")
    void knockJoinRuleAdmitsNobodyBeforeV7(String version) {
        // v1-6 list only "invite" in 4.2.4, so a knock room falls through to "Otherwise, reject"
        Room r = Room.standard(version, "knock");
        r.setMembership(BOB, "invite");
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.joinOtherwise(r.v), "does not support the knock join rule");
    }

    // --- 4.3.5 restricted / knock_restricted ---------------------------------------------------

    @ParameterizedTest
    @MethodSource("from8")
    void restrictedJoinRules(String version) {
        // 4.3.5 If the join_rule is restricted [v10+: or knock_restricted]:
        Room r = Room.standard(version, "restricted");
        String rule = Rules.join(r.v, 5);
        // 4.3.5.1 If membership state is join or invite, allow.
        r.setMembership(BOB, "invite");
        allowed(r.check(r.member(BOB, BOB, "join")), rule + ".1");
        r.setMembership(BOB, "join");
        allowed(r.check(r.member(BOB, BOB, "join", "displayname", "B")), rule + ".1");
        // 4.3.5.2 If the join_authorised_via_users_server key in content is not a user with
        // sufficient permission to invite other users or is not a joined member of the room, reject.
        rejected(r.check(r.member(CAROL, CAROL, "join")), rule + ".2", "names no user");
        rejected(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, Room.EVE), "e")),
                rule + ".2", "not joined");
        r.setMembership(Room.EVE, "leave");
        rejected(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, Room.EVE), "e")),
                rule + ".2", "membership leave");
        // 4.3.5.3 Otherwise, allow.
        allowed(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, BOB), "b")),
                rule + ".3");
        allowed(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, ALICE), "a")),
                rule + ".3");
        // an authoriser below the invite level
        ObjectNode pl = r.plContent().put("invite", 50);
        r.setPowerLevels(pl);
        rejected(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, BOB), "b")),
                rule + ".2", "below the invite level 50");
        allowed(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, ALICE), "a")),
                rule + ".3");
    }

    @ParameterizedTest
    @MethodSource("from8")
    void authorisingServerMustHaveSignedTheEvent(String version) {
        // 4.2 (v8+) If content has a join_authorised_via_users_server key: If the event is not
        // validly signed by the homeserver of the user ID denoted by the key, reject.
        Room r = Room.standard(version, "restricted");
        r.setMembership(BOB, "join");
        String sig = Rules.member(r.v, "sig");
        rejected(r.check(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, BOB)), sig,
                "not validly signed by b");
        rejected(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, BOB), "c")), sig);
        rejected(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, 5), "b")), sig,
                "not a user ID");
        // it applies to every membership carrying the key, e.g. a leave
        r.setMembership(CAROL, "join");
        rejected(r.check(r.member(CAROL, CAROL, "leave", EventTypes.AUTHORISING_USER, BOB)), sig);
        // an injected verifier decides
        AuthRules trusting = new AuthRules(TestEd25519::verify, (e, server) -> server.equals("b"));
        allowed(trusting.check(r.rules, r.member(CAROL, CAROL, "leave", EventTypes.AUTHORISING_USER, BOB), r.state()),
                Rules.leave(r.v, 1));
    }

    @ParameterizedTest
    @MethodSource("upTo6")
    void authorisingUserKeyMeansNothingBeforeV8(String version) {
        Room r = Room.standard(version, "public");
        allowed(r.check(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, BOB)), Rules.joinPublic(r.v));
    }

    @Test
    void restrictedJoinRuleAdmitsNobodyInV7() {
        Room r = Room.standard("7", "restricted");
        r.setMembership(BOB, "invite");
        rejected(r.check(r.member(BOB, BOB, "join")), "4.2.6", "does not support the restricted join rule");
        r.setMembership(ALICE, "join");
        rejected(r.check(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, ALICE)), "4.2.6");
    }

    @ParameterizedTest
    @MethodSource("from10")
    void knockRestrictedActsAsRestrictedFromV10(String version) {
        Room r = Room.standard(version, "knock_restricted");
        String rule = Rules.join(r.v, 5);
        r.setMembership(BOB, "join");
        allowed(r.check(signedBy(r.member(CAROL, CAROL, "join", EventTypes.AUTHORISING_USER, BOB), "b")), rule + ".3");
        rejected(r.check(r.member(CAROL, CAROL, "join")), rule + ".2");
        r.setMembership(CAROL, "invite");
        allowed(r.check(r.member(CAROL, CAROL, "join")), rule + ".1");
    }

    @Test
    void knockRestrictedAdmitsNobodyInV8AndV9() {
        for (String version : List.of("8", "9")) {
            Room r = Room.standard(version, "knock_restricted");
            r.setMembership(BOB, "invite");
            rejected(r.check(r.member(BOB, BOB, "join")), "4.3.7", "does not support the knock_restricted");
        }
    }

    // --- 4.3.6 public / 4.3.7 otherwise ----------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void publicRoomAdmitsAnyoneNotBanned(String version) {
        Room r = Room.standard(version, "public");
        allowed(r.check(r.member(BOB, BOB, "join")), Rules.joinPublic(r.v));
        r.apply(r.member(BOB, BOB, "join"));
        allowed(r.check(r.member(BOB, BOB, "join", "displayname", "Bob")), Rules.joinPublic(r.v));
        r.apply(r.member(BOB, BOB, "leave"));
        allowed(r.check(r.member(BOB, BOB, "join")), Rules.joinPublic(r.v));
    }

    @ParameterizedTest
    @MethodSource("all")
    void otherJoinRulesAdmitNobody(String version) {
        Room r = Room.standard(version, "private");
        r.setMembership(BOB, "invite");
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.joinOtherwise(r.v), "join_rule is private");
        r.force(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", 7)));
        rejected(r.check(r.member(BOB, BOB, "join")), Rules.joinOtherwise(r.v), "not a string");
        r.force(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o()));
        allowed(r.check(r.member(BOB, BOB, "join")), Rules.join(r.v, 4));
    }

    @ParameterizedTest
    @MethodSource("all")
    void joinNeedsNoPowerLevel(String version) {
        Room r = Room.standard(version, "public", "users_default", -10, "state_default", 100,
                "events", J.o(EventTypes.MEMBER, 100));
        allowed(r.check(r.member(BOB, BOB, "join")), Rules.joinPublic(r.v));
    }
}
