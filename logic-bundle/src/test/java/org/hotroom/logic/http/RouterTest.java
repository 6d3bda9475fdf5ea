package org.hotroom.logic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotroom.logic.Routes;
import org.hotroom.logic.json.Json;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Handler A = c -> Responses.ok(Json.object());
    private static final Handler B = c -> Responses.ok(Json.object());
    private static final Handler C = c -> Responses.ok(Json.object());
    private static final Handler D = c -> Responses.ok(Json.object());

    private final Router router = new Router(List.of(
            new Route("GET", PathTemplate.parse("/_matrix/client/(v3|r0)/rooms/{roomId}/state"), A, Set.of()),
            new Route("PUT", PathTemplate.parse("/_matrix/client/(v3|r0)/rooms/{roomId}/state/{type}/{stateKey?}"), B, Set.of()),
            new Route("GET", PathTemplate.parse("/_matrix/client/(v3|r0)/rooms/{roomId}/members"), C, Set.of()),
            new Route("GET", PathTemplate.parse("/_matrix/client/(v3|r0)/rooms/joined/members"), D, Set.of()),
            new Route("POST", PathTemplate.parse("/_matrix/client/(v3|r0)/rooms/{roomId}/state"), C, Set.of())));

    private Router.Found found(String method, String path) {
        return assertInstanceOf(Router.Found.class, router.resolve(method, path), method + " " + path);
    }

    private MatrixError failed(String method, String path) {
        return assertInstanceOf(Router.Failed.class, router.resolve(method, path), method + " " + path).error();
    }

    @Test
    void matchesBothClientVersionPrefixes() {
        assertSame(A, found("GET", "/_matrix/client/v3/rooms/!r:x/state").route().handler());
        assertSame(A, found("GET", "/_matrix/client/r0/rooms/!r:x/state").route().handler());
        assertEquals(404, failed("GET", "/_matrix/client/v2/rooms/!r:x/state").status());
    }

    @Test
    void decodesPathParameters() {
        Router.Found f = found("GET", "/_matrix/client/v3/rooms/%21room%3Aexample.org/state");
        assertEquals(Map.of("roomId", "!room:example.org"), f.params());
        // an encoded slash stays inside its parameter; '+' is not a space in a path
        assertEquals("a/b+c é", found("GET", "/_matrix/client/v3/rooms/a%2Fb+c%20%C3%A9/state").params().get("roomId"));
    }

    @Test
    void malformedEscapesInParametersAreInvalidParam() {
        for (String bad : new String[] {"%zz", "%4", "%", "a%g1", "%C3", "%C0%AF", "%ED%A0%80"}) {
            MatrixError e = failed("GET", "/_matrix/client/v3/rooms/" + bad + "/state");
            assertEquals(400, e.status(), bad);
            assertEquals("M_INVALID_PARAM", e.errcode(), bad);
        }
        // in a literal position nothing matches
        assertEquals(404, failed("GET", "/_matrix/client/v3/ro%zzoms/x/state").status());
    }

    @Test
    void trailingSlashIsTolerated() {
        assertSame(A, found("GET", "/_matrix/client/v3/rooms/!r/state/").route().handler());
        assertEquals(404, failed("GET", "/_matrix/client/v3/rooms/!r/state//").status());
    }

    @Test
    void anOptionalParameterMayBeEmptySoATrailingSlashCanBeAnEmptyStateKey() {
        Router.Found f = found("PUT", "/_matrix/client/v3/rooms/!r/state/m.room.name/");
        assertSame(B, f.route().handler());
        assertEquals("", f.params().get("stateKey"));
        assertEquals("k", found("PUT", "/_matrix/client/v3/rooms/!r/state/m.room.name/k").params().get("stateKey"));
        // an ordinary parameter may not be empty
        assertEquals(404, failed("GET", "/_matrix/client/v3/rooms//members").status());
    }

    @Test
    void literalSegmentsBeatParameters() {
        assertSame(D, found("GET", "/_matrix/client/v3/rooms/joined/members").route().handler());
        assertSame(C, found("GET", "/_matrix/client/v3/rooms/other/members").route().handler());
    }

    @Test
    void wrongMethodIs405WithAllow() {
        MatrixError e = failed("DELETE", "/_matrix/client/v3/rooms/!r/state");
        assertEquals(405, e.status());
        assertEquals("M_UNRECOGNIZED", e.errcode());
        assertEquals("GET, OPTIONS, POST", e.headers().first("Allow"));
    }

    @Test
    void unknownPathsAre404() {
        for (String p : new String[] {"/", "", "nope", "/_matrix", "/_matrix/client/v3/rooms", "/_matrix/client/v3/rooms/!r/state/x/y/z"}) {
            MatrixError e = failed("GET", p);
            assertEquals(404, e.status(), p);
            assertEquals("M_UNRECOGNIZED", e.errcode(), p);
        }
    }

    @Test
    void optionsOnAKnownPathListsItsMethods() {
        Router.Options o = assertInstanceOf(Router.Options.class, router.resolve("OPTIONS", "/_matrix/client/r0/rooms/x/state"));
        assertEquals(Set.of("GET", "POST", "OPTIONS"), o.allowed());
        assertEquals(404, failed("OPTIONS", "/_matrix/client/v3/unknown").status());
    }

    @Test
    void pathsWithMoreOrFewerSegmentsThanAnyTemplateAreUnrecognized() {
        assertEquals(404, failed("GET", "/_matrix/client/v3/rooms/x/state/t/k/extra/more").status());
        assertEquals(404, failed("GET", "/_matrix/client/v3/rooms/x/state/t/k/extra/more/").status());
        assertEquals(404, failed("GET", "/_matrix").status());
        assertEquals(404, failed("GET", "/").status());
        // a template is tried only against paths with its number of segments, here 7 and 8
        assertSame(B, found("PUT", "/_matrix/client/v3/rooms/x/state/t/").route().handler());
        assertSame(B, found("PUT", "/_matrix/client/v3/rooms/x/state/t/k").route().handler());
    }

    @Test
    void theRealTableParsesAndHasNoDuplicateRows() {
        List<Route> routes = Routes.table();
        long distinct = routes.stream().map(r -> r.method() + " " + r.path()).distinct().count();
        assertEquals(routes.size(), distinct);
    }
}
