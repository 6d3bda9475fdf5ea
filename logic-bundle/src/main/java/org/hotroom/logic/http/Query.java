package org.hotroom.logic.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The query string of a request. Parameters nobody asks for are ignored, whatever they hold; a
 * parameter that is asked for but whose value is not valid percent-encoded UTF-8 is a 400
 * {@code M_INVALID_PARAM}.
 */
public final class Query {

    private record Pair(String name, String rawValue) {}

    private final List<Pair> pairs;

    private Query(List<Pair> pairs) {
        this.pairs = pairs;
    }

    /** Parses {@code a=1&b=2}; a name without {@code =} has the value "". */
    public static Query parse(String raw) {
        List<Pair> pairs = new ArrayList<>();
        if (raw != null && !raw.isEmpty()) {
            for (String part : raw.split("&", -1)) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String rawName = eq < 0 ? part : part.substring(0, eq);
                String rawValue = eq < 0 ? "" : part.substring(eq + 1);
                String name = PercentDecoding.queryComponent(rawName);
                if (name != null) { // a malformed name cannot be one we look for: ignore it
                    pairs.add(new Pair(name, rawValue));
                }
            }
        }
        return new Query(List.copyOf(pairs));
    }

    /** The first value of {@code name}, decoded, or null when absent. */
    public String first(String name) {
        for (Pair p : pairs) {
            if (p.name.equals(name)) {
                return decode(p);
            }
        }
        return null;
    }

    /** All values of {@code name}, decoded. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Pair p : pairs) {
            if (p.name.equals(name)) {
                out.add(decode(p));
            }
        }
        return out;
    }

    private static String decode(Pair p) {
        String v = PercentDecoding.queryComponent(p.rawValue);
        if (v == null) {
            throw MatrixError.invalidParam("query parameter '" + p.name + "' is not valid percent-encoded UTF-8");
        }
        return v;
    }
}
