package org.hotroom.host.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkCacheTest {

    @TempDir
    Path tmp;

    @Test
    void goesToSharedMemoryNamedAfterTheDataDirAndIsDeletedOnRelease() throws IOException {
        Path shm = Files.createDirectory(tmp.resolve("shm"));
        Path data = tmp.resolve("data");
        FrameworkCache cache = FrameworkCache.choose(data, null, shm);
        assertEquals(shm, cache.dir().getParent());
        assertTrue(cache.dir().getFileName().toString().startsWith("hotroom-framework-"), cache.dir().toString());
        assertEquals(cache.dir(), FrameworkCache.choose(data, null, shm).dir(), "one instance finds its own cache");
        assertNotEquals(cache.dir(), FrameworkCache.choose(tmp.resolve("other"), null, shm).dir(),
                "two instances never share one");

        Files.createDirectories(cache.dir().resolve("bundle3/version0.0"));
        Files.writeString(cache.dir().resolve("bundle3/version0.0/revision.location"), "reference:file:x.jar");
        cache.release();
        assertFalse(Files.exists(cache.dir()));
        assertTrue(Files.isDirectory(shm));
    }

    @Test
    void staysInTheDataDirWithoutSharedMemoryAndIsKeptOnRelease() throws IOException {
        Path data = Files.createDirectory(tmp.resolve("data"));
        FrameworkCache cache = FrameworkCache.choose(data, null, tmp.resolve("no-shm"));
        assertEquals(data.resolve("felix-cache"), cache.dir());
        Files.createDirectories(cache.dir().resolve("bundle0"));
        cache.release();
        assertTrue(Files.isDirectory(cache.dir().resolve("bundle0")), "a cache in the data dir is the framework's to clean");
    }

    @Test
    void aConfiguredDirectoryWinsAndIsNeverDeleted() throws IOException {
        Path shm = Files.createDirectory(tmp.resolve("shm"));
        Path mine = Files.createDirectory(tmp.resolve("mine"));
        FrameworkCache cache = FrameworkCache.choose(tmp.resolve("data"), " " + mine + " ", shm);
        assertEquals(mine, cache.dir());
        cache.release();
        assertTrue(Files.isDirectory(mine));
    }
}
