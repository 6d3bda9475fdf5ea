package org.hotroom.host.framework;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the framework keeps its bundle cache. The cache is scratch: it is cleaned whenever the
 * framework starts ({@code org.osgi.framework.storage.clean=onFirstInit}), and everything that
 * must survive a restart (the logic jars, their lineage, the store) lives in the data dir.
 *
 * <p>Every reload installs a bundle, which makes the framework create a directory and write a
 * few small files in its cache. On a disk that other writers keep busy (the store's synced
 * commits, a build), creating a file can wait behind the file system's journal: such waits
 * were the longest stage of the slowest reloads, up to a second (docs/BENCHMARKS.md, "Live
 * reload"). So the cache goes to memory when the machine has a shared-memory file system
 * ({@code /dev/shm}), in a directory named after the data dir, and is deleted when the
 * framework stops; otherwise, or when {@value #PROPERTY} names a directory, it goes there.
 */
final class FrameworkCache {

    /** System property: the framework cache directory, overriding the choice above. */
    static final String PROPERTY = "hotroom.framework_cache";

    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private final Path dir;
    private final boolean deleteOnStop;

    private FrameworkCache(Path dir, boolean deleteOnStop) {
        this.dir = dir;
        this.deleteOnStop = deleteOnStop;
    }

    /** The cache for an instance with this data dir. */
    static FrameworkCache forDataDir(Path dataDir) {
        return choose(dataDir, System.getProperty(PROPERTY), SHARED_MEMORY);
    }

    static FrameworkCache choose(Path dataDir, String configured, Path sharedMemory) {
        if (configured != null && !configured.isBlank()) {
            return new FrameworkCache(Path.of(configured.strip()), false);
        }
        if (Files.isDirectory(sharedMemory) && Files.isWritable(sharedMemory)) {
            return new FrameworkCache(sharedMemory.resolve("hotroom-framework-" + digest(dataDir)), true);
        }
        return new FrameworkCache(dataDir.resolve("felix-cache"), false);
    }

    Path dir() {
        return dir;
    }

    /** Deletes the cache if it is the one in memory (called after the framework stopped). */
    void release() {
        if (!deleteOnStop || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.getLogger("hotroom").log(System.Logger.Level.WARNING, "could not delete the framework cache "
                    + dir + ": " + e.getMessage());
        }
    }

    /** 16 hex digits naming the data dir: two instances never share a cache, one instance always finds its own. */
    private static String digest(Path dataDir) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
