package org.hotroom.logic.http;

import java.util.EnumSet;
import java.util.Set;

/**
 * One row of the routing table: method, path template, handler, and what the dispatcher checks
 * before calling the handler.
 */
public record Route(String method, PathTemplate path, Handler handler, Set<Option> options) {

    /** What the dispatcher does for a route before its handler runs, in this order. */
    public enum Option {
        /** Requires an access token; resolves it to {@link Call#auth()} (401 otherwise). */
        ACCESS_TOKEN,
        /** The body must be a JSON object ({@link Call#body()}); 400 M_NOT_JSON / M_BAD_JSON otherwise. */
        JSON_BODY
    }

    public Route {
        options = options.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(options));
    }

    public boolean has(Option o) {
        return options.contains(o);
    }

    @Override
    public String toString() {
        String type = handler instanceof LazyHandler l ? l.name() : handler.getClass().getName();
        return method + " " + path + " -> " + type.substring(type.lastIndexOf('.') + 1)
                + (options.isEmpty() ? "" : " " + options);
    }
}
