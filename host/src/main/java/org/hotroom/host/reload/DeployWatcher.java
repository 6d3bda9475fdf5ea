package org.hotroom.host.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches the deploy directory: a {@code *.jar} placed there is loaded like {@code hotroom
 * reload}. A file is taken once its size and modification time have been the same for two polls
 * (so a half-copied jar is not loaded), then moved to {@code loaded/} or, with an
 * {@code .error.txt} beside it, to {@code failed/}. Polling rather than a WatchService keeps it
 * simple and reliable on every file system.
 */
public final class DeployWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("hotroom.deploy");

    private final Path dir;
    private final LogicGenerations generations;
    private final Map<Path, Seen> seen = new HashMap<>();
    private final ScheduledFuture<?> task;

    private record Seen(long size, FileTime modified) {}

    public DeployWatcher(Path dir, LogicGenerations generations, ScheduledExecutorService timers, long pollMillis)
            throws IOException {
        this.dir = dir;
        this.generations = generations;
        Files.createDirectories(dir);
        this.task = timers.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    void poll() {
        List<Path> jars;
        try (var files = Files.list(dir)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + dir + ": " + e.getMessage());
            return;
        }
        seen.keySet().retainAll(jars);
        for (Path jar : jars) {
            try {
                Seen now = new Seen(Files.size(jar), Files.getLastModifiedTime(jar));
                Seen before = seen.put(jar, now);
                if (now.equals(before)) {
                    seen.remove(jar);
                    load(jar);
                }
            } catch (IOException e) {
                // gone or unreadable between listing and reading; look again next poll
                seen.remove(jar);
            }
        }
    }

    private void load(Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        String name = jar.getFileName().toString();
        try {
            generations.reload(bytes, "deploy dir: " + name);
            move(jar, dir.resolve("loaded"));
        } catch (ReloadException e) {
            Path failed = dir.resolve("failed");
            move(jar, failed);
            Files.writeString(failed.resolve(name + ".error.txt"), e.kind() + ": " + e.getMessage() + "\n",
                    StandardCharsets.UTF_8);
        }
    }

    private static void move(Path jar, Path toDir) throws IOException {
        Files.createDirectories(toDir);
        Files.move(jar, toDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
