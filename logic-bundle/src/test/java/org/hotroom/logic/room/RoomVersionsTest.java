package org.hotroom.logic.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomVersionsTest {

    /** The versions (by number) for which {@code p} holds. */
    private static List<Integer> where(Predicate<RoomVersion> p) {
        return RoomVersions.all().stream().filter(p).map(v -> Integer.parseInt(v.id())).collect(Collectors.toList());
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    @Test
    void versionsOneToTwelveAllStable() {
        assertEquals(range(1, 12), where(v -> true));
        assertTrue(RoomVersions.all().stream().allMatch(RoomVersion::stable));
        for (RoomVersion v : RoomVersions.all()) {
            assertSame(v, RoomVersions.get(v.id()));
        }
    }

    /** rooms/_index: "Servers SHOULD use room version 12 as the default room version". */
    @Test
    void defaultIsTwelve() {
        assertSame(RoomVersions.V12, RoomVersions.DEFAULT);
    }

    @Test
    void eventFormats() {
        assertEquals(List.of(1, 2), where(v -> v.eventFormat() == EventFormat.V1));
        assertEquals(List.of(3), where(v -> v.eventFormat() == EventFormat.V2));
        assertEquals(range(4, 12), where(v -> v.eventFormat() == EventFormat.V3));
        assertEquals(List.of(12), where(RoomVersion::roomIdIsCreateEventHash));
        assertEquals(range(1, 11), where(RoomVersion::createEventInAuthEvents));
    }

    @Test
    void stateResolution() {
        assertEquals(List.of(1), where(v -> v.stateResolution() == StateResolutionAlgorithm.V1));
        assertEquals(range(2, 11), where(v -> v.stateResolution() == StateResolutionAlgorithm.V2));
        assertEquals(List.of(12), where(v -> v.stateResolution() == StateResolutionAlgorithm.V2_1));
    }

    @Test
    void redactionRules() {
        assertEquals(range(1, 5), where(v -> v.redaction() == RedactionRules.V1));
        assertEquals(List.of(6, 7), where(v -> v.redaction() == RedactionRules.V6));
        assertEquals(List.of(8), where(v -> v.redaction() == RedactionRules.V8));
        assertEquals(List.of(9, 10), where(v -> v.redaction() == RedactionRules.V9));
        assertEquals(List.of(11, 12), where(v -> v.redaction() == RedactionRules.V11));
    }

    @Test
    void canonicalJsonAndDepth() {
        assertEquals(range(6, 12), where(RoomVersion::strictCanonicalJson));
        assertEquals(Long.MAX_VALUE, RoomVersions.V5.maxDepth());
        assertEquals((1L << 53) - 1, RoomVersions.V6.maxDepth());
    }

    @Test
    void authRuleVariants() {
        assertEquals(List.of(1, 2), where(RoomVersion::redactionAuthRule));
        assertEquals(List.of(1, 2), where(RoomVersion::requiresEventIdDomainSignature));
        assertEquals(range(5, 12), where(RoomVersion::enforceSigningKeyValidity));
        assertEquals(range(1, 5), where(RoomVersion::specialCaseAliasesAuth));
        assertEquals(range(6, 12), where(RoomVersion::notificationsPowerLevelsAuth));
        assertEquals(range(7, 12), where(RoomVersion::knocking));
        assertEquals(range(8, 12), where(RoomVersion::restrictedJoinRule));
        assertEquals(range(10, 12), where(RoomVersion::knockRestrictedJoinRule));
        assertEquals(range(1, 9), where(RoomVersion::stringPowerLevels));
        assertEquals(range(1, 5), where(RoomVersion::floatPowerLevels));
        assertEquals(range(10, 12), where(RoomVersion::integerPowerLevels));
        assertEquals(range(1, 10), where(RoomVersion::creatorInCreateContent));
        assertEquals(range(11, 12), where(RoomVersion::redactsInContent));
        assertEquals(List.of(12), where(RoomVersion::roomCreatorsPrivileged));
    }

    @Test
    void unknownVersionIsAClearError() {
        UnknownRoomVersionException e = assertThrows(UnknownRoomVersionException.class, () -> RoomVersions.get("13"));
        assertEquals("13", e.version());
        assertTrue(e.getMessage().contains("unsupported room version \"13\""), e.getMessage());
        assertTrue(e.getMessage().contains("1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"), e.getMessage());
        assertTrue(assertThrows(UnknownRoomVersionException.class, () -> RoomVersions.get("V1")).getMessage()
                .startsWith("invalid room version"));
        assertTrue(assertThrows(UnknownRoomVersionException.class, () -> RoomVersions.get(null)).getMessage()
                .startsWith("no room version given"));
        assertTrue(RoomVersions.find("org.matrix.msc1234").isEmpty());
        assertTrue(RoomVersions.find(" 1").isEmpty());
    }

    /** rooms/_index "Room version grammar". */
    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2", "1.2-beta", "com.example.version", "abcdefghijklmnopqrstuvwxyz012345"})
    void legalVersionStrings(String s) {
        assertTrue(RoomVersions.isLegalVersionString(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "V1", "1_2", "1 2", "é", "abcdefghijklmnopqrstuvwxyz0123456"})
    void illegalVersionStrings(String s) {
        assertFalse(RoomVersions.isLegalVersionString(s));
    }
}
