package org.hotroom.logic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void decodesValuesAndIgnoresTheRest() {
        Query q = Query.parse("a=1&b=x%20y+z&a=2&flag&&c=%E6%97%A5&%zz=1&bad=%zz");
        assertEquals("1", q.first("a"));
        assertEquals(List.of("1", "2"), q.all("a"));
        assertEquals("x y z", q.first("b"));
        assertEquals("", q.first("flag"));
        assertEquals("日", q.first("c"));
        assertNull(q.first("missing"));
        MatrixError e = assertThrows(MatrixError.class, () -> q.first("bad"));
        assertEquals("M_INVALID_PARAM", e.errcode());
    }

    @Test
    void emptyQuery() {
        assertNull(Query.parse("").first("a"));
        assertNull(Query.parse(null).first("a"));
    }

    @Test
    void percentDecodingIsStrict() {
        assertEquals("a+b", PercentDecoding.pathSegment("a+b"));
        assertEquals("a b", PercentDecoding.queryComponent("a+b"));
        assertEquals("%", PercentDecoding.pathSegment("%25"));
        assertNull(PercentDecoding.pathSegment("%2"));
        assertNull(PercentDecoding.pathSegment("%G0"));
        assertNull(PercentDecoding.pathSegment("%FF"));
        assertNull(PercentDecoding.pathSegment("%C0%80")); // overlong NUL
    }
}
