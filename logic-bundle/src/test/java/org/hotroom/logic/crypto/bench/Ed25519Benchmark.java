package org.hotroom.logic.crypto.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hotroom.logic.crypto.Candidates;
import org.hotroom.logic.crypto.Ed25519;
import org.hotroom.logic.crypto.SigningKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 candidates side by side, one thread: verify and sign of 400-byte messages (about the
 * size of a small Matrix event's canonical JSON). Each invocation verifies one of {@code keys}
 * different (key, message, signature) triples in turn: 64 by default, a federation's load (many
 * signatures by the same servers), which {@code key-tables} serves from its per-key tables; with
 * {@code -p keys=65536} nearly every check is of a key the verifier has not kept (its memo holds
 * 1,024), the cold case. Not a test: run it with
 * {@code mvn -B -pl logic-bundle test-compile exec:exec@ed25519-bench} (docs/BENCHMARKS.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Threads(1)
public class Ed25519Benchmark {

    private static final int MESSAGE_BYTES = 400;

    @Param({"64"})
    public int keys;

    @Param({"key-tables", "sodium-jna-function", "sodium-jna-direct", "lazysodium", "bouncycastle", "jdk", "i2p-eddsa", "tink",
            "elisabeth"})
    public String impl;

    private Ed25519 ed25519;
    private SigningKey[] signingKeys;
    private byte[][] publicKeys;
    private byte[][] messages;
    private byte[][] signatures;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        if (Integer.bitCount(keys) != 1) {
            throw new IllegalArgumentException("keys must be a power of two: " + keys);
        }
        ed25519 = Candidates.get(impl);
        signingKeys = new SigningKey[keys];
        publicKeys = new byte[keys][];
        messages = new byte[keys][];
        signatures = new byte[keys][];
        SplittableRandom random = new SplittableRandom(42);
        Ed25519 reference = Candidates.get("sodium-jna-function");
        for (int i = 0; i < keys; i++) {
            byte[] seed = new byte[Ed25519.SEED_BYTES];
            random.nextBytes(seed);
            signingKeys[i] = reference.signingKey(seed);
            publicKeys[i] = signingKeys[i].publicKey();
            messages[i] = new byte[MESSAGE_BYTES];
            random.nextBytes(messages[i]);
            signatures[i] = reference.sign(reference.signingKey(seed), messages[i]);
            if (i < 64 && !ed25519.verify(publicKeys[i], messages[i], signatures[i])) {
                throw new IllegalStateException(impl + " rejects a good signature");
            }
        }
    }

    @Benchmark
    public boolean verify() {
        int i = next++ & (keys - 1);
        return ed25519.verify(publicKeys[i], messages[i], signatures[i]);
    }

    @Benchmark
    public byte[] sign() {
        int i = next++ & (keys - 1);
        return ed25519.sign(signingKeys[i], messages[i]);
    }
}
