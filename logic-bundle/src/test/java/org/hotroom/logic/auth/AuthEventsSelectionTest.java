package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.BOB;
import static org.hotroom.logic.auth.Room.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-server API, "Auth events selection". */
class AuthEventsSelectionTest {

    static final TypeAndKey CREATE = TypeAndKey.of(EventTypes.CREATE, "");
    static final TypeAndKey PL = TypeAndKey.of(EventTypes.POWER_LEVELS, "");
    static final TypeAndKey JR = TypeAndKey.of(EventTypes.JOIN_RULES, "");

    static TypeAndKey member(String user) {
        return TypeAndKey.of(EventTypes.MEMBER, user);
    }

    static List<TypeAndKey> keys(String version, String type, String stateKey, String sender, Object... content) {
        return AuthEventsSelection.keys(RuleSet.forVersion(version), type, stateKey, sender, J.o(content));
    }

    static List<TypeAndKey> withCreate(String version, TypeAndKey... rest) {
        List<TypeAndKey> out = new ArrayList<>();
        if (!version.equals("12")) {
            out.add(CREATE);
        }
        out.addAll(List.of(rest));
        return out;
    }

    @Test
    void createEventsCiteNothing() {
        for (String v : RuleSet.recognisedVersions()) {
            assertEquals(List.of(), keys(v, EventTypes.CREATE, "", ALICE));
        }
    }

    @Test
    void ordinaryEventsCiteCreatePowerLevelsAndTheSendersMembership() {
        for (String v : RuleSet.recognisedVersions()) {
            assertEquals(withCreate(v, PL, member(ALICE)), keys(v, "m.room.message", null, ALICE, "body", "x"));
            assertEquals(withCreate(v, PL, member(ALICE)), keys(v, "m.room.topic", "", ALICE));
            assertEquals(withCreate(v, PL, member(ALICE)), keys(v, EventTypes.POWER_LEVELS, "", ALICE));
        }
    }

    @Test
    void memberEvents() {
        for (String v : RuleSet.recognisedVersions()) {
            // join, invite, knock: target and join rules
            assertEquals(withCreate(v, PL, member(BOB), JR), keys(v, EventTypes.MEMBER, BOB, BOB, "membership", "join"));
            assertEquals(withCreate(v, PL, member(ALICE), member(BOB), JR),
                    keys(v, EventTypes.MEMBER, BOB, ALICE, "membership", "invite"));
            assertEquals(withCreate(v, PL, member(BOB), JR), keys(v, EventTypes.MEMBER, BOB, BOB, "membership", "knock"));
            // leave and ban: no join rules
            assertEquals(withCreate(v, PL, member(ALICE), member(BOB)),
                    keys(v, EventTypes.MEMBER, BOB, ALICE, "membership", "ban"));
            assertEquals(withCreate(v, PL, member(BOB)), keys(v, EventTypes.MEMBER, BOB, BOB, "membership", "leave"));
        }
    }

    @Test
    void thirdPartyInviteCitesTheTokensEvent() {
        for (String v : RuleSet.recognisedVersions()) {
            assertEquals(withCreate(v, PL, member(ALICE), member(BOB), JR, TypeAndKey.of(EventTypes.THIRD_PARTY_INVITE, "tok")),
                    keys(v, EventTypes.MEMBER, BOB, ALICE, "membership", "invite",
                            "third_party_invite", J.o("signed", J.o("mxid", BOB, "token", "tok"))));
            // no token (or not a string): nothing more
            assertEquals(withCreate(v, PL, member(ALICE), member(BOB), JR),
                    keys(v, EventTypes.MEMBER, BOB, ALICE, "membership", "invite", "third_party_invite", J.o()));
            assertEquals(withCreate(v, PL, member(ALICE), member(BOB), JR),
                    keys(v, EventTypes.MEMBER, BOB, ALICE, "membership", "invite",
                            "third_party_invite", J.o("signed", J.o("token", 3))));
            // only for invites
            assertEquals(withCreate(v, PL, member(BOB), JR), keys(v, EventTypes.MEMBER, BOB, BOB, "membership", "join",
                    "third_party_invite", J.o("signed", J.o("token", "tok"))));
        }
    }

    @Test
    void restrictedJoinsCiteTheAuthorisingUserFromV8() {
        for (String v : RuleSet.recognisedVersions()) {
            List<TypeAndKey> k = keys(v, EventTypes.MEMBER, BOB, BOB, "membership", "join",
                    EventTypes.AUTHORISING_USER, CAROL);
            if (Integer.parseInt(v) >= 8) {
                assertEquals(withCreate(v, PL, member(BOB), JR, member(CAROL)), k);
            } else {
                assertEquals(withCreate(v, PL, member(BOB), JR), k);
            }
            // not for other memberships
            assertEquals(withCreate(v, PL, member(BOB)), keys(v, EventTypes.MEMBER, BOB, BOB, "membership", "leave",
                    EventTypes.AUTHORISING_USER, CAROL));
            // the authoriser being the joiner adds nothing twice
            assertEquals(withCreate(v, PL, member(BOB), JR), keys(v, EventTypes.MEMBER, BOB, BOB, "membership", "join",
                    EventTypes.AUTHORISING_USER, BOB));
        }
    }

    @Test
    void selectPicksWhatTheStateHas() {
        Room r = Room.standard("10", "public");
        JsonAuthEvent join = r.member(BOB, BOB, "join");
        List<AuthEvent> picked = AuthEventsSelection.select(r.rules, join, r.state());
        List<String> ids = new ArrayList<>();
        for (AuthEvent e : picked) {
            ids.add(e.eventId());
        }
        // create, power levels, join rules (no member event for bob yet)
        assertEquals(List.of(r.create.eventId(), r.state.get(PL).eventId(), r.state.get(JR).eventId()), ids);
        assertEquals(ids, join.authEventIds());
    }
}
