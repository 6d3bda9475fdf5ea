package org.hotroom.api;

import org.hotroom.api.storage.StepStorage;

/**
 * The Matrix logic, as the shell sees it. Implemented by the logic bundle and registered as an
 * OSGi service; the shell routes each step to the newest generation it activated.
 *
 * <p>Rules every implementation keeps:
 * <ul>
 *   <li>{@link #step} is synchronous and a pure function of the exchange and storage: it opens no
 *       socket, does not sleep, starts no thread that outlives the call, and keeps no state
 *       between calls. Time and randomness come from {@link Exchange#clockMillis()} and
 *       {@link Exchange#entropy()}.</li>
 *   <li>Everything a multi-step flow needs to know about its progress is in the exchange: which
 *       needs were asked, with which bodies, and what came back.</li>
 *   <li>Storage writes made through {@link StepStorage} commit together when the step returns
 *       normally and are discarded if it throws.</li>
 * </ul>
 */
public interface Logic {

    /** One step of an exchange; see the package documentation. Never returns null. */
    Outcome step(Exchange exchange, StepStorage storage);

    /**
     * A cheap look at a request before its body is read, for instance to refuse a huge upload
     * whose credentials are wrong. {@code head} carries the method, path, query and headers and an
     * empty body. Returns a response to send at once, or null to go on reading the body.
     */
    default Respond screen(Request head) {
        return null;
    }

    /** A human readable version of this logic build, for example {@code "0.1.0 (3f2a9c1)"}. */
    String version();
}
