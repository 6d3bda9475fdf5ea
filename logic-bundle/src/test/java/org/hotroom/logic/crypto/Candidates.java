package org.hotroom.logic.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Every Ed25519 candidate by its benchmark name. The first four are the production ones
 * ({@link Ed25519Selection}); the rest exist for comparison in tests and the benchmark.
 */
public final class Candidates {

    /** Names in the order the benchmark reports them. */
    public static final List<String> NAMES = List.of("key-tables", "sodium-jna-function", "bouncycastle", "jdk",
            "sodium-jna-direct", "lazysodium", "i2p-eddsa", "tink", "elisabeth");

    private static final Map<String, Ed25519> CACHE = new LinkedHashMap<>();

    private Candidates() {}

    /** The candidate named {@code name}, made once per JVM. */
    public static synchronized Ed25519 get(String name) {
        Ed25519 e = CACHE.get(name);
        if (e == null) {
            try {
                e = loader(name).call();
            } catch (Exception ex) {
                throw new IllegalStateException("candidate " + name + " did not load: " + ex, ex);
            }
            CACHE.put(name, e);
        }
        return e;
    }

    public static List<Ed25519> all() {
        List<Ed25519> all = new ArrayList<>();
        for (String n : NAMES) {
            all.add(get(n));
        }
        return all;
    }

    /** A signing key (through the candidate's own public key derivation). */
    public static SigningKey signingKey(Ed25519 impl, byte[] seed) {
        return impl.signingKey(seed);
    }

    private static Callable<Ed25519> loader(String name) {
        return switch (name) {
            case "key-tables" -> () -> new KeyTableEd25519(get("sodium-jna-function"));
            case "sodium-jna-function" -> () -> SodiumLoader.load(System::getProperty, new ArrayList<>());
            case "bouncycastle" -> BouncyCastleEd25519::new;
            case "jdk" -> JdkEd25519::new;
            case "sodium-jna-direct" -> SodiumDirectEd25519::create;
            case "lazysodium" -> LazysodiumEd25519::create;
            case "i2p-eddsa" -> I2pEd25519::new;
            case "tink" -> TinkEd25519::new;
            case "elisabeth" -> ElisabethEd25519::new;
            default -> throw new IllegalArgumentException("no candidate " + name);
        };
    }
}
