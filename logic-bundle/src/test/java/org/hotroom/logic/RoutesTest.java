package org.hotroom.logic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.http.Handler;
import org.hotroom.logic.http.LazyHandler;
import org.hotroom.logic.http.Route;
import org.junit.jupiter.api.Test;

/** The routing table names its handler classes as strings; a wrong name must fail the build, not a request. */
class RoutesTest {

    @Test
    void everyNamedHandlerIsAHandlerWithAPublicNoArgumentConstructor() {
        List<String> named = new ArrayList<>();
        for (Route r : Routes.table()) {
            if (r.handler() instanceof LazyHandler lazy) {
                named.add(lazy.name());
                Class<? extends Handler> type = assertDoesNotThrow(lazy::type, r.toString());
                assertEquals(lazy.name(), type.getName());
                assertTrue(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()), r.toString());
                if (lazy.variant() == null) {
                    assertDoesNotThrow(() -> type.getConstructor(), r + ": no public no-argument constructor");
                } else {
                    assertDoesNotThrow(() -> type.getConstructor(String.class), r + ": no public (String) constructor");
                }
            }
        }
        assertTrue(named.size() > 10, "most handlers are named: " + named);
    }

    @Test
    void everyRoutesHandlerCanBeMadeWithItsVariant() {
        for (Route r : Routes.table()) {
            if (r.handler() instanceof LazyHandler lazy) {
                Handler h = assertDoesNotThrow(lazy::instance, r.toString());
                assertEquals(lazy.name(), h.getClass().getName());
            }
        }
    }

    @Test
    void anUnknownVariantIsRefusedWhenTheHandlerIsMade() {
        LazyHandler typo = LazyHandler.named("org.hotroom.logic.client.SendEventHandler", "redcat");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, typo::instance);
        assertTrue(e.getMessage().contains("redcat"), e.getMessage());
    }

    @Test
    void buildingTheTableLoadsNoHandlerClass() throws Exception {
        // a fresh class loader over the logic's classes: building the table there must not load
        // any handler (activation of a new generation stays cheap; see LazyHandler)
        java.net.URL classes = Routes.class.getProtectionDomain().getCodeSource().getLocation();
        java.net.URL api = org.hotroom.api.Logic.class.getProtectionDomain().getCodeSource().getLocation();
        java.util.Set<String> handlerClasses = new java.util.TreeSet<>();
        for (Route r : Routes.table()) {
            if (r.handler() instanceof LazyHandler lazy) {
                handlerClasses.add(lazy.name());
            }
        }
        try (RecordingLoader loader = new RecordingLoader(new java.net.URL[] {classes, api})) {
            Class<?> routes = Class.forName(Routes.class.getName(), true, loader);
            routes.getMethod("router").invoke(null);
            java.util.Set<String> loadedHandlers = new java.util.TreeSet<>(loader.loaded);
            loadedHandlers.retainAll(handlerClasses);
            assertEquals(java.util.Set.of(), loadedHandlers);
            assertTrue(loader.loaded.contains(Routes.class.getName()), "the fresh loader defined the table itself");
        }
    }

    /** Defines the logic's own classes itself (child first) and records which. */
    private static final class RecordingLoader extends java.net.URLClassLoader {
        final java.util.Set<String> loaded = java.util.concurrent.ConcurrentHashMap.newKeySet();

        RecordingLoader(java.net.URL[] urls) {
            super(urls, RoutesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.hotroom.logic.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                    loaded.add(name);
                }
                return c;
            }
        }
    }

    @Test
    void routesPrintTheirHandlersSimpleName() {
        Route versions = Routes.table().get(0);
        assertEquals("GET /_matrix/client/versions -> VersionsHandler", versions.toString());
    }
}
