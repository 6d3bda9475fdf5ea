package org.hotroom.host;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.hotroom.host.bench.ClientBench;
import org.hotroom.host.bench.ReloadBench;
import org.hotroom.host.config.ConfigException;
import org.hotroom.host.config.ConfigLoader;
import org.hotroom.host.config.HostConfig;

/**
 * The {@code hotroom} command line. Every subcommand reads the same configuration (embedded
 * defaults, {@code --config FILE}, flags), so {@code reload} finds the instance {@code run}
 * started.
 */
public final class Main {

    static final String USAGE = """
            usage: hotroom COMMAND [options]

              run      [--config FILE] [--server-name NAME] [--data-dir DIR] [--bind ADDR]
                       [--client-port N] [--federation-port N]
                                         run the server (embedded defaults without --config)
              reload   [--config FILE] JAR   load a new logic bundle into the running server
              rollback [--config FILE]       go back to the previous logic generation
              status   [--config FILE]       show the logic generations and reload history
              bench reload [--swaps N] [--warmup N] [--clients N] [--rate REQ_PER_S] [--interval-ms MS]
                       [--in-process]
                                         measure reload latency under load (prints a JSON line); the
                                         warm-up swaps (200) bring the server to a long-running one's state
              bench client [--syncers N] [--senders N] [--seconds N] [--warmup N] [--wakes N] [--in-process]
                                         N syncing clients and M senders in one room: messages per second end to
                                         end, send-to-sync latency p50/p99, idle long-poll wake (prints a JSON line)
              bench state-store [--histories h1,h2,h3] [--strategies S,...] [--seed N]
                                         compare the state store strategies (prints a JSON line)
              tool NAME                      offline JSON-lines protocol tools ('hotroom tool help' lists them)
            """;

    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            return switch (command) {
                case "run" -> runServer(rest, out);
                case "reload", "rollback", "status" -> AdminClient.command(command, config(rest), rest, out, err);
                case "bench" -> bench(rest, out);
                default -> {
                    err.println("hotroom: unknown command '" + command + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            err.println("hotroom: config error: " + e.getMessage());
            return 2;
        } catch (UsageException e) {
            err.println("hotroom: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("hotroom: " + e.getMessage());
            return 1;
        }
    }

    private static int runServer(List<String> args, PrintStream out) throws Exception {
        HostConfig config = config(args);
        if (!args.isEmpty()) {
            throw new UsageException("unexpected arguments for run: " + String.join(" ", args));
        }
        HotroomServer server = HotroomServer.start(config, HotroomServer.defaultBundlesDir());
        out.println("hotroom: " + config.serverName() + " is serving the client API on http"
                + (config.client().tls() ? "s" : "") + "://" + config.client().bind() + ":" + server.clientPort()
                + " and federation on http" + (config.federation().tls() ? "s" : "") + "://"
                + config.federation().bind() + ":" + server.federationPort());
        out.println("hotroom: logic " + server.generations().active() + "; drop logic jars into "
                + config.deployDir() + " or use 'hotroom reload JAR'");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "hotroom-shutdown"));
        stopped.await();
        return 0;
    }

    private static int bench(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException("bench needs a benchmark name: reload, client, or one a bundle offers");
        }
        String name = args.remove(0);
        if (name.equals("client")) {
            int syncers = intFlag(args, "--syncers", 8, 1);
            int senders = intFlag(args, "--senders", 2, 1);
            int seconds = intFlag(args, "--seconds", 20, 1);
            int warmup = intFlag(args, "--warmup", 3, 0);
            int wakes = intFlag(args, "--wakes", 50, 1);
            boolean inProcess = args.remove("--in-process");
            if (!args.isEmpty()) {
                throw new UsageException("unexpected arguments: " + String.join(" ", args));
            }
            return ClientBench.run(syncers, senders, seconds, warmup, wakes, inProcess, out);
        }
        if (!name.equals("reload")) {
            // benchmarks of bundle code run inside the framework, offered by the bundles
            return org.hotroom.host.bench.InFrameworkBench.run(name, args, out);
        }
        int swaps = intFlag(args, "--swaps", 100, 1);
        int clients = intFlag(args, "--clients", 4, 1);
        int rate = intFlag(args, "--rate", 400, 0);
        int warmup = intFlag(args, "--warmup", 200, 0);
        boolean inProcess = args.remove("--in-process");
        int interval = intFlag(args, "--interval-ms", 100, 0);
        if (!args.isEmpty()) {
            throw new UsageException("unexpected arguments: " + String.join(" ", args));
        }
        return ReloadBench.run(swaps, warmup, clients, rate, interval, inProcess, out);
    }

    /** Reads the config from {@code --config} and common flags, removing them from {@code args}. */
    static HostConfig config(List<String> args) throws ConfigException, UsageException {
        Path file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<String, String> flags = Map.of(
                "--server-name", "server_name",
                "--data-dir", "data_dir",
                "--client-port", "listeners.client.port",
                "--federation-port", "listeners.federation.port");
        for (int i = 0; i < args.size(); ) {
            String a = args.get(i);
            if (a.equals("--config") || flags.containsKey(a) || a.equals("--bind")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                String v = args.get(i + 1);
                if (a.equals("--config")) {
                    file = Path.of(v);
                    if (!Files.exists(file)) {
                        throw new ConfigException("config file " + file + " does not exist");
                    }
                } else if (a.equals("--bind")) {
                    overrides.put("listeners.client.bind", v);
                    overrides.put("listeners.federation.bind", v);
                } else {
                    overrides.put(flags.get(a), v);
                }
                args.remove(i);
                args.remove(i);
            } else {
                i++;
            }
        }
        return new ConfigLoader().load(file, overrides);
    }

    private static int intFlag(List<String> args, String flag, int dflt, int min) throws UsageException {
        int i = args.indexOf(flag);
        if (i < 0) {
            return dflt;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        try {
            int v = Integer.parseInt(args.get(i + 1));
            args.remove(i);
            args.remove(i);
            if (v < min) {
                throw new UsageException(flag + " must be at least " + min);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, not '" + args.get(i + 1) + "'");
        }
    }

    /** The command line is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
