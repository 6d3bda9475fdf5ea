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
 * size of a small Matrix event's canonical JSON). Each invocation verifies one of 64 different
 * (key, message, signature) triples in turn, so no implementation can profit from a cache of the
 * last key. Not a test: run it with
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

    private static final int SETS = 64;
    private static final int MESSAGE_BYTES = 400;

    @Param({"sodium-jna-function", "sodium-jna-direct", "lazysodium", "bouncycastle", "jdk", "i2p-eddsa", "tink",
            "elisabeth"})
    public String impl;

    private Ed25519 ed25519;
    private final SigningKey[] keys = new SigningKey[SETS];
    private final byte[][] publicKeys = new byte[SETS][];
    private final byte[][] messages = new byte[SETS][];
    private final byte[][] signatures = new byte[SETS][];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        ed25519 = Candidates.get(impl);
        SplittableRandom random = new SplittableRandom(42);
        Ed25519 reference = Candidates.get("bouncycastle");
        for (int i = 0; i < SETS; i++) {
            byte[] seed = new byte[Ed25519.SEED_BYTES];
            random.nextBytes(seed);
            keys[i] = ed25519.signingKey(seed);
            publicKeys[i] = keys[i].publicKey();
            messages[i] = new byte[MESSAGE_BYTES];
            random.nextBytes(messages[i]);
            signatures[i] = reference.sign(reference.signingKey(seed), messages[i]);
            if (!ed25519.verify(publicKeys[i], messages[i], signatures[i])) {
                throw new IllegalStateException(impl + " rejects a good signature");
            }
        }
    }

    @Benchmark
    public boolean verify() {
        int i = next++ & (SETS - 1);
        return ed25519.verify(publicKeys[i], messages[i], signatures[i]);
    }

    @Benchmark
    public byte[] sign() {
        int i = next++ & (SETS - 1);
        return ed25519.sign(keys[i], messages[i]);
    }
}
