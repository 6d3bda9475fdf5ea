package org.hotroom.logic.ratelimit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which {@link LimitClass} a route of the routing table belongs to, found from its method and path
 * template (so the table in {@code Routes} needs no extra column): the spec's paths, with any
 * parameter names and any version segment.
 */
public final class RouteClasses {

    private record Rule(String method, Pattern path, LimitClass limitClass) {}

    private static final String CLIENT = "^/_matrix/client/[^/]+";
    private static final String PARAM = "\\{[^/}]+\\}";

    private static final List<Rule> RULES = List.of(
            rule("POST", "/login", LimitClass.LOGIN),
            rule("POST", "/register", LimitClass.REGISTRATION),
            rule("PUT", "/rooms/P/send/P/P", LimitClass.MESSAGE),
            rule("PUT", "/rooms/P/state/P", LimitClass.MESSAGE),
            rule("PUT", "/rooms/P/state/P/P", LimitClass.MESSAGE),
            rule("PUT", "/rooms/P/redact/P/P", LimitClass.MESSAGE),
            rule("POST", "/createRoom", LimitClass.CREATE_ROOM),
            rule("POST", "/rooms/P/join", LimitClass.JOIN),
            rule("POST", "/join/P", LimitClass.JOIN),
            rule("POST", "/knock/P", LimitClass.JOIN));

    private RouteClasses() {}

    private static Rule rule(String method, String path, LimitClass c) {
        return new Rule(method, Pattern.compile(CLIENT + path.replace("P", PARAM) + "$"), c);
    }

    /** The class of the route with this method and template, or null when it is not limited. */
    public static LimitClass of(String method, String template) {
        for (Rule r : RULES) {
            if (r.method().equals(method) && r.path().matcher(template).matches()) {
                return r.limitClass();
            }
        }
        return null;
    }
}
