package org.hotroom.host.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotroom.host.HotroomServer;
import org.hotroom.host.config.HostConfig;

/** The server a benchmark drives: in the benchmark's JVM, or a separate {@code hotroom run}. */
abstract class BenchServer implements AutoCloseable {

    abstract int clientPort();

    abstract int federationPort();

    abstract String adminToken();

    @Override
    public abstract void close();

    static BenchServer inProcess(HostConfig config) throws Exception {
        HotroomServer s = HotroomServer.start(config, HotroomServer.defaultBundlesDir());
        return new BenchServer() {
            @Override
            int clientPort() {
                return s.clientPort();
            }

            @Override
            int federationPort() {
                return s.federationPort();
            }

            @Override
            String adminToken() {
                return s.adminToken();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    private static final Pattern SERVING = Pattern.compile(
            "serving the client API on https?://[^ ]+:(\\d+) and federation on https?://[^ ]+:(\\d+)");

    /**
     * Starts {@code hotroom run} with these settings in a new JVM with this JVM's class path and
     * module flags, and waits until it says where it serves.
     */
    static BenchServer subprocess(Path dir, Map<String, String> settings) throws Exception {
        StringBuilder yaml = new StringBuilder();
        List<String> flags = new ArrayList<>();
        settings.forEach((k, v) -> {
            switch (k) {
                case "data_dir" -> flags.addAll(List.of("--data-dir", v));
                case "listeners.client.port" -> flags.addAll(List.of("--client-port", v));
                case "listeners.federation.port" -> flags.addAll(List.of("--federation-port", v));
                case "listeners.federation.tls" -> yaml.append("listeners:\n  federation: {tls: ").append(v).append("}\n");
                case "storage.sync" -> yaml.append("storage:\n  sync: ").append(v).append('\n');
                case "rate_limits" -> {
                    if (!v.equals("off")) {
                        throw new IllegalArgumentException("rate_limits can only be switched off here");
                    }
                    yaml.append("rate_limits:\n");
                    for (String c : List.of("login", "registration", "message", "create_room", "join")) {
                        yaml.append("  ").append(c).append(": {per_second: 0}\n");
                    }
                }
                default -> throw new IllegalArgumentException("no way to pass " + k);
            }
        });
        Path config = dir.resolve("bench.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);

        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dhotroom.")) {
                cmd.add(a);
            }
        }
        cmd.add("-Dhotroom.bundles=" + HotroomServer.defaultBundlesDir().toAbsolutePath());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.hotroom.host.Main", "run",
                "--config", config.toString()));
        cmd.addAll(flags);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // the server gets its own JVM options, not the benchmark's
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        String serverOptions = System.getProperty("hotroom.bench.server_jvm_options", "");
        if (!serverOptions.isBlank()) {
            pb.environment().put("JAVA_TOOL_OPTIONS", serverOptions);
        }
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int[] ports = null;
        long deadline = System.currentTimeMillis() + 120_000;
        for (String line; ports == null && (line = out.readLine()) != null; ) {
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                ports = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            } else if (System.currentTimeMillis() > deadline) {
                break;
            }
        }
        if (ports == null) {
            p.destroyForcibly();
            throw new IOException("the server process did not start; command: " + String.join(" ", cmd));
        }
        // keep draining its output so it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "bench-server-output");
        drain.setDaemon(true);
        drain.start();
        String token = Files.readString(Path.of(settings.get("data_dir")).resolve("admin_token")).strip();
        int client = ports[0];
        int federation = ports[1];
        return new BenchServer() {
            @Override
            int clientPort() {
                return client;
            }

            @Override
            int federationPort() {
                return federation;
            }

            @Override
            String adminToken() {
                return token;
            }

            @Override
            public void close() {
                p.destroy();
                try {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                }
            }
        };
    }
}
