package org.hotroom.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a step may look at: the raw request and the raw results of everything fetched or
 * waited for so far, plus the clock and entropy for this step. A step finds where a flow stands
 * from this record, never from memory, so any logic generation can continue any exchange.
 *
 * <p>Exchanges are immutable; the shell grows one with {@link #withFetched} and
 * {@link #withWoken} between steps.
 *
 * @param id          unique per exchange; stable across its steps
 * @param request     the incoming request
 * @param fetched     results of all needs so far, in the order they arrived
 * @param woken       results of all waits so far, in order
 * @param step        how many steps were taken before this one (0 for the first)
 * @param clockMillis the wall clock for this step, milliseconds since the epoch
 * @param entropy     random bytes fixed for the whole exchange; derive any randomness from them
 * @param startMillis the wall clock of the exchange's first step: a flow that waits several times
 *                    (a {@code /sync} long-poll woken by changes that do not concern it) measures
 *                    its whole timeout from here
 */
public record Exchange(String id, Request request, List<Fetched> fetched, List<Woken> woken, int step,
                       long clockMillis, byte[] entropy, long startMillis) {

    public Exchange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        fetched = List.copyOf(fetched);
        woken = List.copyOf(woken);
        Objects.requireNonNull(entropy, "entropy");
    }

    /** An exchange whose first step runs at {@code clockMillis}. */
    public Exchange(String id, Request request, List<Fetched> fetched, List<Woken> woken, int step,
                    long clockMillis, byte[] entropy) {
        this(id, request, fetched, woken, step, clockMillis, entropy, clockMillis);
    }

    /** A new exchange, before its first step. */
    public static Exchange start(String id, Request request, long clockMillis, byte[] entropy) {
        return new Exchange(id, request, List.of(), List.of(), 0, clockMillis, entropy, clockMillis);
    }

    /** The latest result for the need with this key, or null if it was never fetched. */
    public Fetched fetched(String key) {
        for (int i = fetched.size() - 1; i >= 0; i--) {
            if (fetched.get(i).need().key().equals(key)) {
                return fetched.get(i);
            }
        }
        return null;
    }

    /** The last wait result, or null. */
    public Woken lastWoken() {
        return woken.isEmpty() ? null : woken.get(woken.size() - 1);
    }

    /** This exchange with more results appended, ready for its next step at {@code clockMillis}. */
    public Exchange withFetched(List<Fetched> results, long clockMillis) {
        List<Fetched> all = new ArrayList<>(fetched.size() + results.size());
        all.addAll(fetched);
        all.addAll(results);
        return new Exchange(id, request, all, woken, step + 1, clockMillis, entropy, startMillis);
    }

    /** This exchange with a wait result appended, ready for its next step at {@code clockMillis}. */
    public Exchange withWoken(Woken result, long clockMillis) {
        List<Woken> all = new ArrayList<>(woken);
        all.add(result);
        return new Exchange(id, request, fetched, all, step + 1, clockMillis, entropy, startMillis);
    }

    @Override
    public String toString() {
        return "Exchange[" + id + ", step " + step + ", " + request + ", " + fetched.size() + " fetched, "
                + woken.size() + " woken]";
    }
}
