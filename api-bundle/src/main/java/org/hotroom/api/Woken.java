package org.hotroom.api;

import java.util.Objects;

/**
 * How a {@link Wait} ended.
 *
 * @param asked    the wait as it was asked
 * @param position the stream position when the shell woke the exchange
 * @param timedOut true when the timeout passed before the stream moved past {@code asked.after()}
 */
public record Woken(Wait asked, long position, boolean timedOut) {
    public Woken {
        Objects.requireNonNull(asked, "asked");
    }
}
