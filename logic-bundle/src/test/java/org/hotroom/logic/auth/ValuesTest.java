package org.hotroom.logic.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Power level values per version, identifiers, and the JSON adapter. */
class ValuesTest {

    static final RuleSet V1 = RuleSet.forVersion("1");
    static final RuleSet V6 = RuleSet.forVersion("6");
    static final RuleSet V10 = RuleSet.forVersion("10");

    @Test
    void stringIntegersAsTheV1FragmentDescribesThem() {
        // "a single base 10 integer ... optionally with any number of leading zeroes;
        //  optionally prefixed with a single - or +; optionally with any number of leading or
        //  trailing whitespace characters"
        assertEquals(100L, PowerLevels.parse(J.node("100"), V6));
        assertEquals(100L, PowerLevels.parse(J.node("000100"), V6));
        assertEquals(100L, PowerLevels.parse(J.node("+100"), V6));
        assertEquals(-100L, PowerLevels.parse(J.node("-100"), V6));
        assertEquals(100L, PowerLevels.parse(J.node(" 100 "), V6));
        assertEquals(100L, PowerLevels.parse(J.node(" 00100 "), V6));
        assertEquals(-100L, PowerLevels.parse(J.node("\t-100\n"), V6));
        assertNull(PowerLevels.parse(J.node("1.5"), V6));
        assertNull(PowerLevels.parse(J.node("1e2"), V6));
        assertNull(PowerLevels.parse(J.node("--1"), V6));
        assertNull(PowerLevels.parse(J.node("+-1"), V6));
        assertNull(PowerLevels.parse(J.node("- 1"), V6));
        assertNull(PowerLevels.parse(J.node(""), V6));
        assertNull(PowerLevels.parse(J.node("  "), V6));
        assertNull(PowerLevels.parse(J.node("0x10"), V6));
        assertNull(PowerLevels.parse(J.node("1_000"), V6));
        assertNull(PowerLevels.parse(J.node("١٠٠"), V6)); // non-ASCII digits
        // v10: strings are not power levels
        assertNull(PowerLevels.parse(J.node("100"), V10));
    }

    @Test
    void floatsOnlyUpToV5() {
        assertEquals(51146L, PowerLevels.parse(J.parse("5.114698E4"), V1));
        assertEquals(50L, PowerLevels.parse(J.node(50.57), V1));
        assertEquals(-50L, PowerLevels.parse(J.node(-50.57), V1));
        assertNull(PowerLevels.parse(J.node(50.5), V6));
        assertNull(PowerLevels.parse(J.node(50.0), V10));
        // out of the double range (Jackson reads it as infinity): rejected
        assertNull(PowerLevels.parse(J.parse("1e400"), V1));
    }

    @Test
    void integersAndOtherTypes() {
        for (RuleSet r : RuleSet.all()) {
            assertEquals(7L, PowerLevels.parse(J.node(7), r));
            assertEquals(-7L, PowerLevels.parse(J.node(-7L), r));
            assertNull(PowerLevels.parse(J.node(true), r));
            assertNull(PowerLevels.parse(J.o(), r));
            assertNull(PowerLevels.parse(J.a(1), r));
            assertNull(PowerLevels.parse(J.node(null), r));
        }
        // huge integers saturate below INFINITE
        assertEquals(PowerLevels.MAX_FINITE, PowerLevels.parse(J.parse("123456789012345678901234567890"), V10));
        assertEquals(PowerLevels.MIN_FINITE, PowerLevels.parse(J.parse("-123456789012345678901234567890"), V10));
        assertEquals(PowerLevels.MAX_FINITE, PowerLevels.parse(J.node("99999999999999999999999"), V6));
    }

    @Test
    void userIds() {
        assertTrue(Identifiers.isValidUserId("@alice:example.org"));
        assertTrue(Identifiers.isValidUserId("@alice:example.org:8448"));
        assertTrue(Identifiers.isValidUserId("@alice:1.2.3.4"));
        assertTrue(Identifiers.isValidUserId("@alice:[::1]:80"));
        assertTrue(Identifiers.isValidUserId("@Alice With Spaces!:example.org")); // historical
        assertTrue(Identifiers.isValidUserId("@:example.org")); // historical: empty localpart
        assertFalse(Identifiers.isValidUserId("alice:example.org"));
        assertFalse(Identifiers.isValidUserId("@alice"));
        assertFalse(Identifiers.isValidUserId("@alice:"));
        assertFalse(Identifiers.isValidUserId("@alice:exa mple.org"));
        assertFalse(Identifiers.isValidUserId("@alice:example.org:"));
        assertFalse(Identifiers.isValidUserId("@alice:example.org:123456"));
        assertFalse(Identifiers.isValidUserId("@alice:[::1"));
        assertFalse(Identifiers.isValidUserId("@alice:[zz]"));
        assertFalse(Identifiers.isValidUserId("@al\u0000ice:example.org"));
        assertFalse(Identifiers.isValidUserId("@al\ud800ice:example.org"));
        assertTrue(Identifiers.isValidUserId("@" + "a".repeat(242) + ":example.org")); // 255 bytes
        assertFalse(Identifiers.isValidUserId("@" + "a".repeat(243) + ":example.org")); // 256 bytes
        assertEquals("example.org:8448", Identifiers.domain("@a:example.org:8448"));
        assertNull(Identifiers.domain("$abc"));
    }

    @Test
    void jsonAdapterReadsBothReferenceForms() {
        JsonNode json = J.parse("{'event_id':'$a:x','type':'m.room.member','state_key':'@b:y','sender':'@b:y',"
                + "'room_id':'!r:x','content':{'membership':'join'},"
                + "'auth_events':[['$c:x',{'sha256':'h'}],'$d',7,[]],'prev_events':[['$p:x',{}]],"
                + "'signatures':{'y':{'ed25519:1':'s'}}}");
        JsonAuthEvent e = JsonAuthEvent.of(json);
        assertEquals("$a:x", e.eventId());
        assertEquals(List.of("$c:x", "$d"), e.authEventIds());
        assertEquals(List.of("$p:x"), e.prevEventIds());
        assertEquals("join", e.membership());
        assertTrue(e.isState());
        assertFalse(e.rejected());
        assertTrue(e.withRejected(true).rejected());
        assertTrue(ServerSignatureCheck.SIGNATURE_PRESENT.isValidlySignedBy(e, "y"));
        assertFalse(ServerSignatureCheck.SIGNATURE_PRESENT.isValidlySignedBy(e, "x"));
        assertEquals("$other", JsonAuthEvent.of(json, "$other").eventId());
        assertThrows(IllegalArgumentException.class, () -> JsonAuthEvent.of(J.o("type", "x")));
    }

    @Test
    void jsonAdapterFields() {
        JsonAuthEvent bare = JsonAuthEvent.of(J.o("event_id", "$x", "type", 5, "state_key", J.o()));
        assertNull(bare.type());
        assertNull(bare.stateKey());
        assertNull(bare.sender());
        assertNull(bare.roomId());
        assertTrue(bare.content().isObject());
        assertEquals(0, bare.content().size());
        assertEquals(List.of(), bare.authEventIds());
        assertNull(bare.redacts());
        // redacts: top-level (v1-10), else content (v11+)
        assertEquals("$top", JsonAuthEvent.of(J.o("event_id", "$r", "redacts", "$top",
                "content", J.o("redacts", "$inner"))).redacts());
        assertEquals("$inner", JsonAuthEvent.of(J.o("event_id", "$r", "content", J.o("redacts", "$inner"))).redacts());
    }
}
