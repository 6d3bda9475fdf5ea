package org.hotroom.host.reload;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.hotroom.api.Logic;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * One installed logic bundle and the service it registered. A generation is ACTIVE while new
 * steps are routed to it, DRAINING after a newer one took over and until its last step in flight
 * returns, then RETIRED (bundle uninstalled).
 */
public final class Generation implements org.hotroom.host.step.LogicSource.Lease {

    /** Lifecycle of a generation; it only moves forward. */
    public enum State { ACTIVE, DRAINING, RETIRED }

    final int number;
    final Bundle bundle;
    final ServiceReference<Logic> reference;
    final Logic logic;
    final String version;
    final Instant loadedAt;
    final String source;
    final Path jar;
    final AtomicInteger inFlight = new AtomicInteger();
    private final LogicGenerations owner;
    final LongAdder steps = new LongAdder();
    volatile State state = State.ACTIVE;

    Generation(int number, Bundle bundle, ServiceReference<Logic> reference, Logic logic, String version,
               Instant loadedAt, String source, Path jar, LogicGenerations owner) {
        this.owner = owner;
        this.number = number;
        this.bundle = bundle;
        this.reference = reference;
        this.logic = logic;
        this.version = version;
        this.loadedAt = loadedAt;
        this.source = source;
        this.jar = jar;
    }

    public int number() {
        return number;
    }

    /** The logic service; call it only between {@link LogicGenerations#acquire} and release. */
    @Override
    public Logic logic() {
        return logic;
    }

    @Override
    public void release() {
        owner.release(this);
    }

    public String version() {
        return version;
    }

    public State state() {
        return state;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public String source() {
        return source;
    }

    /** Steps routed to this generation so far. */
    public long steps() {
        return steps.sum();
    }

    public long bundleId() {
        return bundle.getBundleId();
    }

    @Override
    public String toString() {
        return "generation " + number + " (" + version + ", " + state + ")";
    }
}
