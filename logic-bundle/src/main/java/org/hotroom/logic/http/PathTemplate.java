package org.hotroom.logic.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A path pattern of the routing table, one segment per {@code /}:
 * <ul>
 *   <li>{@code login} – a literal segment;</li>
 *   <li>{@code (v3|r0)} – one of several literals (the client API answers under both);</li>
 *   <li>{@code {roomId}} – a parameter: any non-empty segment, percent-decoded;</li>
 *   <li>{@code {stateKey?}} – a parameter that may be empty (a state key can be "").</li>
 * </ul>
 * Literals are compared with the percent-decoded segment.
 */
public final class PathTemplate {

    private sealed interface Segment permits Literal, Param {}

    private record Literal(Set<String> values) implements Segment {}

    private record Param(String name, boolean mayBeEmpty) implements Segment {}

    /** A successful match: decoded parameters, and the name of a parameter that did not decode. */
    public record Match(Map<String, String> params, String malformedParam) {}

    private final String text;
    private final List<Segment> segments;

    private PathTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    public static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + template);
        }
        List<Segment> segments = new ArrayList<>();
        for (String s : template.substring(1).split("/", -1)) {
            if (s.startsWith("{") && s.endsWith("}")) {
                String name = s.substring(1, s.length() - 1);
                boolean mayBeEmpty = name.endsWith("?");
                segments.add(new Param(mayBeEmpty ? name.substring(0, name.length() - 1) : name, mayBeEmpty));
            } else if (s.startsWith("(") && s.endsWith(")")) {
                segments.add(new Literal(Set.of(s.substring(1, s.length() - 1).split("\\|"))));
            } else if (!s.isEmpty()) {
                segments.add(new Literal(Set.of(s)));
            } else {
                throw new IllegalArgumentException("empty segment in template: " + template);
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    /**
     * Matches raw (still percent-encoded) segments; {@code decoded} holds each one decoded, or
     * null where the escape was malformed. Returns null when the path does not fit.
     */
    Match match(List<String> decoded) {
        if (decoded.size() != segments.size()) {
            return null;
        }
        // first whether it fits at all, without allocating: most templates tried do not
        for (int i = 0; i < segments.size(); i++) {
            String d = decoded.get(i);
            Segment seg = segments.get(i);
            if (seg instanceof Literal lit) {
                if (d == null || !lit.values().contains(d)) {
                    return null;
                }
            } else if (seg instanceof Param p && d != null && d.isEmpty() && !p.mayBeEmpty()) {
                return null;
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        String malformed = null;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) instanceof Param p) {
                String d = decoded.get(i);
                if (d == null && malformed == null) {
                    malformed = p.name();
                }
                params.put(p.name(), d == null ? "" : d);
            }
        }
        return new Match(params, malformed);
    }

    /** How many segments a path must have to match. */
    int size() {
        return segments.size();
    }

    /**
     * Ordering so more specific templates win: compared segment by segment, a literal beats a
     * parameter ({@code /rooms/joined} before {@code /rooms/{roomId}}).
     */
    int compareSpecificity(PathTemplate other) {
        int n = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            boolean a = segments.get(i) instanceof Literal;
            boolean b = other.segments.get(i) instanceof Literal;
            if (a != b) {
                return a ? -1 : 1;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
