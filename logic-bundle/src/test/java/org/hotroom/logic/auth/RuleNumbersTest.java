package org.hotroom.logic.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-version numbering and flags, against the lists as printed on rooms/v1 … rooms/v12. */
class RuleNumbersTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void topLevelNumbersMatchEachVersionsList(int v) {
        RuleNumbers n = new RuleNumbers(RuleSet.forVersion(Integer.toString(v)));
        assertEquals(Rules.authEvents(v), Integer.toString(n.authEvents));
        assertEquals(Rules.federate(v), Integer.toString(n.federate));
        assertEquals(Rules.member(v), Integer.toString(n.member));
        assertEquals(Rules.senderJoined(v), Integer.toString(n.senderJoined));
        assertEquals(Rules.thirdPartyInvite(v), Integer.toString(n.thirdPartyInvite));
        assertEquals(Rules.requiredLevel(v), Integer.toString(n.requiredLevel));
        assertEquals(Rules.stateKeyAt(v), Integer.toString(n.stateKeyIsSender));
        assertEquals(Rules.powerLevels(v), Integer.toString(n.powerLevels));
        assertEquals(Rules.otherwise(v), Integer.toString(n.otherwise));
        assertEquals(v <= 5 ? 4 : -1, n.aliases);
        assertEquals(v <= 2 ? 11 : -1, n.redaction);
        assertEquals(v >= 12 ? 2 : -1, n.roomIdIsCreate);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void subRuleNumbersMatchEachVersionsList(int v) {
        RuleNumbers n = new RuleNumbers(RuleSet.forVersion(Integer.toString(v)));
        String m = n.member + ".";
        assertEquals(Rules.member(v, "join"), m + n.mJoin);
        assertEquals(Rules.member(v, "invite"), m + n.mInvite);
        assertEquals(Rules.member(v, "leave"), m + n.mLeave);
        assertEquals(Rules.member(v, "ban"), m + n.mBan);
        assertEquals(Rules.member(v, "unknown"), m + n.mUnknown);
        if (v >= 7) {
            assertEquals(Rules.member(v, "knock"), m + n.mKnock);
        }
        assertEquals(Rules.joinPublic(v), m + n.mJoin + "." + n.jPublic);
        assertEquals(Rules.joinOtherwise(v), m + n.mJoin + "." + n.jOtherwise);
        String p = n.powerLevels + ".";
        assertEquals(Rules.pl(v, "users"), p + n.plUsers);
        assertEquals(Rules.pl(v, "noPrevious"), p + n.plNoPrevious);
        assertEquals(Rules.pl(v, "fields"), p + n.plFields);
        assertEquals(Rules.pl(v, "eventsOld"), p + n.plEventsOld);
        assertEquals(Rules.pl(v, "eventsNew"), p + n.plEventsNew);
        assertEquals(Rules.pl(v, "usersOld"), p + n.plUsersOld);
        assertEquals(Rules.pl(v, "usersNew"), p + n.plUsersNew);
        assertEquals(Rules.pl(v, "otherwise"), p + n.plOtherwise);
    }

    @Test
    void spotChecksAgainstThePrintedLists() {
        // v1 "11. If type is m.room.redaction", "12. Otherwise, allow."
        RuleNumbers v1 = new RuleNumbers(RuleSet.forVersion("1"));
        assertEquals(11, v1.redaction);
        assertEquals(12, v1.otherwise);
        // v8 "4.3.5 If the join_rule is restricted", "4.7 If membership is knock"
        RuleNumbers v8 = new RuleNumbers(RuleSet.forVersion("8"));
        assertEquals("4.3.5", RuleNumbers.n(v8.member, v8.mJoin, v8.jRestricted));
        assertEquals("4.7", RuleNumbers.n(v8.member, v8.mKnock));
        // v10 "9.3 If the users property ...", v12 "10.4 ... creators", "10.5 no previous"
        RuleNumbers v10 = new RuleNumbers(RuleSet.forVersion("10"));
        assertEquals("9.3", RuleNumbers.n(v10.powerLevels, v10.plUsers));
        RuleNumbers v12 = new RuleNumbers(RuleSet.forVersion("12"));
        assertEquals("10.4", RuleNumbers.n(v12.powerLevels, v12.plCreators));
        assertEquals("10.5", RuleNumbers.n(v12.powerLevels, v12.plNoPrevious));
        assertEquals("5.3.5", RuleNumbers.n(v12.member, v12.mJoin, v12.jRestricted));
    }

    @Test
    void ruleSetFlagsPerVersion() {
        for (RuleSet r : RuleSet.all()) {
            int v = Integer.parseInt(r.version());
            assertEquals(v <= 5, r.aliasesRule(), r::toString);
            assertEquals(v <= 2, r.redactionRule(), r::toString);
            assertEquals(v >= 6, r.notificationsInPowerLevels(), r::toString);
            assertEquals(v >= 7, r.knocking(), r::toString);
            assertEquals(v >= 8, r.restrictedJoins(), r::toString);
            assertEquals(v >= 10, r.knockRestricted(), r::toString);
            assertEquals(v >= 10, r.integerPowerLevels(), r::toString);
            assertEquals(v <= 9, r.stringPowerLevels(), r::toString);
            assertEquals(v <= 5, r.floatPowerLevels(), r::toString);
            assertEquals(v >= 11, r.creatorIsSender(), r::toString);
            assertEquals(v >= 12, r.createEventIsRoomId(), r::toString);
            assertEquals(v >= 12, r.infiniteCreators(), r::toString);
        }
        assertEquals(12, RuleSet.all().size());
        assertTrue(RuleSet.isRecognised("12"));
        assertFalse(RuleSet.isRecognised("13"));
        assertFalse(RuleSet.isRecognised("org.matrix.msc1234"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleSet.forVersion("0"));
        assertTrue(e.getMessage().contains("room version 0"));
    }
}
