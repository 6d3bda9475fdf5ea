package org.hotroom.logic;

import org.hotroom.api.Exchange;
import org.hotroom.api.Logic;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.http.Dispatcher;

/**
 * The entry point: the {@link Logic} service of this bundle. Each step goes to the
 * {@link Dispatcher}, which routes it by the table in {@link Routes}.
 *
 * <p>{@link LogicActivator} makes and registers it when the bundle starts, configured from the
 * framework properties {@value LogicConfig#SERVER_NAME_PROPERTY} (default
 * {@value LogicConfig#DEFAULT_SERVER_NAME}) and optionally
 * {@value LogicConfig#PASSWORD_ITERATIONS_PROPERTY}. Tests construct it directly with a
 * {@link LogicConfig}.
 *
 * <p>Nothing is kept between steps: the configuration, version and routing table are fixed when
 * it is made.
 */
public final class HotroomLogic implements Logic {

    private final Dispatcher dispatcher;
    private final String version;

    /** A ready logic. */
    public HotroomLogic(LogicConfig config) {
        this.version = BuildInfo.version();
        this.dispatcher = new Dispatcher(Routes.router(), config, version);
    }

    @Override
    public Outcome step(Exchange exchange, StepStorage storage) {
        return dispatcher.step(exchange, storage);
    }

    @Override
    public Respond screen(Request head) {
        return dispatcher.screen(head);
    }

    @Override
    public String version() {
        return version;
    }
}
