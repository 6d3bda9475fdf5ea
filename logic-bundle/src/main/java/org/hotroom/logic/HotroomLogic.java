package org.hotroom.logic;

import org.hotroom.api.Exchange;
import org.hotroom.api.Logic;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.http.Dispatcher;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The entry point: the {@link Logic} service of this bundle. Each step goes to the
 * {@link Dispatcher}, which routes it by the table in {@link Routes}.
 *
 * <p>A delayed Declarative Services component: it is activated on the first {@code getService},
 * reading {@value LogicConfig#SERVER_NAME_PROPERTY} (default {@value LogicConfig#DEFAULT_SERVER_NAME})
 * and optionally {@value LogicConfig#PASSWORD_ITERATIONS_PROPERTY} from the framework properties.
 * Tests construct it directly with a {@link LogicConfig}.
 *
 * <p>Nothing is kept between steps: the configuration, version and routing table are fixed at
 * activation.
 */
@Component(service = Logic.class)
public final class HotroomLogic implements Logic {

    private volatile Dispatcher dispatcher;
    private volatile String version = "unknown";

    /** For Declarative Services, which then calls {@link #activate}. */
    public HotroomLogic() {}

    /** A ready logic, for tests and embedding. */
    public HotroomLogic(LogicConfig config) {
        configure(config);
    }

    @Activate
    void activate(BundleContext ctx) {
        configure(LogicConfig.fromProperties(ctx::getProperty));
    }

    private void configure(LogicConfig config) {
        String v = BuildInfo.version();
        this.version = v;
        this.dispatcher = new Dispatcher(Routes.router(), config, v);
    }

    @Override
    public Outcome step(Exchange exchange, StepStorage storage) {
        return ready().step(exchange, storage);
    }

    @Override
    public Respond screen(Request head) {
        return ready().screen(head);
    }

    @Override
    public String version() {
        return version;
    }

    private Dispatcher ready() {
        Dispatcher d = dispatcher;
        if (d == null) {
            throw new IllegalStateException("HotroomLogic used before activation");
        }
        return d;
    }
}
