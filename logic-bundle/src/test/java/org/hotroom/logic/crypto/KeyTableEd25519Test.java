package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The table verifier accepts exactly what libsodium accepts. Every input is checked twice, so
 * that the second check of each key runs on its table (the first goes to libsodium).
 */
class KeyTableEd25519Test {

    static final Ed25519 SODIUM = Candidates.get("sodium-jna-function");
    /** The base point, y = 4/5. */
    static final EdwardsMath.Point BASE = EdwardsMath.decode(java.util.HexFormat.of()
            .parseHex("5866666666666666666666666666666666666666666666666666666666666666"));

    /** A verifier that builds a key's table on its second signature, so that tests reach it quickly. */
    static KeyTableEd25519 secondUse(int capacity) {
        return new KeyTableEd25519(SODIUM, true, capacity, 2);
    }

    @Test
    void byDefaultAKeyGetsItsTableOnItsEighthSignature() {
        KeyTableEd25519 tables = new KeyTableEd25519(SODIUM);
        Rfc8032Vectors.Vector v = Rfc8032Vectors.TEST_2;
        for (int i = 1; i < KeyTables.BUILD_AT; i++) {
            assertTrue(tables.verify(v.publicKey(), v.message(), v.signature()));
            assertFalse(tables.tables().hasTable(v.publicKey()), "a table after " + i + " signatures");
        }
        assertTrue(tables.verify(v.publicKey(), v.message(), v.signature()));
        assertTrue(tables.tables().hasTable(v.publicKey()));
        assertEquals(8, KeyTables.BUILD_AT);
    }

    /** Checks an input twice on a fresh verifier and once on libsodium; the answers must agree. */
    static void agree(KeyTableEd25519 tables, byte[] a, byte[] m, byte[] sig, String what) {
        boolean sodium = SODIUM.verify(a, m, sig);
        assertEquals(sodium, tables.verify(a, m, sig), what + " (first use of the key)");
        assertEquals(sodium, tables.verify(a, m, sig), what + " (with the key's table)");
    }

    @Test
    void agreesWithLibsodiumOnRandomSignaturesAndEveryOneBitChange() {
        Random r = new Random(2553);
        KeyTableEd25519 tables = secondUse(KeyTables.DEFAULT_CAPACITY);
        int accepted = 0;
        for (int k = 0; k < 60; k++) {
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            SigningKey key = SODIUM.signingKey(seed);
            byte[] a = key.publicKey();
            for (int i = 0; i < 4; i++) {
                byte[] m = new byte[r.nextInt(300)];
                r.nextBytes(m);
                byte[] sig = SODIUM.sign(key, m);
                agree(tables, a, m, sig, "a good signature");
                accepted += tables.verify(a, m, sig) ? 1 : 0;
                // one bit changed in R, S, A or the message
                byte[] s2 = sig.clone();
                s2[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                agree(tables, a, m, s2, "R changed");
                byte[] s3 = sig.clone();
                s3[32 + r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                agree(tables, a, m, s3, "S changed");
                byte[] a2 = a.clone();
                a2[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                agree(tables, a2, m, sig, "A changed");
                if (m.length > 0) {
                    byte[] m2 = m.clone();
                    m2[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                    agree(tables, a, m2, sig, "message changed");
                }
            }
        }
        assertEquals(240, accepted);
        assertTrue(tables.tables().size() > 60, "keys were remembered");
    }

    @Test
    void agreesOnRandomPointsAsKeysWithTorsionComponents() {
        // a random encoding that decodes is usually a point with a small-order component; libsodium
        // accepts such keys (they are not of small order), and so must the tables
        Random r = new Random(8);
        KeyTableEd25519 tables = secondUse(KeyTables.DEFAULT_CAPACITY);
        for (int i = 0; i < 200; i++) {
            byte[] a = new byte[32];
            r.nextBytes(a);
            byte[] sig = new byte[64];
            r.nextBytes(sig);
            sig[63] &= 0x0f;
            agree(tables, a, "m".getBytes(), sig, "random key and signature");
        }
    }

    @Test
    void acceptsLikeLibsodiumWhenTheKeysTorsionVanishesFromTheEquation() {
        // A' = A + T (T of order 8): [s]B - [h]A' = R - [h]T, so the cofactorless equation holds
        // exactly when 8 divides h; libsodium accepts such signatures, and rejects the others
        Rfc8032Vectors.Vector v = Rfc8032Vectors.TEST_1;
        BigInteger a = EdwardsMath.secretScalar(v.seed());
        EdwardsMath.Point torsion = EdwardsMath.decode(EdgeCases.le32(new BigInteger(
                "05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826", 16)));
        EdwardsMath.Point publicPoint = EdwardsMath.decode(v.publicKey());
        byte[] mixed = EdwardsMath.encode(EdwardsMath.add(publicPoint, torsion));
        KeyTableEd25519 tables = secondUse(KeyTables.DEFAULT_CAPACITY);
        KeyTableEd25519 withoutLibsodium = new KeyTableEd25519(Candidates.get("bouncycastle"), false, 16);
        int bouncyCastleAccepted = 0;
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 64 && (accepted < 2 || rejected < 2); i++) {
            BigInteger nonce = BigInteger.valueOf(1000 + i);
            byte[] rEnc = EdwardsMath.encode(EdwardsMath.multiply(nonce, BASE));
            byte[] m = ("torsion " + i).getBytes();
            BigInteger h = EdwardsMath.challenge(rEnc, mixed, m);
            BigInteger s = nonce.add(h.multiply(a)).mod(EdgeCases.L);
            byte[] sig = EdgeCases.concat(rEnc, EdgeCases.le32(s));
            boolean expected = h.mod(BigInteger.valueOf(8)).signum() == 0;
            assertEquals(expected, SODIUM.verify(mixed, m, sig), "libsodium, h mod 8 = " + h.mod(BigInteger.valueOf(8)));
            // BouncyCastle alone does not agree here (it accepts some of these), which is why the
            // tables never hand it a first signature: without libsodium, every key gets its table
            if (!expected) {
                bouncyCastleAccepted += Candidates.get("bouncycastle").verify(mixed, m, sig) ? 1 : 0;
            }
            assertEquals(expected, withoutLibsodium.verify(mixed, m, sig), "tables only, first use");
            assertEquals(expected, withoutLibsodium.verify(mixed, m, sig), "tables only, again");
            agree(tables, mixed, m, sig, "mixed-order key, h mod 8 = " + h.mod(BigInteger.valueOf(8)));
            if (expected) {
                accepted++;
            } else {
                rejected++;
            }
        }
        assertTrue(accepted >= 2 && rejected >= 2, accepted + " accepted, " + rejected + " rejected");
        assertTrue(bouncyCastleAccepted > 0, "BouncyCastle became as strict as libsodium; the note in Ed25519Selection is stale");
    }

    @Test
    void withoutLibsodiumEveryKeyGetsItsTableAtOnceAndStillAgrees() {
        Random r = new Random(99);
        KeyTableEd25519 tablesOnly = new KeyTableEd25519(Candidates.get("bouncycastle"), false, 64);
        for (int k = 0; k < 20; k++) {
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            SigningKey key = SODIUM.signingKey(seed);
            byte[] m = ("message " + k).getBytes();
            byte[] sig = SODIUM.sign(key, m);
            assertTrue(tablesOnly.verify(key.publicKey(), m, sig));
            assertEquals(KeyTables.Kind.TABLE, tablesOnly.tables().lookup(key.publicKey()).kind(), "a table from the first use");
            byte[] bad = sig.clone();
            bad[5] ^= 4;
            assertEquals(SODIUM.verify(key.publicKey(), m, bad), tablesOnly.verify(key.publicKey(), m, bad));
        }
        for (Map.Entry<String, EdgeCases.Case> e : EdgeCases.all().entrySet()) {
            assertFalse(tablesOnly.verify(e.getValue().publicKey(), e.getValue().message(), e.getValue().signature()), e.getKey());
        }
    }

    @Test
    void rejectsEveryEdgeCaseLibsodiumRejects() {
        KeyTableEd25519 tables = secondUse(KeyTables.DEFAULT_CAPACITY);
        for (Map.Entry<String, EdgeCases.Case> e : EdgeCases.all().entrySet()) {
            EdgeCases.Case c = e.getValue();
            for (int i = 0; i < 3; i++) {
                assertFalse(tables.verify(c.publicKey(), c.message(), c.signature()), e.getKey());
            }
        }
    }

    @Test
    void reproducesRfc8032WithATable() {
        KeyTableEd25519 tables = secondUse(KeyTables.DEFAULT_CAPACITY);
        for (Rfc8032Vectors.Vector v : Rfc8032Vectors.ALL) {
            for (int i = 0; i < 3; i++) {
                assertTrue(tables.verify(v.publicKey(), v.message(), v.signature()), v.name());
            }
            assertEquals(KeyTables.Kind.TABLE, tables.tables().lookup(v.publicKey()).kind());
        }
    }

    @Test
    void theFixedBaseSumMatchesTheObviousArithmetic() {
        // encode([a]B + [b](-A)) against BigInteger affine arithmetic
        Random r = new Random(5);
        for (int i = 0; i < 20; i++) {
            BigInteger secret = new BigInteger(252, r);
            byte[] aEnc = EdwardsMath.encode(EdwardsMath.multiply(secret, BASE));
            long[] minusA = new long[Edwards25519.POINT];
            assertTrue(Edwards25519.decodeNegated(minusA, aEnc));
            long[] table = Edwards25519.table(minusA);
            BigInteger x = new BigInteger(252, r);
            BigInteger y = new BigInteger(252, r);
            byte[] out = new byte[32];
            Edwards25519.doubleFixedBase(out, EdgeCases.le32(x), 0, EdgeCases.le32(y), 0, table);
            BigInteger k = x.subtract(y.multiply(secret)).mod(EdgeCases.L);
            assertArrayEquals(EdwardsMath.encode(EdwardsMath.multiply(k, BASE)), out, "sample " + i);
        }
    }

    @Test
    void scalarDigitsStayInTheirTablesAndAddUpToTheScalar() {
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, EdgeCases.L.subtract(BigInteger.ONE),
                BigInteger.TWO.pow(252), BigInteger.TWO.pow(253).subtract(BigInteger.ONE),
                new BigInteger("8".repeat(63), 16), new BigInteger("7f".repeat(31), 16)));
        Random r = new Random(16);
        for (int i = 0; i < 500; i++) {
            scalars.add(new BigInteger(253, r));
        }
        for (BigInteger k : scalars) {
            byte[] le = EdgeCases.le32(k);
            byte[] d16 = Edwards25519.digits(le, 0);
            BigInteger sum = BigInteger.ZERO;
            for (int i = 63; i >= 0; i--) {
                assertTrue(d16[i] >= -8 && d16[i] <= 8, k + ": radix-16 digit " + d16[i]);
                sum = sum.shiftLeft(4).add(BigInteger.valueOf(d16[i]));
            }
            assertEquals(k, sum);
            int[] d256 = Edwards25519.digits256(le, 0);
            sum = BigInteger.ZERO;
            for (int j = 31; j >= 0; j--) {
                assertTrue(d256[j] >= -128 && d256[j] <= 128, k + ": radix-256 digit " + d256[j]);
                sum = sum.shiftLeft(8).add(BigInteger.valueOf(d256[j]));
            }
            assertEquals(k, sum);
        }
    }

    @Test
    void theMemoStaysWithinItsCapacity() {
        KeyTableEd25519 tables = secondUse(16);
        Random r = new Random(3);
        for (int k = 0; k < 100; k++) {
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            SigningKey key = SODIUM.signingKey(seed);
            byte[] sig = SODIUM.sign(key, "x".getBytes());
            assertTrue(tables.verify(key.publicKey(), "x".getBytes(), sig));
            assertTrue(tables.verify(key.publicKey(), "x".getBytes(), sig));
            assertTrue(tables.tables().size() <= 16, tables.tables().size() + " keys remembered");
        }
    }

    @Test
    void threadsCheckingTheSameKeysAgree() throws Exception {
        KeyTableEd25519 tables = secondUse(KeyTables.DEFAULT_CAPACITY);
        List<byte[][]> inputs = new ArrayList<>();
        Random r = new Random(11);
        for (int k = 0; k < 8; k++) {
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            SigningKey key = SODIUM.signingKey(seed);
            for (int i = 0; i < 8; i++) {
                byte[] m = ("message " + i).getBytes();
                byte[] sig = SODIUM.sign(key, m);
                if (i % 2 == 1) {
                    sig[40] ^= 1;
                }
                inputs.add(new byte[][] {key.publicKey(), m, sig});
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (byte[][] in : inputs) {
                    results.add(pool.submit(() -> tables.verify(in[0], in[1], in[2]) == SODIUM.verify(in[0], in[1], in[2])));
                }
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
