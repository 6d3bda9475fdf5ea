package org.hotroom.logic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
                assertDoesNotThrow(() -> type.getConstructor(), r + ": no public no-argument constructor");
            }
        }
        assertTrue(named.size() > 10, "most handlers are named: " + named);
    }

    @Test
    void routesPrintTheirHandlersSimpleName() {
        Route versions = Routes.table().get(0);
        assertEquals("GET /_matrix/client/versions -> VersionsHandler", versions.toString());
    }
}
