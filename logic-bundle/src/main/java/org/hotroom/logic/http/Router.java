package org.hotroom.logic.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route for a method and a raw path (see {@code org.hotroom.logic.Routes} for the table).
 *
 * <ul>
 *   <li>No template fits the path: 404 {@code M_UNRECOGNIZED}.</li>
 *   <li>Templates fit but none for this method: 405 {@code M_UNRECOGNIZED} with an {@code Allow}
 *       header (client-server API "Common error codes", server-server API "Unsupported
 *       endpoints").</li>
 *   <li>A parameter segment with a malformed percent-escape (or bytes that are not UTF-8): 400
 *       {@code M_INVALID_PARAM}. The endpoint was recognized (its literal segments matched), so
 *       {@code M_UNRECOGNIZED} would mislead; the parameter's value is what is wrong. A malformed
 *       escape in a literal position simply matches nothing: 404.</li>
 *   <li>A trailing slash is tolerated: when nothing fits the path as sent, it is tried without
 *       one trailing slash. Matching as sent comes first so {@code {param?}} can be empty.</li>
 * </ul>
 */
public final class Router {

    /** The outcome of resolving a request. */
    public sealed interface Resolution permits Found, Options, Failed {}

    /** A route for the method, with decoded path parameters. */
    public record Found(Route route, Map<String, String> params) implements Resolution {}

    /** An OPTIONS request on a known path. */
    public record Options(Set<String> allowed) implements Resolution {}

    /** No usable route: the error to answer with. */
    public record Failed(MatrixError error) implements Resolution {}

    private final List<Route> routes;
    /** The routes by segment count (a template matches only paths with as many), most specific first. */
    private final List<List<Route>> bySize;

    public Router(List<Route> routes) {
        // stable sort: specificity first, table order second. (No lambdas or streams here nor on
        // the request path: each one costs a new generation a class spun at run time.)
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(BY_SPECIFICITY);
        this.routes = List.copyOf(sorted);
        List<List<Route>> sizes = new ArrayList<>();
        for (Route r : this.routes) {
            int n = r.path().size();
            while (sizes.size() <= n) {
                sizes.add(new ArrayList<>());
            }
            sizes.get(n).add(r);
        }
        List<List<Route>> frozen = new ArrayList<>(sizes.size());
        for (List<Route> l : sizes) {
            frozen.add(List.copyOf(l));
        }
        this.bySize = List.copyOf(frozen);
    }

    private static final Comparator<Route> BY_SPECIFICITY = new BySpecificity();

    private static final class BySpecificity implements Comparator<Route> {
        @Override
        public int compare(Route a, Route b) {
            return a.path().compareSpecificity(b.path());
        }
    }

    /** The routes, most specific first. */
    public List<Route> routes() {
        return routes;
    }

    public Resolution resolve(String method, String rawPath) {
        if (!rawPath.startsWith("/")) {
            return new Failed(MatrixError.unrecognized("Unrecognized request"));
        }
        List<Candidate> fits = candidates(rawPath);
        if (fits.isEmpty() && rawPath.length() > 1 && rawPath.endsWith("/")) {
            fits = candidates(rawPath.substring(0, rawPath.length() - 1));
        }
        if (fits.isEmpty()) {
            return new Failed(MatrixError.unrecognized("Unrecognized request: no endpoint at this path"));
        }
        Set<String> allowed = new TreeSet<>();
        for (Candidate c : fits) {
            allowed.add(c.route.method());
        }
        allowed.add("OPTIONS");
        if (method.equals("OPTIONS")) {
            return new Options(allowed);
        }
        for (Candidate c : fits) {
            if (c.route.method().equals(method)) {
                if (c.match.malformedParam() != null) {
                    return new Failed(MatrixError.invalidParam("path parameter '" + c.match.malformedParam()
                            + "' is not valid percent-encoded UTF-8"));
                }
                return new Found(c.route, c.match.params());
            }
        }
        return new Failed(new MatrixError(405, "M_UNRECOGNIZED", "Unrecognized request: method " + method
                + " is not allowed here").withHeader("Allow", String.join(", ", allowed)));
    }

    private record Candidate(Route route, PathTemplate.Match match) {}

    private List<Candidate> candidates(String rawPath) {
        String[] raw = rawPath.substring(1).split("/", -1);
        if (raw.length >= bySize.size() || bySize.get(raw.length).isEmpty()) {
            return List.of();
        }
        List<String> decoded = new ArrayList<>(raw.length);
        for (String segment : raw) {
            decoded.add(PercentDecoding.pathSegment(segment));
        }
        List<Candidate> out = new ArrayList<>();
        for (Route r : bySize.get(raw.length)) {
            PathTemplate.Match m = r.path().match(decoded);
            if (m != null) {
                out.add(new Candidate(r, m));
            }
        }
        return out;
    }
}
