package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.BOB;
import static org.hotroom.logic.auth.Room.CAROL;
import static org.hotroom.logic.auth.Room.DAVE;
import static org.hotroom.logic.auth.Room.allowed;
import static org.hotroom.logic.auth.Room.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Room version 12: "The power level of room creators is infinitely high" (the create event's
 * sender and additional_creators), and rule 10.4, "If the users property in content contains the
 * sender of the m.room.create event or any of the additional_creators ... reject."
 */
class V12CreatorsTest {

    /** alice creates with additional creator bob; carol has 100, dave 0; all joined. */
    static Room room() {
        Room r = Room.created("12", ALICE, "additional_creators", J.a(BOB));
        r.apply(r.member(ALICE, ALICE, "join"));
        r.apply(r.pl(ALICE, J.o("users", J.o(CAROL, 100), "state_default", 50, "ban", 50,
                "events", J.o("m.room.tombstone", 150, EventTypes.POWER_LEVELS, 100))));
        r.apply(r.state(EventTypes.JOIN_RULES, "", ALICE, J.o("join_rule", "invite")));
        r.setMembership(BOB, "join");
        r.setMembership(CAROL, "join");
        r.setMembership(DAVE, "join");
        return r;
    }

    @Test
    void creatorsAreTheSenderAndAdditionalCreators() {
        Room r = room();
        PowerLevels levels = PowerLevels.of(r.rules, r.state());
        assertEquals(Set.of(ALICE, BOB), levels.creators());
        assertEquals(PowerLevels.INFINITE, levels.userLevel(ALICE));
        assertEquals(PowerLevels.INFINITE, levels.userLevel(BOB));
        assertEquals(100, levels.userLevel(CAROL));
        assertEquals(0, levels.userLevel(DAVE));
        // earlier versions have no infinite creators, with or without power levels
        Room v11 = Room.standard("11", "public");
        assertEquals(100, PowerLevels.of(v11.rules, v11.state()).userLevel(ALICE));
        assertEquals(Set.of(), PowerLevels.of(v11.rules, v11.state()).creators());
        Room v11Bare = Room.created("11", ALICE);
        assertEquals(100, PowerLevels.of(v11Bare.rules, v11Bare.state()).userLevel(ALICE));
        Room v12Bare = Room.created("12", ALICE);
        assertEquals(PowerLevels.INFINITE, PowerLevels.of(v12Bare.rules, v12Bare.state()).userLevel(ALICE));
    }

    @Test
    void creatorsCannotBeListedInUsers() {
        // 10.4 applies to the first power levels event too
        Room fresh = Room.created("12", ALICE, "additional_creators", J.a(BOB));
        fresh.apply(fresh.member(ALICE, ALICE, "join"));
        rejected(fresh.check(fresh.pl(ALICE, J.o("users", J.o(ALICE, 100)))), "10.4", "room creator @alice:a");
        rejected(fresh.check(fresh.pl(ALICE, J.o("users", J.o(BOB, 100)))), "10.4", "@bob:b");
        allowed(fresh.check(fresh.pl(ALICE, J.o("users", J.o(CAROL, 100)))), "10.5");
        // and to later ones
        Room r = room();
        ObjectNode pl = r.plContent();
        ((ObjectNode) pl.get("users")).put(BOB, 0);
        rejected(r.check(r.pl(ALICE, pl)), "10.4");
        // v11 has no such rule
        Room v11 = Room.created("11", ALICE, "additional_creators", J.a(BOB));
        v11.apply(v11.member(ALICE, ALICE, "join"));
        allowed(v11.check(v11.pl(ALICE, J.o("users", J.o(ALICE, 100, BOB, 100)))), "9.4");
    }

    @Test
    void creatorsOutrankEveryone() {
        Room r = room();
        // any power levels change
        ObjectNode pl = r.plContent().put("ban", 1_000_000).put("state_default", 1 << 30);
        ((ObjectNode) pl.get("users")).put(DAVE, 9_000_000_000L);
        allowed(r.check(r.pl(BOB, pl)), "10.11");
        // demoting a 100 user, tombstone at 150
        ObjectNode demote = r.plContent();
        ((ObjectNode) demote.get("users")).put(CAROL, 0);
        allowed(r.check(r.pl(ALICE, demote)), "10.11");
        allowed(r.check(r.state("m.room.tombstone", "", BOB, J.o("replacement_room", "!new"))), "11");
        rejected(r.check(r.state("m.room.tombstone", "", CAROL, J.o("replacement_room", "!new"))), "8");
        // bans and kicks of anyone but creators
        allowed(r.check(r.member(BOB, CAROL, "ban")), "5.6.2");
        allowed(r.check(r.member(ALICE, CAROL, "leave")), "5.5.4");
        // a 100 user cannot touch a creator
        rejected(r.check(r.member(CAROL, ALICE, "ban")), "5.6.3", "infinite (room creator)");
        rejected(r.check(r.member(CAROL, BOB, "leave")), "5.5.5", "infinite");
        // creators cannot ban each other (infinite is not below infinite)
        rejected(r.check(r.member(ALICE, BOB, "ban")), "5.6.3");
        rejected(r.check(r.member(BOB, ALICE, "leave")), "5.5.5");
        // a creator may still leave
        allowed(r.check(r.member(BOB, BOB, "leave")), "5.5.1");
    }

    @Test
    void creatorsStillNeedToBeJoined() {
        // infinite power does not replace membership: rule 6 and the member rules still apply
        Room r = room();
        r.setMembership(BOB, "leave");
        rejected(r.check(r.msg(BOB)), "6");
        rejected(r.check(r.member(BOB, CAROL, "ban")), "5.6.1");
        rejected(r.check(r.member(BOB, DAVE, "invite")), "5.4.2");
        // and the join rules: an invite-only room needs an invite for an additional creator too
        rejected(r.check(r.member(BOB, BOB, "join")), "5.3.7");
    }

    @Test
    void creatorAuthorisesRestrictedJoins() {
        Room r = room();
        r.setJoinRule("restricted");
        r.setPowerLevels(r.plContent().put("invite", 1_000_000));
        ObjectNode json = (ObjectNode) r.member("@frank:f", "@frank:f", "join", EventTypes.AUTHORISING_USER, BOB).json();
        json.set("signatures", J.o("b", J.o("ed25519:x", "c2ln")));
        allowed(r.check(JsonAuthEvent.of(json)), "5.3.5.3");
        ObjectNode viaCarol = (ObjectNode) r.member("@frank:f", "@frank:f", "join", EventTypes.AUTHORISING_USER, CAROL)
                .json();
        viaCarol.set("signatures", J.o("c", J.o("ed25519:x", "c2ln")));
        rejected(r.check(JsonAuthEvent.of(viaCarol)), "5.3.5.2", "below the invite level 1000000");
    }

    @Test
    void theCreateEventIsFoundThroughTheRoomId() {
        Room r = room();
        JsonAuthEvent msg = r.msg(DAVE);
        // not cited, yet found
        List<String> cited = msg.authEventIds();
        org.junit.jupiter.api.Assertions.assertFalse(cited.contains(r.create.eventId()));
        allowed(r.checkWithAuthEvents(msg), "11");
        assertEquals("$" + r.roomId.substring(1), r.create.eventId());
        assertEquals(r.create.eventId(), AuthRules.createEventIdOf(r.roomId));
    }
}
