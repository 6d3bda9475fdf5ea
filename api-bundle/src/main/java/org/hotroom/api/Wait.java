package org.hotroom.api;

import java.util.Objects;

/**
 * Asks the shell to hold the exchange until the position of {@code stream} is greater than
 * {@code after}, or until {@code timeoutMillis} pass, then to call the logic again with a
 * {@link Woken} appended. This is how a {@code /sync} long-poll is expressed: the logic finds
 * nothing new, answers {@code Wait("sync", since, timeout)}, and on the next step builds the
 * response from whatever arrived, or waits again for what is left of its timeout (measured from
 * {@link Exchange#startMillis()}) when nothing that arrived concerns it.
 */
public record Wait(String stream, long after, long timeoutMillis) implements Outcome {

    public Wait {
        Objects.requireNonNull(stream, "stream");
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeoutMillis);
        }
    }
}
