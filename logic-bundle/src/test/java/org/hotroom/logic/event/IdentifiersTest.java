package org.hotroom.logic.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.hotroom.logic.room.RoomVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    /** appendices "Server Name": the examples, and the grammar's edges. */
    @ParameterizedTest
    @ValueSource(strings = {"matrix.org", "matrix.org:8888", "1.2.3.4", "1.2.3.4:1234", "[1234:5678::abcd]",
        "[1234:5678::abcd]:5678", "localhost", "a", "x-y.Z9", "[::]", "example.org:65535", "example.org:99999"})
    void validServerNames(String s) {
        assertNull(Identifiers.serverNameError(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":8448", "example.org:", "example.org:123456", "example.org:80a", "exa mple.org",
        "ex_ample.org", "[1234::abcd", "[g::1]", "[1]", "[::1]x", "exämple.org", "example.org:8448:1"})
    void invalidServerNames(String s) {
        assertNotNull(Identifiers.serverNameError(s), s);
    }

    @Test
    void serverNameLength() {
        assertNull(Identifiers.serverNameError("a".repeat(255)));
        assertNotNull(Identifiers.serverNameError("a".repeat(256)));
    }

    /** appendices "Historical User IDs": servers MUST accept these in events. */
    @ParameterizedTest
    @ValueSource(strings = {"@alice:example.org", "@Alice Smith:example.org", "@:example.org", "@\u00e9\u0001!:example.org",
        "@a:[::1]:8448", "@\ud83d\ude00:example.org"})
    void acceptedUserIds(String s) {
        assertNull(Identifiers.userIdError(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice:example.org", "@alice", "@alice:", "@a\u0000b:example.org", "!a:example.org",
        "@a:exa mple.org", "@a\ud800:example.org", ""})
    void refusedUserIds(String s) {
        assertNotNull(Identifiers.userIdError(s), s);
    }

    @Test
    void idsAreLimitedTo255Bytes() {
        String domain = ":example.org";
        String ok = "@" + "a".repeat(255 - 1 - domain.length()) + domain;
        assertEquals(255, ok.length());
        assertNull(Identifiers.userIdError(ok));
        assertNotNull(Identifiers.userIdError("@a" + ok.substring(1)));
        // bytes, not characters: 2-byte characters count double
        String wide = "@" + "\u00e9".repeat(121) + domain;
        assertEquals(1 + 242 + 12, Identifiers.utf8Length(wide));
        assertNull(Identifiers.userIdError(wide));
        assertNotNull(Identifiers.userIdError("@\u00e9" + wide.substring(1)));
        assertNotNull(Identifiers.roomIdError(RoomVersions.V1, "!" + "a".repeat(250) + domain));
        assertNotNull(Identifiers.eventIdError(RoomVersions.V1, "$" + "a".repeat(250) + domain));
        assertEquals(4, Identifiers.utf8Length("\ud83d\ude00"));
    }

    @Test
    void roomIdsPerVersion() {
        assertNull(Identifiers.roomIdError(RoomVersions.V11, "!abc:example.org"));
        assertNull(Identifiers.roomIdError(RoomVersions.V1, "!:example.org"));
        assertNotNull(Identifiers.roomIdError(RoomVersions.V11, "!abc"));
        assertNotNull(Identifiers.roomIdError(RoomVersions.V11, "#abc:example.org"));
        String hash = "!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM";
        assertNull(Identifiers.roomIdError(RoomVersions.V12, hash));
        assertNull(Identifiers.roomIdError(RoomVersions.V11, hash.replace('_', 'x') + ":example.org"));
        assertNotNull(Identifiers.roomIdError(RoomVersions.V12, "!abc:example.org"));
        assertNotNull(Identifiers.roomIdError(RoomVersions.V12, hash.replace('_', '/')));
        assertNotNull(Identifiers.roomIdError(RoomVersions.V12, hash.substring(0, 43)));
        // the last character of a 32-byte hash carries two zero bits
        assertNotNull(Identifiers.roomIdError(RoomVersions.V12, hash.substring(0, 43) + "N"));
    }

    @Test
    void eventIdsPerVersion() {
        assertNull(Identifiers.eventIdError(RoomVersions.V1, "$abc:example.org"));
        assertNotNull(Identifiers.eventIdError(RoomVersions.V2, "$abc"));
        String v3 = "$acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk";
        String v4 = "$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg";
        assertNull(Identifiers.eventIdError(RoomVersions.V3, v3));
        assertNotNull(Identifiers.eventIdError(RoomVersions.V3, v4));
        assertNull(Identifiers.eventIdError(RoomVersions.V4, v4));
        assertNull(Identifiers.eventIdError(RoomVersions.V12, v4));
        assertNotNull(Identifiers.eventIdError(RoomVersions.V4, v3));
        assertNotNull(Identifiers.eventIdError(RoomVersions.V4, "$abc:example.org"));
        assertNotNull(Identifiers.eventIdError(RoomVersions.V4, v4 + "A"));
        assertNotNull(Identifiers.eventIdError(RoomVersions.V4, "!" + v4.substring(1)));
    }
}
