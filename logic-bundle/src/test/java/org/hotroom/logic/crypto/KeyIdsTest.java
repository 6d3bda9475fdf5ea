package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyIdsTest {

    @Test
    void ed25519KeyIds() {
        for (String good : new String[] {"ed25519:1", "ed25519:a_Bc9", "ed25519:auto", "ed25519:_"}) {
            assertTrue(KeyIds.isEd25519(good), good);
            assertTrue(KeyIds.isWellFormed(good), good);
            assertEquals(good, KeyIds.requireEd25519(good));
        }
        for (String bad : new String[] {"ed25519:", "ed25519", "ed25519:a-b", "ed25519:a.b", "ed25519:a:b",
            "ed25519: a", "ED25519:1", "curve25519:1", "ed25519:é", ":1", ""}) {
            assertFalse(KeyIds.isEd25519(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> KeyIds.requireEd25519(bad), bad);
        }
        assertFalse(KeyIds.isEd25519(null));
    }

    @Test
    void otherAlgorithms() {
        assertTrue(KeyIds.isWellFormed("curve25519:AAAAAQ"));
        assertTrue(KeyIds.isWellFormed("signed_curve25519:x"));
        assertFalse(KeyIds.isWellFormed("Ed25519:1"));
        assertFalse(KeyIds.isWellFormed("ed25519"));
        assertFalse(KeyIds.isWellFormed(":x"));
        assertEquals("curve25519", KeyIds.algorithm("curve25519:AAAAAQ"));
        assertNull(KeyIds.algorithm("nocolon"));
    }

    @Test
    void building() {
        assertEquals("ed25519:a_1", KeyIds.ed25519("a_1"));
        assertThrows(IllegalArgumentException.class, () -> KeyIds.ed25519("a-1"));
        assertThrows(IllegalArgumentException.class, () -> KeyIds.ed25519(""));
    }
}
