package org.hotroom.host;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.hotroom.api.Listener;
import org.hotroom.api.storage.Storage;
import org.hotroom.host.config.HostConfig;
import org.hotroom.host.framework.EmbeddedFramework;
import org.hotroom.host.http.AdminHandler;
import org.hotroom.host.http.StepHandler;
import org.hotroom.host.http.TransferEncodingGuard;
import org.hotroom.host.reload.DeployWatcher;
import org.hotroom.host.reload.LogicGenerations;
import org.hotroom.host.step.ExchangeDriver;
import org.hotroom.host.step.OutgoingRequests;
import org.hotroom.host.step.StepRunner;
import org.hotroom.host.step.StreamWaiter;
import org.hotroom.host.tls.TlsMaterial;

/**
 * One running hotroom: the framework with its bundles, the logic generations, and the two
 * listeners. {@link #start} brings everything up in dependency order; {@link #close} takes it
 * down in reverse. Tests start several in one JVM on ephemeral ports.
 */
public final class HotroomServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("hotroom");

    private final HostConfig config;
    private final String adminToken;
    private final List<AutoCloseable> closeInReverse = new ArrayList<>();
    private LogicGenerations generations;
    private EmbeddedFramework framework;
    private Undertow undertow;
    private int clientPort;
    private int federationPort;

    private HotroomServer(HostConfig config, String adminToken) {
        this.config = config;
        this.adminToken = adminToken;
    }

    /** The directory with the bundle jars: the system property, or felix-conf's build output. */
    public static Path defaultBundlesDir() {
        String p = System.getProperty(EmbeddedFramework.BUNDLES_PROPERTY);
        if (p != null) {
            return Path.of(p);
        }
        return Path.of(System.getProperty("hotroom.home", ".")).resolve("felix-conf/target/bundles");
    }

    public static HotroomServer start(HostConfig config, Path bundlesDir) throws Exception {
        Files.createDirectories(config.dataDir());
        HotroomServer s = new HotroomServer(config, AdminToken.ensure(config));
        try {
            s.boot(bundlesDir);
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    private void boot(Path bundlesDir) throws Exception {
        Clock clock = Clock.systemUTC();
        Map<String, String> properties = new HashMap<>(Map.of(
                "hotroom.server_name", config.serverName(),
                "hotroom.storage.path", config.dataDir().resolve("store").toString(),
                "hotroom.storage.map_size_mb", Long.toString(config.storageMapSizeMb()),
                "hotroom.storage.sync", Boolean.toString(config.storageSync()),
                "hotroom.storage.state_store", config.storageStateStore()));
        properties.putAll(config.rateLimitProperties());
        framework = EmbeddedFramework.start(bundlesDir, config.dataDir(), properties);
        closeInReverse.add(framework);
        Storage storage = framework.awaitService(Storage.class, 30_000);

        generations = new LogicGenerations(framework.context(), config.dataDir().resolve("logic"), clock,
                logic -> smokeStep(logic, storage, clock));
        closeInReverse.add(generations);
        generations.start(framework.initialLogicJar());

        ExecutorService stepPool = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors() * 4), threads("hotroom-step"));
        closeInReverse.add(() -> shutdown(stepPool));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(threads("hotroom-timer"));
        closeInReverse.add(() -> shutdown(timers));
        ExecutorService fetchPool = Executors.newCachedThreadPool(threads("hotroom-fetch"));
        closeInReverse.add(() -> shutdown(fetchPool));
        ExecutorService adminPool = Executors.newSingleThreadExecutor(threads("hotroom-admin"));
        closeInReverse.add(() -> shutdown(adminPool));

        StreamWaiter waiter = new StreamWaiter(storage, timers);
        closeInReverse.add(waiter);
        OutgoingRequests outgoing = new OutgoingRequests(TlsMaterial.clientContext(config.verifyTls()), fetchPool, clock);
        ExchangeDriver driver = new ExchangeDriver(new StepRunner(generations, storage), outgoing, waiter, stepPool,
                clock);

        HttpHandler client = new TransferEncodingGuard(new AdminHandler(
                new StepHandler(Listener.CLIENT, driver, stepPool, config.maxBodyBytes()),
                generations, adminToken, adminPool));
        HttpHandler federation = new TransferEncodingGuard(
                new StepHandler(Listener.FEDERATION, driver, stepPool, config.maxBodyBytes()));

        Undertow.Builder b = Undertow.builder()
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(8)
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, AdminHandlerLimits.MAX);
        addListener(b, config.client(), client);
        addListener(b, config.federation(), federation);
        undertow = b.build();
        undertow.start();
        closeInReverse.add(() -> undertow.stop());
        List<Undertow.ListenerInfo> infos = undertow.getListenerInfo();
        clientPort = ((InetSocketAddress) infos.get(0).getAddress()).getPort();
        federationPort = ((InetSocketAddress) infos.get(1).getAddress()).getPort();

        ScheduledExecutorService deployTimer = Executors.newSingleThreadScheduledExecutor(threads("hotroom-deploy"));
        closeInReverse.add(() -> shutdown(deployTimer));
        closeInReverse.add(new DeployWatcher(config.deployDir(), generations, deployTimer, 500));

        LOG.log(System.Logger.Level.INFO, "hotroom " + config.serverName() + " serving: client on "
                + config.client().bind() + ":" + clientPort + ", federation on " + config.federation().bind() + ":"
                + federationPort + "; logic " + generations.active());
    }

    /**
     * The first step every new generation must answer before it takes traffic: the federation
     * version endpoint, with storage opened but never committed. It catches a logic that
     * activates but cannot serve, and loads its request path before real requests need it.
     */
    private static String smokeStep(org.hotroom.api.Logic logic, Storage storage, Clock clock) {
        org.hotroom.api.Request request = new org.hotroom.api.Request(Listener.FEDERATION, "GET",
                "/_matrix/federation/v1/version", "", org.hotroom.api.Headers.EMPTY, null, "127.0.0.1:0");
        org.hotroom.api.Outcome outcome;
        try (org.hotroom.api.storage.StepScope scope = storage.openStep()) {
            outcome = logic.step(org.hotroom.api.Exchange.start("smoke", request, clock.millis(), new byte[32]),
                    scope);
        }
        if (!(outcome instanceof org.hotroom.api.Respond r)) {
            return "GET /_matrix/federation/v1/version answered " + outcome + " instead of a response";
        }
        return r.status() == 200 ? null : "GET /_matrix/federation/v1/version answered " + r.status();
    }

    private void addListener(Undertow.Builder b, HostConfig.ListenerConfig l, HttpHandler handler)
            throws IOException, java.security.GeneralSecurityException {
        if (l.tls()) {
            String host = config.serverName().replaceFirst(":\\d+$", "");
            SSLContext ctx = TlsMaterial.serverContext(config.dataDir().resolve("tls/federation.p12"), host);
            b.addHttpsListener(l.port(), l.bind(), ctx, handler);
        } else {
            b.addHttpListener(l.port(), l.bind(), handler);
        }
    }

    /** Undertow's own cap, above every limit the handlers enforce themselves. */
    private static final class AdminHandlerLimits {
        static final long MAX = 512L << 20;
    }

    /** Where the framework keeps its bundle cache (scratch; see {@code FrameworkCache}). */
    public java.nio.file.Path frameworkCacheDir() {
        return framework.cacheDir();
    }

    public int clientPort() {
        return clientPort;
    }

    public int federationPort() {
        return federationPort;
    }

    public String adminToken() {
        return adminToken;
    }

    public HostConfig config() {
        return config;
    }

    /** The framework's system bundle context, for diagnostics and tests. */
    public org.osgi.framework.BundleContext frameworkContext() {
        return framework.context();
    }

    public LogicGenerations generations() {
        return generations;
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void shutdown(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        for (int i = closeInReverse.size() - 1; i >= 0; i--) {
            try {
                closeInReverse.get(i).close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "while stopping: " + e);
            }
        }
        closeInReverse.clear();
    }
}
