package org.hotroom.logic.crypto;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Finds and opens libsodium through JNA for {@link SodiumEd25519}. Used once per logic generation, by {@link Ed25519Selection}.
 *
 * <h2>Why it is built this way (the logic bundle is reloaded many times per process)</h2>
 * <ul>
 *   <li>JNA is a shared bundle ({@code com.sun.jna}, listed in felix-conf), imported optionally.
 *       Its {@code jnidispatch} JNI library is loaded once, by that bundle's class loader. Embedding
 *       JNA in the logic bundle instead would load another {@code jnidispatch} copy with every
 *       generation.</li>
 *   <li>libsodium is not JNI: JNA opens it with {@code dlopen}. It comes from the shared bundle
 *       {@code org.hotroom.libsodium} ({@code hotroom-libsodium.jar}, built by felix-conf from the
 *       copy in lazysodium's jar), which exports the resource-only packages
 *       {@code org.hotroom.libsodium.linux64} and {@code .arm64}; the logic imports them optionally
 *       and reads {@value #RESOURCE_ROOT}{@code <platform>/libsodium.so} through its own class
 *       loader, which delegates to that bundle (on a plain class path, the jar or the test classes
 *       hold the same path). The logic jar carries no native code, so a reload does not move,
 *       store and open 0.7 MB of it. The library is extracted to a file named by its SHA-256, in
 *       a private directory, so every generation (and every process) opens the same path:
 *       {@code dlopen} hands back the already-mapped library and JNA its cached
 *       {@code NativeLibrary}. One copy per process, however many reloads. (Extracting to a
 *       fresh temporary file per generation, as JNA and lazysodium do, would map one more copy
 *       per reload.)</li>
 *   <li>Calls go through JNA {@code Function} objects, which live in the shared bundle and refer
 *       to nothing of the logic's; JNA's direct mapping ({@code Native.register}) would pin each
 *       generation's class loader (see {@link SodiumEd25519}).</li>
 * </ul>
 *
 * <h2>Where libsodium comes from, in order</h2>
 * <ol>
 *   <li>the file named by the property {@code hotroom.crypto.libsodium}, if set;</li>
 *   <li>the shared bundle's copy for this platform (Linux x86-64 or aarch64), extracted to
 *       {@code hotroom.crypto.native_dir}, default {@code ${java.io.tmpdir}/hotroom-native-${user.name}}
 *       (created owner-only; refused if another user owns it or others can write to it);</li>
 *   <li>the system's libsodium ({@code libsodium.so.23}, e.g. Debian's {@code libsodium23}).</li>
 * </ol>
 * Properties are read from the framework (which falls back to system properties).
 */
final class SodiumLoader {

    static final String LIBRARY_PROPERTY = "hotroom.crypto.libsodium";
    static final String NATIVE_DIR_PROPERTY = "hotroom.crypto.native_dir";
    /** Where the hotroom-libsodium bundle keeps the library, by platform folder. */
    static final String RESOURCE_ROOT = "org/hotroom/libsodium/";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private SodiumLoader() {}

    /** An opened libsodium: the JNA library, where it came from, and why earlier sources were skipped. */
    record Opened(NativeLibrary library, String origin, String file, List<String> notes) {}

    /** Opens libsodium and returns a working implementation over it, or throws saying what was tried. */
    static SodiumEd25519 load(UnaryOperator<String> properties, List<String> notes) throws IOException {
        Opened opened = open(properties);
        notes.addAll(opened.notes());
        notes.add("libsodium file: " + opened.file());
        return new SodiumEd25519(opened.library(), opened.origin());
    }

    /**
     * Opens libsodium from the first source that works, or throws saying what was tried.
     *
     * @param properties framework or system properties by name (null when unset)
     */
    static Opened open(UnaryOperator<String> properties) throws IOException {
        List<String> notes = new ArrayList<>();
        List<String[]> candidates = new ArrayList<>(); // {origin, path or library name}
        String explicit = properties.apply(LIBRARY_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(new String[] {LIBRARY_PROPERTY, explicit.strip()});
        } else {
            String platform = platform();
            if (platform == null) {
                notes.add("no bundled libsodium for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
            } else {
                try {
                    candidates.add(new String[] {"bundled", extractBundled(platform, properties).toString()});
                } catch (IOException | RuntimeException e) {
                    notes.add("bundled libsodium not extracted: " + e.getMessage());
                }
            }
            candidates.add(new String[] {"system", "sodium"});
        }
        for (String[] c : candidates) {
            try {
                NativeLibrary library = NativeLibrary.getInstance(c[1]);
                String file = library.getFile() == null ? c[1] : library.getFile().getPath();
                return new Opened(library, c[0], file, notes);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                notes.add(c[0] + " libsodium (" + c[1] + ") did not load: " + e.getMessage());
            }
        }
        throw new IOException("libsodium could not be loaded: " + String.join("; ", notes));
    }

    /** The bundled library's folder for this platform, or null. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return null;
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
    }

    /** Extracts the bundled library once per content hash; returns its path. */
    static Path extractBundled(String platform, UnaryOperator<String> properties) throws IOException {
        String resource = RESOURCE_ROOT + platform + "/libsodium.so";
        ClassLoader loader = SodiumLoader.class.getClassLoader();
        byte[] bytes;
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " (is the hotroom-libsodium bundle installed,"
                        + " or its jar on the class path?)");
            }
            bytes = in.readAllBytes();
        }
        String hash = sha256(bytes);
        Path dir = privateDirectory(nativeDirectory(properties));
        Path target = dir.resolve("libsodium-" + platform + "-" + hash.substring(0, 24) + ".so");
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && hash.equals(sha256(Files.readAllBytes(target)))) {
                return target;
            }
            Files.delete(target); // damaged or foreign: replace it
        }
        Path tmp = Files.createTempFile(dir, "libsodium-", ".part");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another process or generation won the race; its file has the same content (checked below)
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (!hash.equals(sha256(Files.readAllBytes(target)))) {
            throw new IOException(target + " does not hold the bundled libsodium");
        }
        return target;
    }

    static Path nativeDirectory(UnaryOperator<String> properties) {
        String configured = properties.apply(NATIVE_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.strip());
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Paths.get(System.getProperty("java.io.tmpdir"), "hotroom-native-" + user);
    }

    /**
     * Creates {@code dir} owner-only if absent, and checks that it is a real directory owned by
     * this process's user that nobody else can write to: a library opened from it cannot have
     * been swapped by another user between the hash check and {@code dlopen}.
     */
    static Path privateDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // created concurrently: checked below like any existing directory
            }
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new IOException("no POSIX permissions on " + dir, e);
        }
        if (!attributes.isDirectory()) {
            throw new IOException(dir + " is not a directory (or is a symbolic link)");
        }
        Set<PosixFilePermission> p = attributes.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " is writable by others (" + PosixFilePermissions.toString(p) + ")");
        }
        UserPrincipal me;
        Path probe = Files.createTempFile(dir, "owner-", ".probe");
        try {
            me = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.deleteIfExists(probe);
        }
        if (!attributes.owner().equals(me)) {
            throw new IOException(dir + " belongs to " + attributes.owner().getName() + ", not " + me.getName());
        }
        return dir;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
