package org.hotroom.host.reload;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.hotroom.api.Logic;
import org.hotroom.host.step.LogicSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The logic generations of a running host, and the reload that switches between them.
 *
 * <p><b>Routing.</b> {@link #active} points at the generation new steps go to. A caller
 * {@linkplain #acquire acquires} a generation for one step: it increments the generation's
 * in-flight counter and then re-reads {@code active}; if a reload switched in between, it backs
 * off and retries on the new one. The drainer, after the switch, waits for the old generation's
 * counter to reach zero. Both sides write one atomic and then read the other, so (Dekker-style,
 * with sequentially consistent atomics) either the step sees the switch and never calls the old
 * logic, or the drainer sees the step and waits for it. Hence a bundle is never uninstalled under
 * a running call, which is what breaks {@code Bundle.update} (classes not yet loaded vanish).
 *
 * <p><b>Reload.</b> Install the new jar beside the old (the framework allows the same symbolic
 * name twice), start it, find the {@link Logic} service it registered, get it (which activates
 * the component), ask its version, run one {@linkplain SmokeStep smoke step} on it, and only then
 * switch {@code active}. Any failure before the
 * switch uninstalls the new bundle and leaves the old generation serving. Reloads are serialized.
 *
 * <p><b>Lineage.</b> Every activated jar is kept as {@code logic/gen-N.jar} in the data dir and
 * its number appended to {@code logic/lineage}; rollback pops the active one and re-installs the
 * one before it as a new generation. On restart, the host runs the newer of the built-in logic
 * jar and the last activated one.
 */
public final class LogicGenerations implements LogicSource, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("hotroom.reload");
    private static final int HISTORY = 50;
    private static final int LINEAGE = 20;
    private static final long DRAIN_WARN_MILLIS = 10_000;
    static final long REFRESH_QUIET_MILLIS = 1_000;

    private final BundleContext context;
    private final Path logicDir;
    private final Clock clock;
    private final AtomicReference<Generation> active = new AtomicReference<>();
    private final List<Generation> live = new CopyOnWriteArrayList<>();
    private final Deque<ReloadRecord> history = new ArrayDeque<>();
    private final Deque<Integer> lineage = new ArrayDeque<>();
    private final ExecutorService drainer;
    private final java.util.concurrent.ScheduledExecutorService refresher;
    private volatile long refreshDue;
    private final Object reloadLock = new Object();
    private int lastNumber;
    /** Durations of the current operation's stages, in ms; guarded by reloadLock. */
    private final java.util.LinkedHashMap<String, Double> phases = new java.util.LinkedHashMap<>();
    private long phaseMark;
    private volatile boolean closed;

    /**
     * A first step a new generation must answer before it takes traffic; it primes the new
     * class loader's hot paths too. Returns null when the logic passed, else why it failed.
     */
    @FunctionalInterface
    public interface SmokeStep {
        String run(Logic candidate);
    }

    private final SmokeStep smoke;

    public LogicGenerations(BundleContext context, Path logicDir, Clock clock) throws IOException {
        this(context, logicDir, clock, logic -> null);
    }

    public LogicGenerations(BundleContext context, Path logicDir, Clock clock, SmokeStep smoke) throws IOException {
        this.smoke = smoke;
        this.context = context;
        this.logicDir = logicDir;
        this.clock = clock;
        Files.createDirectories(logicDir);
        this.drainer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hotroom-logic-drain");
            t.setDaemon(true);
            return t;
        });
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hotroom-logic-refresh");
            t.setDaemon(true);
            return t;
        });
        Path lineageFile = logicDir.resolve("lineage");
        if (Files.exists(lineageFile)) {
            for (String line : Files.readAllLines(lineageFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    int n = Integer.parseInt(line.strip());
                    if (Files.exists(jarOf(n))) {
                        lineage.addLast(n);
                    }
                }
            }
        }
        try (var files = Files.list(logicDir)) {
            lastNumber = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("gen-\\d+\\.jar"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4, n.length() - 4)))
                    .max().orElse(0);
        }
    }

    // ---------------------------------------------------------------- routing

    /** The generation for one step; pair every call with {@link #release}. */
    @Override
    public Generation acquire() throws NoLogicException {
        while (true) {
            Generation g = active.get();
            if (g == null) {
                throw new NoLogicException(closed ? "the server is stopping" : "no logic generation is active");
            }
            g.inFlight.incrementAndGet();
            if (active.get() == g) {
                g.steps.increment();
                return g;
            }
            release(g);
        }
    }

    void release(Generation g) {
        if (g.inFlight.decrementAndGet() == 0 && g.state == Generation.State.DRAINING) {
            synchronized (g) {
                g.notifyAll();
            }
        }
    }

    /** The active generation, or null. */
    public Generation active() {
        return active.get();
    }

    // ---------------------------------------------------------------- reload

    /**
     * Starts the first generation: the last activated jar if it is newer than {@code builtIn},
     * else {@code builtIn}.
     */
    public ReloadRecord start(Path builtIn) throws ReloadException {
        synchronized (reloadLock) {
            long t0 = System.nanoTime();
            beginPhases();
            Integer last = lineage.peekLast();
            try {
                if (last != null && Files.getLastModifiedTime(jarOf(last)).compareTo(
                        Files.getLastModifiedTime(builtIn)) > 0) {
                    try {
                        byte[] stored = Files.readAllBytes(jarOf(last));
                        return switchTo(activate(last, stored, "restart: generation " + last), "start", t0, false, null);
                    } catch (ReloadException e) {
                        LOG.log(System.Logger.Level.WARNING, "generation " + last + " no longer activates ("
                                + e.getMessage() + "); starting the built-in logic");
                    }
                }
                byte[] jar = Files.readAllBytes(builtIn);
                return install(jar, "built-in " + builtIn.getFileName(), "start", t0);
            } catch (IOException e) {
                throw failed("start", "built-in", t0, new ReloadException(ReloadException.Kind.IO,
                        "cannot read the logic jar: " + e.getMessage(), e));
            }
        }
    }

    /** Installs and activates a logic jar given as bytes; see the class comment. */
    public ReloadRecord reload(byte[] jar, String source) throws ReloadException {
        synchronized (reloadLock) {
            beginPhases();
            return install(jar, source, "reload", System.nanoTime());
        }
    }

    /** Goes back to the generation before the active one. */
    public ReloadRecord rollback(String source) throws ReloadException {
        synchronized (reloadLock) {
            long t0 = System.nanoTime();
            beginPhases();
            if (lineage.size() < 2) {
                throw failed("rollback", source, t0, new ReloadException(ReloadException.Kind.NO_PREVIOUS_GENERATION,
                        "there is no earlier generation to roll back to", null));
            }
            int current = lineage.pollLast();
            int previous = lineage.pollLast();
            try {
                byte[] jar = Files.readAllBytes(jarOf(previous));
                return install(jar, source + ": back to generation " + previous, "rollback", t0);
            } catch (IOException e) {
                lineage.addLast(previous);
                lineage.addLast(current);
                throw failed("rollback", source, t0, new ReloadException(ReloadException.Kind.IO,
                        "cannot read generation " + previous + ": " + e.getMessage(), e));
            } catch (ReloadException e) {
                lineage.addLast(previous);
                lineage.addLast(current);
                throw e;
            }
        }
    }

    private ReloadRecord install(byte[] jar, String source, String action, long t0) throws ReloadException {
        checkJar(jar, action, source, t0);
        mark("check");
        int number = lastNumber + 1;
        Generation g;
        try {
            g = activate(number, jar, source);
        } catch (ReloadException e) {
            throw failed(action, source, t0, e);
        }
        lastNumber = number;
        return switchTo(g, action, t0, true, jar);
    }

    private void checkJar(byte[] jar, String action, String source, long t0) throws ReloadException {
        Manifest mf;
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            mf = in.getManifest();
            if (mf == null && in.getNextJarEntry() == null) {
                throw new IOException("no entries");
            }
        } catch (IOException | RuntimeException e) {
            throw failed(action, source, t0, new ReloadException(ReloadException.Kind.BAD_JAR,
                    "not a jar file (" + jar.length + " bytes): " + e.getMessage(), e));
        }
        if (mf == null || mf.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
            throw failed(action, source, t0, new ReloadException(ReloadException.Kind.BAD_JAR,
                    "the jar is not an OSGi bundle: its manifest has no Bundle-SymbolicName", null));
        }
    }

    /**
     * Installs {@code jar} as generation {@code number} and gets its Logic; does not switch. The
     * framework copies the bytes into its cache (in memory, see {@code FrameworkCache}), so
     * nothing on the way to the switch waits for the data dir's disk; the jar is stored there
     * right after the switch ({@link #persist}).
     */
    private Generation activate(int number, byte[] jar, String source) throws ReloadException {
        Bundle bundle;
        try {
            bundle = context.installBundle(jarOf(number).toUri().toString(), new java.io.ByteArrayInputStream(jar));
            mark("install");
        } catch (BundleException | RuntimeException e) {
            throw new ReloadException(ReloadException.Kind.BAD_JAR, "the framework refused the bundle: "
                    + e.getMessage(), e);
        }
        try {
            try {
                // resolved explicitly first only so that the stages are timed apart; start() would
                // resolve it anyway, and reports a resolution failure the same way
                if (context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(bundle))) {
                    mark("resolve");
                }
                bundle.start();
                mark("start");
            } catch (BundleException e) {
                ReloadException.Kind kind = e.getType() == BundleException.RESOLVE_ERROR
                        ? ReloadException.Kind.UNRESOLVED : ReloadException.Kind.ACTIVATION;
                throw new ReloadException(kind, (kind == ReloadException.Kind.UNRESOLVED
                        ? "the bundle's imports cannot be wired: " : "the bundle failed to start: ") + e.getMessage(), e);
            }
            ServiceReference<Logic> ref = logicServiceOf(bundle);
            if (ref == null) {
                throw new ReloadException(ReloadException.Kind.NO_LOGIC_SERVICE, "bundle "
                        + bundle.getSymbolicName() + " started but registers no " + Logic.class.getName()
                        + " service (is it a logic bundle, with an enabled component, importing org.hotroom.api"
                        + " from the host rather than embedding its own copy?)", null);
            }
            Logic logic = context.getService(ref);
            if (logic == null) {
                String why = componentFailure(bundle);
                throw new ReloadException(ReloadException.Kind.ACTIVATION, "the Logic component of "
                        + bundle.getSymbolicName() + " failed to activate" + (why == null ? "" : ": " + why), null);
            }
            String version;
            try {
                version = logic.version();
            } catch (RuntimeException | LinkageError e) {
                context.ungetService(ref);
                throw new ReloadException(ReloadException.Kind.ACTIVATION, "the new logic failed to report its "
                        + "version: " + e, e);
            }
            mark("activate");
            String smokeFailure;
            try {
                smokeFailure = smoke.run(logic);
            } catch (RuntimeException | LinkageError e) {
                smokeFailure = e.toString();
            }
            mark("smoke");
            if (smokeFailure != null) {
                context.ungetService(ref);
                throw new ReloadException(ReloadException.Kind.SMOKE, "the new logic (" + version
                        + ") failed its first step: " + smokeFailure, null);
            }
            return new Generation(number, bundle, ref, logic, version, clock.instant(), source, jarOf(number), this);
        } catch (ReloadException e) {
            uninstall(bundle);
            throw e;
        } catch (RuntimeException e) {
            uninstall(bundle);
            throw new ReloadException(ReloadException.Kind.ACTIVATION, "the bundle failed: " + e, e);
        }
    }

    /**
     * Routes new steps to {@code g}, then stores what a restart needs: {@code jar} (null when it
     * is stored already) as {@code gen-N.jar} and the lineage. Storing comes after the switch
     * because writing to a disk that other writers keep busy can wait behind its journal; the new
     * generation serves meanwhile. It still comes before the answer, so a reload that was
     * answered survives a restart.
     */
    private ReloadRecord switchTo(Generation g, String action, long t0, boolean newNumber, byte[] jar) {
        live.add(g);
        Generation old = active.getAndSet(g);
        double swapMillis = (System.nanoTime() - t0) / 1e6;
        mark("switch");
        if (old != null) {
            old.state = Generation.State.DRAINING;
        }
        if (newNumber) {
            lineage.addLast(g.number);
        }
        List<Integer> dropped = new ArrayList<>();
        while (lineage.size() > LINEAGE) {
            dropped.add(lineage.pollFirst());
        }
        String persistFailure = persist(g.number, jar, dropped);
        mark("persist");
        ReloadRecord r = new ReloadRecord(clock.instant(), action, g.source, true, g.number, g.version,
                persistFailure, swapMillis, Map.copyOf(phases));
        remember(r);
        String line = action + ": generation " + g.number + " (" + g.version + ") serving after "
                + Math.round(swapMillis * 10) / 10.0 + " ms; source " + g.source
                + (persistFailure == null ? "" : "; " + persistFailure);
        // off the caller's path: formatting and writing a log record (the JDK's formatter looks up
        // the caller's stack frame) took a tenth of the reload thread's time
        Runnable log = () -> LOG.log(persistFailure == null ? System.Logger.Level.INFO : System.Logger.Level.WARNING, line);
        if (!afterSwitch(log)) {
            log.run();
        }
        if (old != null) {
            afterSwitch(() -> drain(old)); // when closing, the framework's stop removes the bundle
        }
        return r;
    }

    /**
     * Stores generation {@code number}'s jar (unless null), the lineage, and deletes the jars that
     * left the lineage. Returns null, or what failed: the generation serves either way, but a
     * restart would not come back to it.
     */
    private String persist(int number, byte[] jar, List<Integer> dropped) {
        String failure = null;
        if (jar != null) {
            try {
                Path tmp = logicDir.resolve("gen-" + number + ".jar.tmp");
                Files.write(tmp, jar);
                Files.move(tmp, jarOf(number), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                failure = "generation " + number + " serves but could not be stored in " + logicDir + " ("
                        + e.getMessage() + "); a restart would not come back to it";
                lineage.remove(number);
            }
        }
        persistLineage();
        for (int n : dropped) {
            deleteQuietly(jarOf(n));
        }
        return failure;
    }

    /** Queues {@code task} on the drainer thread (tasks run in order); false once it is shut down. */
    private boolean afterSwitch(Runnable task) {
        try {
            drainer.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    private ReloadException failed(String action, String source, long t0, ReloadException e) {
        remember(new ReloadRecord(clock.instant(), action, source, false, 0, null,
                e.kind() + ": " + e.getMessage(), (System.nanoTime() - t0) / 1e6, Map.copyOf(phases)));
        LOG.log(System.Logger.Level.WARNING, action + " from " + source + " refused (" + e.kind() + "): "
                + e.getMessage() + "; the active generation keeps serving");
        return e;
    }

    private void drain(Generation old) {
        long started = System.currentTimeMillis();
        long warnAt = started + DRAIN_WARN_MILLIS;
        synchronized (old) {
            while (old.inFlight.get() > 0) {
                try {
                    old.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (System.currentTimeMillis() > warnAt) {
                    LOG.log(System.Logger.Level.WARNING, old + " still has " + old.inFlight.get()
                            + " steps in flight after " + (System.currentTimeMillis() - started) + " ms");
                    warnAt += DRAIN_WARN_MILLIS;
                }
            }
        }
        retire(old);
    }

    private void retire(Generation g) {
        g.state = Generation.State.RETIRED;
        try {
            context.ungetService(g.reference);
        } catch (RuntimeException e) {
            // the framework may already be stopping
        }
        uninstall(g.bundle);
        live.remove(g);
    }

    private void uninstall(Bundle bundle) {
        try {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
        } catch (BundleException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not uninstall " + bundle + ": " + e.getMessage());
        }
        scheduleRefresh();
    }

    /**
     * Refreshes uninstalled bundles away (dropping their class loaders) once reloads have been
     * quiet for {@link #REFRESH_QUIET_MILLIS}. A refresh takes the framework's global lock; doing
     * it after every retirement would make back-to-back reloads wait for each other's cleanup.
     */
    private void scheduleRefresh() {
        long due = System.currentTimeMillis() + REFRESH_QUIET_MILLIS;
        refreshDue = due;
        if (closed) {
            return;
        }
        try {
            refresher.schedule(() -> {
                if (refreshDue <= System.currentTimeMillis()) {
                    try {
                        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null);
                    } catch (RuntimeException e) {
                        // the framework is stopping
                    }
                }
            }, REFRESH_QUIET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * The Logic service {@code bundle} registered, if the host can use it (same {@code Logic}
     * class). Asks the bundle for its own registrations: a registry-wide query with a filter
     * would check every live generation's registration for class-space compatibility on every
     * reload.
     */
    @SuppressWarnings("unchecked")
    private ServiceReference<Logic> logicServiceOf(Bundle bundle) {
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered == null) {
            return null;
        }
        String name = Logic.class.getName();
        for (ServiceReference<?> ref : registered) {
            Object classes = ref.getProperty(org.osgi.framework.Constants.OBJECTCLASS);
            if (classes instanceof String[] names && java.util.Arrays.asList(names).contains(name)
                    && ref.isAssignableTo(context.getBundle(), name)) {
                return (ServiceReference<Logic>) ref;
            }
        }
        return null;
    }

    /**
     * Why Declarative Services could not activate a component of {@code bundle}, read from the
     * ServiceComponentRuntime's DTOs (reflectively: the host does not wire to the DS API).
     */
    private String componentFailure(Bundle bundle) {
        String name = "org.osgi.service.component.runtime.ServiceComponentRuntime";
        ServiceReference<?> ref = context.getServiceReference(name);
        if (ref == null) {
            return null;
        }
        Object scr = context.getService(ref);
        try {
            Class<?> api = null;
            for (Class<?> c : scr.getClass().getInterfaces()) {
                if (c.getName().equals(name)) {
                    api = c;
                }
            }
            if (api == null) {
                return null;
            }
            Collection<?> descriptions = (Collection<?>) api.getMethod("getComponentDescriptionDTOs", Bundle[].class)
                    .invoke(scr, (Object) new Bundle[] {bundle});
            List<String> failures = new ArrayList<>();
            for (Object d : descriptions) {
                Method confs = null;
                for (Method m : api.getMethods()) {
                    if (m.getName().equals("getComponentConfigurationDTOs")) {
                        confs = m;
                    }
                }
                if (confs == null) {
                    return null;
                }
                for (Object c : (Collection<?>) confs.invoke(scr, d)) {
                    Field failure = c.getClass().getField("failure");
                    Object f = failure.get(c);
                    if (f != null) {
                        String text = f.toString();
                        int nl = text.indexOf('\n');
                        failures.add(nl > 0 ? text.substring(0, nl).strip() : text.strip());
                    }
                }
            }
            return failures.isEmpty() ? null : String.join("; ", failures);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        } finally {
            context.ungetService(ref);
        }
    }

    // ---------------------------------------------------------------- status

    /** A snapshot for the admin API. */
    public record Status(Generation active, List<Generation> live, List<ReloadRecord> history,
                         List<Integer> lineage) {}

    public Status status() {
        List<ReloadRecord> h;
        List<Integer> l;
        synchronized (history) {
            h = new ArrayList<>(history);
        }
        synchronized (reloadLock) {
            l = new ArrayList<>(lineage);
        }
        return new Status(active.get(), List.copyOf(live), h, l);
    }

    private void beginPhases() {
        phases.clear();
        phaseMark = System.nanoTime();
    }

    private void mark(String stage) {
        long now = System.nanoTime();
        phases.put(stage, Math.round((now - phaseMark) / 1e4) / 100.0);
        phaseMark = now;
    }

    private void remember(ReloadRecord r) {
        synchronized (history) {
            history.addFirst(r);
            while (history.size() > HISTORY) {
                history.pollLast();
            }
        }
    }

    private void persistLineage() {
        StringBuilder sb = new StringBuilder();
        for (int n : lineage) {
            sb.append(n).append('\n');
        }
        try {
            Path tmp = logicDir.resolve("lineage.tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, logicDir.resolve("lineage"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not persist the logic lineage: " + e.getMessage());
        }
    }

    private Path jarOf(int number) {
        return logicDir.resolve("gen-" + number + ".jar");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover jar is harmless
        }
    }

    /** Stops routing; waits briefly for steps in flight. The framework's stop removes bundles. */
    @Override
    public void close() {
        closed = true;
        Generation g = active.getAndSet(null);
        if (g != null) {
            g.state = Generation.State.DRAINING;
            long deadline = System.currentTimeMillis() + 5_000;
            synchronized (g) {
                while (g.inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
                    try {
                        g.wait(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        drainer.shutdown();
        refresher.shutdownNow();
        try {
            drainer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
