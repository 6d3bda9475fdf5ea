package org.hotroom.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** The additive storage contract: preassigned IDs, entry ranges, defaults for old implementers. */
class StorageContractTest {

    @Test
    void wellKnownIdsAreTheDocumentedConstants() {
        assertEquals(WellKnown.M_ROOM_CREATE, WellKnown.id(IdKind.EVENT_TYPE, "m.room.create"));
        assertEquals(WellKnown.M_ROOM_MEMBER, WellKnown.id(IdKind.EVENT_TYPE, "m.room.member"));
        assertEquals(WellKnown.M_ROOM_POWER_LEVELS, WellKnown.id(IdKind.EVENT_TYPE, "m.room.power_levels"));
        assertEquals(WellKnown.M_ROOM_JOIN_RULES, WellKnown.id(IdKind.EVENT_TYPE, "m.room.join_rules"));
        assertEquals(WellKnown.M_ROOM_HISTORY_VISIBILITY, WellKnown.id(IdKind.EVENT_TYPE, "m.room.history_visibility"));
        assertEquals(WellKnown.M_ROOM_NAME, WellKnown.id(IdKind.EVENT_TYPE, "m.room.name"));
        assertEquals(WellKnown.M_ROOM_TOPIC, WellKnown.id(IdKind.EVENT_TYPE, "m.room.topic"));
        assertEquals(WellKnown.M_ROOM_AVATAR, WellKnown.id(IdKind.EVENT_TYPE, "m.room.avatar"));
        assertEquals(WellKnown.M_ROOM_CANONICAL_ALIAS, WellKnown.id(IdKind.EVENT_TYPE, "m.room.canonical_alias"));
        assertEquals(WellKnown.M_ROOM_ALIASES, WellKnown.id(IdKind.EVENT_TYPE, "m.room.aliases"));
        assertEquals(WellKnown.M_ROOM_THIRD_PARTY_INVITE, WellKnown.id(IdKind.EVENT_TYPE, "m.room.third_party_invite"));
        assertEquals(WellKnown.M_ROOM_GUEST_ACCESS, WellKnown.id(IdKind.EVENT_TYPE, "m.room.guest_access"));
        assertEquals(WellKnown.M_ROOM_ENCRYPTION, WellKnown.id(IdKind.EVENT_TYPE, "m.room.encryption"));
        assertEquals(WellKnown.M_ROOM_SERVER_ACL, WellKnown.id(IdKind.EVENT_TYPE, "m.room.server_acl"));
        assertEquals(WellKnown.M_ROOM_TOMBSTONE, WellKnown.id(IdKind.EVENT_TYPE, "m.room.tombstone"));
        assertEquals(WellKnown.M_ROOM_PINNED_EVENTS, WellKnown.id(IdKind.EVENT_TYPE, "m.room.pinned_events"));
        assertEquals(WellKnown.M_ROOM_REDACTION, WellKnown.id(IdKind.EVENT_TYPE, "m.room.redaction"));
        assertEquals(WellKnown.M_ROOM_MESSAGE, WellKnown.id(IdKind.EVENT_TYPE, "m.room.message"));
        assertEquals(WellKnown.EMPTY_STATE_KEY, WellKnown.id(IdKind.STATE_KEY, ""));
        assertEquals("m.room.member", WellKnown.name(IdKind.EVENT_TYPE, 2));
        assertEquals("", WellKnown.name(IdKind.STATE_KEY, 1));
        assertEquals(0, WellKnown.id(IdKind.USER, "m.room.member"), "other kinds have no well-known strings");
        assertEquals(0, WellKnown.id(IdKind.STATE_KEY, "m.room.member"));
        assertNull(WellKnown.name(IdKind.EVENT_TYPE, 0));
        assertNull(WellKnown.name(IdKind.EVENT_TYPE, WellKnown.EVENT_TYPES.size() + 1));
        assertEquals(WellKnown.EVENT_TYPES.size(), new HashSet<>(WellKnown.EVENT_TYPES).size());
        assertTrue(WellKnown.EVENT_TYPES.size() < WellKnown.FIRST_DYNAMIC);
    }

    @Test
    void stateEntriesCheckTheIdWidths() {
        new StateEntry(Integer.MAX_VALUE, 0xFFFF_FFFFL, Long.MAX_VALUE);
        new StateEntry(1, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> new StateEntry(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StateEntry(1L << 31, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new StateEntry(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StateEntry(1, 1L << 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new StateEntry(1, 1, -1));
    }

    @Test
    void oldImplementersStillCompileAndSayWhatIsMissing() {
        StepStorage old = new StepStorage() {
            @Override
            public void beginWrite() {}

            @Override
            public KeyValue keyValue() {
                return null;
            }

            @Override
            public Streams streams() {
                return null;
            }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, old::interner);
        assertTrue(e.getMessage().contains("interner()"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, old::eventStates);
        assertThrows(UnsupportedOperationException.class, old::events);
        assertThrows(UnsupportedOperationException.class, old::discard);
        assertThrows(UnsupportedOperationException.class, old::serverSigningKeys);
        assertThrows(UnsupportedOperationException.class, old::exchangeStore);
        UnsupportedOperationException q = assertThrows(UnsupportedOperationException.class, old::outgoingQueues);
        assertTrue(q.getMessage().contains("outgoingQueues()"), q.getMessage());
    }

    @Test
    void keyRecordsCopyTheirBytesAndNeverPrintASeed() {
        byte[] seed = {1, 2, 3};
        ServerSigningKeys.OwnKey own = new ServerSigningKeys.OwnKey("ed25519:a", seed, 0);
        seed[0] = 9;
        assertEquals(1, own.seed()[0]);
        own.seed()[1] = 9;
        assertEquals(new ServerSigningKeys.OwnKey("ed25519:a", new byte[] {1, 2, 3}, 0), own);
        assertTrue(own.isCurrent());
        assertTrue(!own.toString().contains("[1, 2, 3]") && own.toString().contains("current"), own.toString());
        ServerSigningKeys.RemoteKey remote = new ServerSigningKeys.RemoteKey("x.org", "ed25519:k", new byte[] {7}, 10, 5);
        assertEquals(new ServerSigningKeys.RemoteKey("x.org", "ed25519:k", new byte[] {7}, 10, 5), remote);
        assertTrue(!remote.equals(new ServerSigningKeys.RemoteKey("x.org", "ed25519:k", new byte[] {8}, 10, 5)));
    }

    @Test
    void cacheHitRatio() {
        assertEquals(1.0, new CacheStats(0, 0, 0, 0).hitRatio());
        assertEquals(0.75, new CacheStats(3, 1, 0, 2).hitRatio());
    }
}
