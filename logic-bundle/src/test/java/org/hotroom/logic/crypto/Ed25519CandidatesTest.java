package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every candidate against RFC 8032's vectors, against each other, and on bad input. */
class Ed25519CandidatesTest {

    static Stream<String> candidates() {
        return Candidates.NAMES.stream();
    }

    static Stream<Arguments> candidatesAndVectors() {
        List<Arguments> all = new ArrayList<>();
        for (String c : Candidates.NAMES) {
            for (Rfc8032Vectors.Vector v : Rfc8032Vectors.ALL) {
                all.add(Arguments.of(c, v));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("candidatesAndVectors")
    void reproducesRfc8032(String candidate, Rfc8032Vectors.Vector v) {
        Ed25519 ed = Candidates.get(candidate);
        assertArrayEquals(v.publicKey(), ed.publicKeyFromSeed(v.seed()), "public key");
        assertArrayEquals(v.signature(), ed.sign(ed.signingKey(v.seed()), v.message()), "signature");
        assertArrayEquals(v.signature(), ed.sign(v.seed(), v.message()), "signature from the seed");
        assertTrue(ed.verify(v.publicKey(), v.message(), v.signature()), "verifies");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void signsWithA64BytePrivateKeyOnlyIfItsHalvesMatch(String candidate) {
        Ed25519 ed = Candidates.get(candidate);
        Rfc8032Vectors.Vector v = Rfc8032Vectors.TEST_3;
        byte[] privateKey = EdgeCases.concat(v.seed(), v.publicKey());
        assertArrayEquals(v.signature(), ed.sign(privateKey, v.message()));
        assertArrayEquals(v.publicKey(), ed.signingKey(privateKey).publicKey());
        byte[] mismatched = EdgeCases.concat(v.seed(), Rfc8032Vectors.TEST_1.publicKey());
        assertThrows(IllegalArgumentException.class, () -> ed.sign(mismatched, v.message()));
        assertThrows(IllegalArgumentException.class, () -> ed.signingKey(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> ed.signingKey(new byte[33]));
    }

    @ParameterizedTest(name = "signed by {0}")
    @MethodSource("candidates")
    void whatOneSignsEveryOneVerifies(String signer) {
        Ed25519 ed = Candidates.get(signer);
        SplittableRandom random = new SplittableRandom(signer.hashCode());
        for (int i = 0; i < 3; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] message = new byte[i == 0 ? 0 : 400 * i];
            random.nextBytes(message);
            SigningKey key = ed.signingKey(seed);
            byte[] signature = ed.sign(key, message);
            for (String verifier : Candidates.NAMES) {
                Ed25519 other = Candidates.get(verifier);
                assertArrayEquals(key.publicKey(), other.publicKeyFromSeed(seed), verifier + " derives the same key");
                assertTrue(other.verify(key.publicKey(), message, signature), verifier + " verifies");
                assertArrayEquals(signature, other.sign(other.signingKey(seed), message), verifier + " signs alike");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void rejectsWrongKeyMessageAndSignature(String candidate) {
        Ed25519 ed = Candidates.get(candidate);
        Rfc8032Vectors.Vector v = Rfc8032Vectors.TEST_SHA_ABC;
        assertFalse(ed.verify(Rfc8032Vectors.TEST_2.publicKey(), v.message(), v.signature()), "another key");
        byte[] message = v.message().clone();
        message[17] ^= 0x01;
        assertFalse(ed.verify(v.publicKey(), message, v.signature()), "a changed message");
        assertFalse(ed.verify(v.publicKey(), Arrays.copyOf(v.message(), v.message().length + 1), v.signature()),
                "a longer message");
        for (int bit : new int[] {0, 100, 255, 256, 300, 511}) {
            byte[] signature = v.signature().clone();
            signature[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(ed.verify(v.publicKey(), v.message(), signature), "signature bit " + bit + " flipped");
        }
        byte[] publicKey = v.publicKey().clone();
        publicKey[5] ^= 0x20;
        assertFalse(ed.verify(publicKey, v.message(), v.signature()), "a changed public key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void wrongLengthsAreFalseNotErrors(String candidate) {
        Ed25519 ed = Candidates.get(candidate);
        Rfc8032Vectors.Vector v = Rfc8032Vectors.TEST_2;
        for (int n : new int[] {0, 32, 63, 65, 128}) {
            byte[] signature = Arrays.copyOf(v.signature(), n);
            assertFalse(ed.verify(v.publicKey(), v.message(), signature), n + "-byte signature");
        }
        for (int n : new int[] {0, 31, 33, 64}) {
            byte[] publicKey = Arrays.copyOf(v.publicKey(), n);
            assertFalse(ed.verify(publicKey, v.message(), v.signature()), n + "-byte public key");
        }
        assertFalse(ed.verify(new byte[32], v.message(), v.signature()), "all-zero public key");
        assertFalse(ed.verify(v.publicKey(), v.message(), new byte[64]), "all-zero signature");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void hasAName(String candidate) {
        String name = Candidates.get(candidate).implementationName();
        assertFalse(name.isBlank());
        assertEquals(name, Candidates.get(candidate).implementationName());
    }
}
