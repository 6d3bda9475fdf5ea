package org.hotroom.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks the shell to perform outgoing requests, concurrently, and to call the logic again once all
 * of them have a result (a response or a transport error).
 */
public record Fetch(List<Need> needs) implements Outcome {

    public Fetch {
        needs = List.copyOf(needs);
        if (needs.isEmpty()) {
            throw new IllegalArgumentException("a fetch needs at least one request");
        }
        Set<String> keys = new HashSet<>();
        for (Need n : needs) {
            if (!keys.add(n.key())) {
                throw new IllegalArgumentException("duplicate need key: " + n.key());
            }
        }
    }

    public static Fetch of(Need... needs) {
        return new Fetch(List.of(needs));
    }
}
