package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each candidate does with the inputs Ed25519 libraries disagree on ({@link EdgeCases}).
 *
 * <p>Matrix's reference server, Synapse, verifies with libsodium (through PyNaCl), which is strict:
 * it rejects non-canonical S, small-order R and A, and non-canonical A. Every implementation this
 * server may select (libsodium, and BouncyCastle and the JDK behind {@link StrictEd25519Checks})
 * must reject them all, or hotroom and Synapse would disagree about which events are signed.
 *
 * <p>Observed without the extra checks (this machine, the versions in the pom):
 * <ul>
 *   <li>libsodium 1.0.18 (all three bindings): rejects every case;</li>
 *   <li>BouncyCastle 1.79: rejects every case by itself (S &lt; L, canonical and not small-order
 *       points, R included);</li>
 *   <li>JDK 17 (SunEC): rejects non-canonical S and non-canonical encodings, but accepts a
 *       small-order public key (with A = R = neutral element and S = 0 every message "verifies") and
 *       a real key's signature whose R is the neutral element (nonce 0);</li>
 *   <li>i2p eddsa 0.3.0: accepts S + L (malleable signatures), small-order and non-canonical A, and
 *       small-order R;</li>
 *   <li>Tink 1.15.0 and ed25519-elisabeth 0.1.0: reject non-canonical S, accept small-order and
 *       non-canonical A, and small-order R.</li>
 * </ul>
 * {@link #table()} prints the full matrix.
 */
class Ed25519EdgeCasesTest {

    /** The implementations the server may run, and the other libsodium bindings. */
    static final List<String> STRICT = List.of("key-tables", "sodium-jna-function", "bouncycastle", "jdk", "sodium-jna-direct",
            "lazysodium");

    @Test
    void everyImplementationTheServerMayRunRejectsEveryEdgeCase() {
        for (String name : STRICT) {
            Ed25519 ed = Candidates.get(name);
            for (Map.Entry<String, EdgeCases.Case> e : EdgeCases.all().entrySet()) {
                EdgeCases.Case c = e.getValue();
                assertFalse(ed.verify(c.publicKey(), c.message(), c.signature()), name + " accepts " + e.getKey());
            }
        }
    }

    @Test
    void theJdkAloneIsLaxOnSmallOrderPoints() {
        // documents why JdkEd25519 applies StrictEd25519Checks first
        Map<String, Boolean> raw = rawJdk();
        assertEquals(Boolean.TRUE, raw.get("A = R = identity, S = 0"));
        assertEquals(Boolean.FALSE, raw.get("S+L (non-canonical S)"));
    }

    @Test
    void theLaxLibrariesAreLax() {
        // documents what the pure-Java candidates not chosen would have let through
        assertEquals("ACCEPT", outcome("i2p-eddsa", "S+L (non-canonical S)"));
        for (String lax : List.of("i2p-eddsa", "tink", "elisabeth")) {
            assertEquals("ACCEPT", outcome(lax, "A = R = identity, S = 0"), lax);
            assertEquals("ACCEPT", outcome(lax, "A = identity with y = p+1"), lax);
        }
    }

    @Test
    void table() {
        StringBuilder sb = new StringBuilder("Ed25519 edge cases (ACCEPT = verifies):\n");
        for (String name : Candidates.NAMES) {
            sb.append(String.format("  %-20s", name));
            for (String c : EdgeCases.all().keySet()) {
                sb.append(String.format(" %-6s", outcome(name, c)));
            }
            sb.append('\n');
        }
        sb.append(String.format("  %-20s", "jdk without checks"));
        rawJdk().values().forEach(b -> sb.append(String.format(" %-6s", b ? "ACCEPT" : "reject")));
        sb.append("\n  columns: ").append(String.join(" | ", EdgeCases.all().keySet()));
        System.out.println(sb);
    }

    private static String outcome(String candidate, String edgeCase) {
        EdgeCases.Case c = EdgeCases.all().get(edgeCase);
        try {
            return Candidates.get(candidate).verify(c.publicKey(), c.message(), c.signature()) ? "ACCEPT" : "reject";
        } catch (RuntimeException e) {
            return "THROWS";
        }
    }

    /** The JDK provider without {@link StrictEd25519Checks}. */
    private static Map<String, Boolean> rawJdk() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<String, EdgeCases.Case> e : EdgeCases.all().entrySet()) {
            EdgeCases.Case c = e.getValue();
            out.put(e.getKey(), RawJdk.verify(c.publicKey(), c.message(), c.signature()));
        }
        return out;
    }

    /** The JDK's provider, called directly. */
    static final class RawJdk {
        static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
            byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
            try {
                java.security.PublicKey key = java.security.KeyFactory.getInstance("Ed25519")
                        .generatePublic(new java.security.spec.X509EncodedKeySpec(EdgeCases.concat(prefix, publicKey)));
                java.security.Signature s = java.security.Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(message);
                return s.verify(signature);
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
    }
}
