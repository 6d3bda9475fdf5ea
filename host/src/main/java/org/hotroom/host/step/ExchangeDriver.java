package org.hotroom.host.step;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hotroom.api.Exchange;
import org.hotroom.api.Fetch;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.Wait;

/**
 * Drives one exchange through its steps: call the logic; on {@link Fetch}, perform the needs
 * and call it again with their results appended; on {@link Wait}, hold until the stream moves or
 * the timeout passes; on {@link Respond}, hand the response back. Steps run on the step pool; no
 * thread is held while fetching or waiting. Each step may run on a different logic generation.
 */
public final class ExchangeDriver {

    /** A logic that keeps asking for more past this many steps is looping. */
    static final int MAX_STEPS = 256;

    private static final System.Logger LOG = System.getLogger("hotroom.exchange");

    private final StepRunner runner;
    private final OutgoingRequests outgoing;
    private final StreamWaiter waiter;
    private final Executor stepPool;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String idPrefix;
    private final AtomicLong counter = new AtomicLong();

    public ExchangeDriver(StepRunner runner, OutgoingRequests outgoing, StreamWaiter waiter, Executor stepPool,
                          Clock clock) {
        this.runner = runner;
        this.outgoing = outgoing;
        this.waiter = waiter;
        this.stepPool = stepPool;
        this.clock = clock;
        byte[] prefix = new byte[6];
        random.nextBytes(prefix);
        this.idPrefix = Base64.getUrlEncoder().withoutPadding().encodeToString(prefix);
    }

    /** Starts an exchange for {@code request}; {@code done} receives its response exactly once. */
    public void drive(Request request, Consumer<Respond> done) {
        byte[] entropy = new byte[32];
        random.nextBytes(entropy);
        Exchange e = Exchange.start(idPrefix + "-" + counter.incrementAndGet(), request, clock.millis(), entropy);
        schedule(e, done);
    }

    public StepRunner runner() {
        return runner;
    }

    private void schedule(Exchange e, Consumer<Respond> done) {
        try {
            stepPool.execute(() -> step(e, done));
        } catch (RejectedExecutionException ex) {
            done.accept(ShellErrors.unavailable("the server is stopping"));
        }
    }

    private void step(Exchange e, Consumer<Respond> done) {
        if (e.step() >= MAX_STEPS) {
            LOG.log(System.Logger.Level.ERROR, "exchange " + e.id() + " exceeded " + MAX_STEPS + " steps");
            done.accept(ShellErrors.logicFailed(e.id()));
            return;
        }
        Outcome outcome = runner.step(e);
        if (outcome instanceof Respond r) {
            done.accept(r);
        } else if (outcome instanceof Fetch f) {
            outgoing.performAll(f.needs())
                    .thenAccept(results -> schedule(e.withFetched(results, clock.millis()), done));
        } else if (outcome instanceof Wait w) {
            waiter.await(w, woken -> schedule(e.withWoken(woken, clock.millis()), done));
        }
    }
}
