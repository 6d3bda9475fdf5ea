package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice of implementation, the fallbacks, and how libsodium is found. */
class Ed25519SelectionTest {

    @TempDir
    Path tmp;

    private static UnaryOperator<String> props(Map<String, String> m) {
        return m::get;
    }

    @Test
    void keyTablesArePreferredWithLibsodiumForAKeysFirstSignature() {
        assumeTrue(SodiumLoader.platform() != null, "no bundled libsodium for this platform");
        Ed25519Selection s = Ed25519Selection.current();
        assertEquals("tables", s.candidate(), s.describe());
        assertInstanceOf(KeyTableEd25519.class, Ed25519.preferred());
        assertTrue(Ed25519.preferred().implementationName().contains("libsodium 1.0.18"), s.describe());
    }

    @Test
    void withoutLibsodiumTheTablesCheckEveryKeyAndBouncyCastleSigns() {
        Path missing = tmp.resolve("no-such-libsodium.so");
        Ed25519Selection s = Ed25519Selection.select(props(Map.of(SodiumLoader.LIBRARY_PROPERTY, missing.toString())));
        assertEquals("tables", s.candidate());
        assertInstanceOf(KeyTableEd25519.class, s.implementation());
        assertTrue(s.notes().toString().contains("sodium unavailable"), s.notes().toString());
        assertTrue(s.describe().contains("BouncyCastle"), s.describe());
        // and with the tables set aside, BouncyCastle itself
        Ed25519Selection forced = Ed25519Selection.select(props(Map.of(SodiumLoader.LIBRARY_PROPERTY, missing.toString(),
                Ed25519Selection.PROPERTY, "bouncycastle")));
        assertInstanceOf(BouncyCastleEd25519.class, forced.implementation());
    }

    @Test
    void fallsBackWhenJnaOrBouncyCastleIsMissing() {
        // what a bundle whose optional imports did not resolve sees
        Ed25519Selection s = Ed25519Selection.select(null, List.of(
                new Ed25519Selection.Candidate("sodium", () -> {
                    throw new NoClassDefFoundError("com/sun/jna/NativeLibrary");
                }),
                new Ed25519Selection.Candidate("bouncycastle", () -> {
                    throw new NoClassDefFoundError("org/bouncycastle/math/ec/rfc8032/Ed25519");
                }),
                new Ed25519Selection.Candidate("jdk", JdkEd25519::new)));
        assertEquals("jdk", s.candidate());
        assertEquals(2, s.notes().size(), s.notes().toString());
    }

    @Test
    void anImplementationFailingItsKnownAnswerTestIsSkipped() {
        Ed25519 good = new JdkEd25519();
        Ed25519 broken = new Ed25519() {
            @Override
            public String implementationName() {
                return "accepts everything";
            }

            @Override
            public byte[] publicKeyFromSeed(byte[] seed) {
                return good.publicKeyFromSeed(seed);
            }

            @Override
            public byte[] sign(SigningKey key, byte[] message) {
                return good.sign(key, message);
            }

            @Override
            public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
                return true;
            }
        };
        Ed25519Selection s = Ed25519Selection.select(null, List.of(
                new Ed25519Selection.Candidate("sodium", () -> broken),
                new Ed25519Selection.Candidate("jdk", JdkEd25519::new)));
        assertEquals("jdk", s.candidate());
        assertTrue(s.notes().get(0).contains("accepts a signature of another message"), s.notes().toString());
        assertThrows(IllegalStateException.class, () -> Ed25519Selection.select(null,
                List.of(new Ed25519Selection.Candidate("sodium", () -> broken))));
    }

    @Test
    void thePropertyForcesACandidate() {
        Ed25519Selection s = Ed25519Selection.select(props(Map.of(Ed25519Selection.PROPERTY, "JDK")));
        assertEquals("jdk", s.candidate());
        assertEquals("bouncycastle", Ed25519Selection.select(props(Map.of(Ed25519Selection.PROPERTY, "bouncycastle"))).candidate());
        Ed25519Selection unknown = Ed25519Selection.select(props(Map.of(Ed25519Selection.PROPERTY, "nacl"))) ;
        assertEquals("tables", unknown.candidate());
        assertTrue(unknown.notes().get(0).contains("names no candidate"));
    }

    @Test
    void anExplicitLibsodiumIsUsed() throws IOException {
        assumeTrue(SodiumLoader.platform() != null, "no bundled libsodium for this platform");
        Path bundled = SodiumLoader.extractBundled(SodiumLoader.platform(), props(Map.of(SodiumLoader.NATIVE_DIR_PROPERTY,
                tmp.resolve("n").toString())));
        Ed25519Selection s = Ed25519Selection.select(props(Map.of(SodiumLoader.LIBRARY_PROPERTY, bundled.toString())));
        assertEquals("tables", s.candidate());
        assertTrue(s.implementation().implementationName().contains(SodiumLoader.LIBRARY_PROPERTY), s.describe());
    }

    @Test
    void theBundledLibraryIsExtractedOncePerContent() throws IOException {
        assumeTrue(SodiumLoader.platform() != null, "no bundled libsodium for this platform");
        UnaryOperator<String> p = props(Map.of(SodiumLoader.NATIVE_DIR_PROPERTY, tmp.resolve("native").toString()));
        Path first = SodiumLoader.extractBundled(SodiumLoader.platform(), p);
        long modified = Files.getLastModifiedTime(first).toMillis();
        Path second = SodiumLoader.extractBundled(SodiumLoader.platform(), p);
        assertEquals(first, second);
        assertEquals(modified, Files.getLastModifiedTime(second).toMillis());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.getParent())));
        try (var files = Files.list(first.getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
        // a damaged copy is replaced
        Files.write(first, new byte[] {1, 2, 3});
        Path third = SodiumLoader.extractBundled(SodiumLoader.platform(), p);
        assertEquals(first, third);
        assertNotEquals(3, Files.size(third));
    }

    @Test
    void refusesADirectoryOthersCanWriteTo() throws IOException {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThrows(IOException.class, () -> SodiumLoader.privateDirectory(open));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("real")));
        assertThrows(IOException.class, () -> SodiumLoader.privateDirectory(link));
        Ed25519Selection s = Ed25519Selection.select(props(Map.of(SodiumLoader.NATIVE_DIR_PROPERTY, open.toString())));
        // the bundled copy is refused; the system's libsodium (if installed) or BouncyCastle is used
        assertTrue(s.notes().toString().contains("bundled libsodium not extracted") || !s.candidate().equals("sodium"),
                s.describe());
    }
}
