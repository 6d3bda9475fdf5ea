package org.hotroom.logic;

import java.util.function.Function;
import org.hotroom.api.Logic;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers this bundle's {@link Logic} service when the bundle starts: a {@link HotroomLogic}
 * configured from the framework properties. The framework unregisters it when the bundle stops.
 *
 * <p>Why a bundle activator and not a Declarative Services component: a logic generation is
 * installed and started on every reload, and Declarative Services would parse the component's XML
 * descriptor (with a new SAX parser each time), build its component managers and activate it by
 * reflection: the largest item in a profile of the reload thread, about a sixth of its CPU time
 * per reload (docs/BENCHMARKS.md, "Live reload"). The logic needs none of what DS offers: it has
 * no service dependencies (storage comes with each step) and no configuration beyond framework
 * properties read once.
 */
public final class LogicActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Function<String, String> properties = new Function<>() {
            // a class of its own rather than a method reference, which a new generation would
            // have to spin at run time
            @Override
            public String apply(String name) {
                return context.getProperty(name);
            }
        };
        context.registerService(Logic.class, new HotroomLogic(LogicConfig.fromProperties(properties)), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service; the logic holds nothing else
    }
}
