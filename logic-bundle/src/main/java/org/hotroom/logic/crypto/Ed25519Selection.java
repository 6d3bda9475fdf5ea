package org.hotroom.logic.crypto;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Which Ed25519 implementation this logic generation uses, and why. Chosen once per generation
 * (per class loader), on first use, in the order the benchmark ranks them:
 * <ol>
 *   <li>{@code tables}: per-key fixed-base tables ({@link KeyTableEd25519}) for keys seen before,
 *       libsodium for a key's first signature (where libsodium does not load, every key gets its
 *       table at once, and BouncyCastle signs);</li>
 *   <li>{@code sodium}: libsodium through JNA ({@link SodiumEd25519}, {@link SodiumLoader});</li>
 *   <li>{@code bouncycastle}: BouncyCastle's pure-Java RFC 8032 code ({@link BouncyCastleEd25519});</li>
 *   <li>{@code jdk}: the JDK's provider ({@link JdkEd25519}).</li>
 * </ol>
 * A candidate is taken only if it loads and passes a known-answer test (RFC 8032 TEST 2: public key,
 * signature, verification twice, and rejection of a changed message). The property
 * {@code hotroom.crypto.ed25519} ({@code tables}, {@code sodium}, {@code bouncycastle} or {@code jdk}, framework or
 * system property) puts one candidate first. {@link #notes()} says why better candidates were not
 * taken; {@link #describe()} is one line for a log or a status page.
 */
public final class Ed25519Selection {

    public static final String PROPERTY = "hotroom.crypto.ed25519";

    /** A named way to make an implementation; it may throw anything, including {@link LinkageError}. */
    record Candidate(String name, Callable<? extends Ed25519> loader) {}

    private final Ed25519 implementation;
    private final String candidateName;
    private final List<String> notes;

    private Ed25519Selection(Ed25519 implementation, String candidateName, List<String> notes) {
        this.implementation = implementation;
        this.candidateName = candidateName;
        this.notes = List.copyOf(notes);
    }

    /** This generation's selection (made on first call). */
    public static Ed25519Selection current() {
        return Holder.SELECTION;
    }

    /** The chosen implementation. */
    public Ed25519 implementation() {
        return implementation;
    }

    /** {@code tables}, {@code sodium}, {@code bouncycastle} or {@code jdk}. */
    public String candidate() {
        return candidateName;
    }

    /** Why better candidates were skipped, and where the chosen one came from. */
    public List<String> notes() {
        return notes;
    }

    /** One line: the implementation's name and the notes. */
    public String describe() {
        return "Ed25519: " + implementation.implementationName() + (notes.isEmpty() ? "" : " [" + String.join("; ", notes) + "]");
    }

    @Override
    public String toString() {
        return describe();
    }

    private static final class Holder {
        static final Ed25519Selection SELECTION = select(Ed25519Selection::property);
    }

    /** The standard candidates, best first, with the forced one (if any) moved to the front. */
    static Ed25519Selection select(UnaryOperator<String> properties) {
        List<String> sodiumNotes = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>(List.of(
                new Candidate("tables", () -> keyTables(properties, sodiumNotes)),
                new Candidate("sodium", () -> SodiumLoader.load(properties, sodiumNotes)),
                new Candidate("bouncycastle", () -> new BouncyCastleEd25519()),
                new Candidate("jdk", () -> new JdkEd25519())));
        Ed25519Selection s = select(properties.apply(PROPERTY), candidates);
        if (("sodium".equals(s.candidate()) || "tables".equals(s.candidate())) && !sodiumNotes.isEmpty()) {
            List<String> notes = new ArrayList<>(s.notes());
            notes.addAll(sodiumNotes);
            return new Ed25519Selection(s.implementation, s.candidateName, notes);
        }
        return s;
    }

    /**
     * The {@code tables} candidate: libsodium checks a key's first signature; without libsodium,
     * every key gets its table at once (BouncyCastle, which accepts some signatures under keys
     * with a small-order component that libsodium rejects, only signs).
     */
    private static Ed25519 keyTables(UnaryOperator<String> properties, List<String> notes) {
        try {
            return new KeyTableEd25519(SodiumLoader.load(properties, notes));
        } catch (Exception | LinkageError e) {
            notes.add("sodium unavailable, so every key gets its table at once: " + e);
            return new KeyTableEd25519(new BouncyCastleEd25519(), false, KeyTables.DEFAULT_CAPACITY);
        }
    }

    /** The first candidate that loads and passes the known-answer test, {@code forced} first. */
    static Ed25519Selection select(String forced, List<Candidate> candidates) {
        List<Candidate> order = new ArrayList<>(candidates);
        List<String> notes = new ArrayList<>();
        if (forced != null && !forced.isBlank()) {
            String f = forced.strip().toLowerCase(Locale.ROOT);
            Candidate first = order.stream().filter(c -> c.name().equals(f)).findFirst().orElse(null);
            if (first == null) {
                notes.add(PROPERTY + "=" + forced + " names no candidate");
            } else {
                order.remove(first);
                order.add(0, first);
                notes.add(PROPERTY + "=" + f);
            }
        }
        for (Candidate c : order) {
            Ed25519 impl;
            try {
                impl = c.loader().call();
            } catch (Exception | LinkageError e) {
                notes.add(c.name() + " unavailable: " + e);
                continue;
            }
            String failure = knownAnswerFailure(impl);
            if (failure != null) {
                notes.add(c.name() + " failed its known-answer test: " + failure);
                continue;
            }
            return new Ed25519Selection(impl, c.name(), notes);
        }
        throw new IllegalStateException("no Ed25519 implementation works: " + String.join("; ", notes));
    }

    // RFC 8032 section 7.1, TEST 2
    private static final byte[] KAT_SEED = hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    private static final byte[] KAT_PUBLIC = hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final byte[] KAT_MESSAGE = hex("72");
    private static final byte[] KAT_SIGNATURE = hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    /** Null if {@code impl} reproduces RFC 8032 TEST 2, else what went wrong. */
    static String knownAnswerFailure(Ed25519 impl) {
        try {
            if (!MessageDigest.isEqual(impl.publicKeyFromSeed(KAT_SEED), KAT_PUBLIC)) {
                return "wrong public key";
            }
            if (!MessageDigest.isEqual(impl.sign(impl.signingKey(KAT_SEED), KAT_MESSAGE), KAT_SIGNATURE)) {
                return "wrong signature";
            }
            // more than once: a verifier that remembers keys takes another path after a few uses
            for (int i = 0; i <= KeyTables.BUILD_AT; i++) {
                if (!impl.verify(KAT_PUBLIC, KAT_MESSAGE, KAT_SIGNATURE)) {
                    return "rejects a good signature";
                }
            }
            if (impl.verify(KAT_PUBLIC, new byte[] {0x73}, KAT_SIGNATURE)) {
                return "accepts a signature of another message";
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return e.toString();
        }
    }

    /** A framework property (which falls back to system properties), or a system property outside OSGi. */
    static String property(String name) {
        try {
            Bundle bundle = FrameworkUtil.getBundle(Ed25519Selection.class);
            BundleContext context = bundle == null ? null : bundle.getBundleContext();
            if (context != null) {
                return context.getProperty(name);
            }
        } catch (RuntimeException | LinkageError e) {
            // not in a framework (or no OSGi classes): system properties
        }
        return System.getProperty(name);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
