package org.hotroom.host.framework;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Felix framework embedded in the host, booted from {@code felix-conf}: its framework
 * properties and its bundle list. Lifecycle: {@link #start} boots the framework and starts every
 * listed bundle except the logic, whose jar it only locates ({@link #initialLogicJar()}); the
 * host's {@code LogicGenerations} installs logic itself. {@link #close} stops the framework and
 * waits for it (Felix's dispatch thread is not a daemon).
 */
public final class EmbeddedFramework implements AutoCloseable {

    /** System property naming the directory holding the bundle jars the list names. */
    public static final String BUNDLES_PROPERTY = "hotroom.bundles";

    private final Framework framework;
    private final Path initialLogicJar;
    private final FrameworkCache cache;

    private EmbeddedFramework(Framework framework, Path initialLogicJar, FrameworkCache cache) {
        this.framework = framework;
        this.initialLogicJar = initialLogicJar;
        this.cache = cache;
    }

    /**
     * Boots the framework.
     *
     * @param bundlesDir    where the listed bundle jars are
     * @param dataDir       the instance's data dir (framework cache goes below it)
     * @param extraProperties more framework properties, e.g. the storage path for the storage bundle
     */
    public static EmbeddedFramework start(Path bundlesDir, Path dataDir, Map<String, String> extraProperties)
            throws FrameworkStartException {
        Map<String, String> props = new HashMap<>();
        Properties base = new Properties();
        try (InputStream in = resource("/felix-conf/framework.properties")) {
            base.load(in);
        } catch (IOException e) {
            throw new FrameworkStartException("cannot read felix-conf/framework.properties: " + e.getMessage(), e);
        }
        FrameworkCache cache = FrameworkCache.forDataDir(dataDir);
        for (String name : base.stringPropertyNames()) {
            props.put(name, base.getProperty(name).replace("${data_dir}", dataDir.toString())
                    .replace("${framework_cache}", cache.dir().toString()));
        }
        // -Dhotroom.* system properties reach the bundles too (e.g. hotroom.password_iterations),
        // below what the host sets from the config
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("hotroom.") && !name.equals(BUNDLES_PROPERTY) && !name.equals("hotroom.home")) {
                props.put(name, System.getProperty(name));
            }
        }
        props.putAll(extraProperties);

        List<String> bundles = new ArrayList<>();
        Path logicJar = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource("/felix-conf/bundles.list"),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("logic ")) {
                    logicJar = bundlesDir.resolve(line.substring(6).strip());
                } else {
                    bundles.add(line);
                }
            }
        } catch (IOException e) {
            throw new FrameworkStartException("cannot read felix-conf/bundles.list: " + e.getMessage(), e);
        }
        if (logicJar == null) {
            throw new FrameworkStartException("felix-conf/bundles.list names no logic bundle (a line 'logic NAME.jar')");
        }
        for (String b : bundles) {
            if (!Files.isRegularFile(bundlesDir.resolve(b))) {
                throw new FrameworkStartException("bundle " + b + " is missing from " + bundlesDir
                        + " (build the project first: mvn -DskipTests install)");
            }
        }

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, EmbeddedFramework.class.getClassLoader())
                .findFirst().orElseThrow(() -> new FrameworkStartException("no OSGi framework on the class path", null));
        Framework framework = factory.newFramework(props);
        try {
            framework.init();
            framework.start();
            BundleContext ctx = framework.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (String b : bundles) {
                installed.add(ctx.installBundle(bundlesDir.resolve(b).toUri().toString()));
            }
            for (Bundle b : installed) {
                if (b.getHeaders().get("Fragment-Host") == null) {
                    b.start();
                }
            }
        } catch (BundleException | RuntimeException e) {
            stopQuietly(framework);
            cache.release();
            throw new FrameworkStartException("the framework did not start: " + e.getMessage(), e);
        }
        return new EmbeddedFramework(framework, logicJar, cache);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = EmbeddedFramework.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path");
        }
        return in;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** The logic bundle jar the bundle list names: the first generation when nothing newer exists. */
    public Path initialLogicJar() {
        return initialLogicJar;
    }

    /** Waits for a service registered by any bundle. */
    public <T> T awaitService(Class<T> type, long timeoutMillis) throws FrameworkStartException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(timeoutMillis);
            if (service == null) {
                throw new FrameworkStartException("no " + type.getSimpleName() + " service appeared within "
                        + timeoutMillis + " ms; check the bundle that provides it", null);
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrameworkStartException("interrupted while waiting for " + type.getSimpleName(), e);
        }
        // the tracker stays open: closing it would unget the service we hand out
    }

    /** Where the framework keeps its bundle cache (see {@link FrameworkCache}). */
    public Path cacheDir() {
        return cache.dir();
    }

    @Override
    public void close() {
        stopQuietly(framework);
        cache.release();
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            FrameworkEvent e = framework.waitForStop(TimeUnit.SECONDS.toMillis(20));
            if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.getLogger("hotroom").log(System.Logger.Level.WARNING, "framework did not stop within 20 s");
            }
        } catch (BundleException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
