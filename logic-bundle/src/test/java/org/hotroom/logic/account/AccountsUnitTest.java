package org.hotroom.logic.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.util.Entropy;
import org.junit.jupiter.api.Test;

class AccountsUnitTest {

    @Test
    void passwordHashesVerifyAndCarryTheirIterations() {
        String h = PasswordHasher.hash("pässword", new byte[16], 3);
        assertTrue(h.startsWith("pbkdf2-sha256$3$"), h);
        assertTrue(PasswordHasher.verify("pässword", h));
        assertFalse(PasswordHasher.verify("password", h));
        assertFalse(PasswordHasher.verify("pässword", "garbage"));
        assertFalse(PasswordHasher.verify("pässword", "pbkdf2-sha256$x$y$z"));
        assertNotEquals(h, PasswordHasher.hash("pässword", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 3));
        assertFalse(PasswordHasher.decoy("x", 3));
    }

    @Test
    void knownPbkdf2Vector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, first 32 bytes
        String h = PasswordHasher.hash("passwd", "salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1);
        byte[] dk = java.util.Base64.getDecoder().decode(h.substring(h.lastIndexOf('$') + 1));
        assertEquals("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc",
                java.util.HexFormat.of().formatHex(dk));
    }

    @Test
    void userIdGrammar() {
        assertTrue(UserIds.isValidLocalpart("a-z0.9_=/+"));
        assertFalse(UserIds.isValidLocalpart(""));
        assertFalse(UserIds.isValidLocalpart("A"));
        assertFalse(UserIds.isValidLocalpart("a:b"));
        assertEquals("alice", UserIds.localpartForRegistration("ALICE", "s"));
        MatrixError e = assertThrows(MatrixError.class, () -> UserIds.localpartForRegistration("al ice", "s"));
        assertEquals("M_INVALID_USERNAME", e.errcode());
        // 255 bytes in all: "@" + localpart + ":" + "s"
        UserIds.localpartForRegistration("a".repeat(252), "s");
        assertThrows(MatrixError.class, () -> UserIds.localpartForRegistration("a".repeat(253), "s"));
        assertEquals("alice", UserIds.localpartForLogin("@alice:s", "s"));
        assertEquals("alice", UserIds.localpartForLogin("Alice", "s"));
        assertNull(UserIds.localpartForLogin("@alice:t", "s"));
        assertNull(UserIds.localpartForLogin("@alice", "s"));
        assertNull(UserIds.localpartForLogin("@alice:S", "s"), "server names are case-sensitive");
    }

    @Test
    void entropyDerivationIsDeterministicAndLabelled() {
        byte[] e = {1, 2, 3};
        assertEquals(Entropy.token(e, "a", 32), Entropy.token(e, "a", 32));
        assertNotEquals(Entropy.token(e, "a", 32), Entropy.token(e, "b", 32));
        assertEquals(100, Entropy.derive(e, "long", 100).length);
        assertTrue(Entropy.upperLetters(e, "d", 10).matches("[A-Z]{10}"));
        assertTrue(Entropy.base32Lower(e, "l", 12).matches("[a-z2-7]{12}"));
    }
}
