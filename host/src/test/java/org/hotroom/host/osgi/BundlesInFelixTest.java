package org.hotroom.host.osgi;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.hotroom.api.Exchange;
import org.hotroom.api.Headers;
import org.hotroom.api.Listener;
import org.hotroom.api.Logic;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.Storage;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The real bundles inside Felix, without the host: the api bundle, SCR, Jackson, Caffeine, JNA,
 * libsodium, BouncyCastle, the storage bundle on real LMDB and the logic bundle. Checks that
 * everything resolves and activates (the storage through Declarative Services, the logic through
 * its bundle activator), and that a step works across the bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundlesInFelixTest {

    @Inject
    BundleContext context;

    @Inject
    Logic logic;

    @Inject
    Storage storage;

    @Configuration
    public Option[] config() throws Exception {
        File bundles = new File(System.getProperty("hotroom.bundles"));
        File store = Files.createTempDirectory("hotroom-paxexam").toFile();
        List<Option> o = new ArrayList<>();
        o.add(junitBundles());
        o.add(cleanCaches(true));
        o.add(systemPackages("sun.nio.ch"));
        o.add(frameworkProperty("hotroom.storage.path").value(store.getAbsolutePath()));
        o.add(frameworkProperty("hotroom.storage.sync").value("false"));
        o.add(frameworkProperty("hotroom.storage.map_size_mb").value("32"));
        o.add(frameworkProperty("hotroom.server_name").value("paxexam.test"));
        o.add(bundle(new File(System.getProperty("hotroom.api.jar")).toURI().toString()));
        for (String b : List.of("org.osgi.util.function.jar", "org.osgi.util.promise.jar",
                "org.osgi.service.component.jar", "org.apache.felix.scr.jar", "jackson-annotations.jar",
                "jackson-core.jar", "jackson-databind.jar", "caffeine.jar", "jna.jar", "hotroom-libsodium.jar", "bcprov-jdk18on.jar",
                "hotroom-storage.jar",
                "hotroom-logic.jar")) {
            o.add(bundle(new File(bundles, b).toURI().toString()));
        }
        return options(o.toArray(new Option[0]));
    }

    @Test
    public void everyBundleIsActive() {
        for (Bundle b : context.getBundles()) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                assertEquals(b.getSymbolicName() + " is not active", Bundle.ACTIVE, b.getState());
            }
        }
    }

    @Test
    public void theLogicServiceComesFromTheLogicBundle() {
        assertEquals("org.hotroom.logic",
                context.getServiceReference(Logic.class).getBundle().getSymbolicName());
        assertTrue(logic.version(), logic.version().startsWith("0.1.0"));
    }

    @Test
    public void theLogicReadsLibsodiumFromTheSharedBundle() {
        Bundle logicBundle = context.getServiceReference(Logic.class).getBundle();
        BundleWiring wiring = logicBundle.adapt(BundleWiring.class);
        List<String> wired = new ArrayList<>();
        for (BundleWire w : wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
            if (w.getProvider().getSymbolicName().equals("org.hotroom.libsodium")) {
                wired.add((String) w.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE));
            }
        }
        assertTrue(wired.toString(), wired.contains("org.hotroom.libsodium.linux64"));
        assertTrue(wired.toString(), wired.contains("org.hotroom.libsodium.arm64"));
        // what SodiumLoader reads: through the logic's class loader, from the shared bundle
        assertNotNull(wiring.getClassLoader().getResource("org/hotroom/libsodium/linux64/libsodium.so"));
    }

    @Test
    public void aStepRunsAcrossLogicAndStorage() {
        Request r = new Request(Listener.FEDERATION, "GET", "/_matrix/federation/v1/version", "", Headers.EMPTY,
                null, "127.0.0.1:1");
        Outcome outcome;
        try (StepScope scope = storage.openStep()) {
            outcome = logic.step(Exchange.start("pax-1", r, 1, new byte[32]), scope);
            scope.commit();
        }
        assertTrue(outcome instanceof Respond);
        Respond respond = (Respond) outcome;
        assertEquals(200, respond.status());
        String body = new String(respond.body(), StandardCharsets.UTF_8);
        assertTrue(body, body.contains("\"hotroom\""));
    }

    @Test
    public void storageCommitsInsideTheFramework() {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        try (StepScope scope = storage.openStep()) {
            scope.keyValue().put("paxexam", key, new byte[] {4, 2});
            scope.streams().advance("paxexam");
            scope.commit();
        }
        try (StepScope scope = storage.openStep()) {
            assertArrayEquals(new byte[] {4, 2}, scope.keyValue().get("paxexam", key));
        }
        assertEquals(1, storage.position("paxexam"));
        assertNotNull(context.getServiceReference(Storage.class));
    }
}
