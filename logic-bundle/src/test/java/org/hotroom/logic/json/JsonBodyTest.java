package org.hotroom.logic.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.hotroom.logic.http.MatrixError;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static JsonBody body(String json) {
        return JsonBody.of(StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void typedAccess() {
        JsonBody b = body("{\"s\":\"x\",\"t\":true,\"n\":5,\"o\":{\"u\":\"v\"},\"z\":null}");
        assertEquals("x", b.requireString("s"));
        assertTrue(b.optBoolean("t", false));
        assertFalse(b.optBoolean("missing", false));
        assertEquals(5, b.optLong("n", 0));
        assertEquals("v", b.requireObject("o").requireString("u"));
        assertNull(b.optString("z"), "null counts as absent");
        assertNull(b.optObject("missing"));
    }

    @Test
    void wrongTypesAndMissingFieldsAreBadJsonNamingTheField() {
        JsonBody b = body("{\"s\":1,\"o\":{\"u\":[]}}");
        MatrixError e = assertThrows(MatrixError.class, () -> b.requireString("s"));
        assertEquals("M_BAD_JSON", e.errcode());
        assertEquals(400, e.status());
        e = assertThrows(MatrixError.class, () -> b.requireObject("o").requireString("u"));
        assertTrue(e.getMessage().contains("o.u"), e.getMessage());
        e = assertThrows(MatrixError.class, () -> b.requireString("absent"));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertThrows(MatrixError.class, () -> b.optBoolean("s", false));
        assertThrows(MatrixError.class, () -> b.optObject("s"));
        assertThrows(MatrixError.class, () -> body("{\"n\":1.5}").optLong("n", 0));
    }
}
