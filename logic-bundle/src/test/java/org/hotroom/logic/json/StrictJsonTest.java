package org.hotroom.logic.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.hotroom.logic.json.JsonRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Reason reason(byte[] bytes) {
        return assertThrows(JsonRejectedException.class, () -> StrictJson.parse(bytes)).reason();
    }

    private static Reason reason(String text) {
        return reason(utf8(text));
    }

    @Test
    void parsesOrdinaryJson() {
        JsonNode n = StrictJson.parse(utf8(" {\"a\": [1, -2, 3.5, true, false, null, \"x\\n\\u00e9\\ud83d\\ude00\"], \"b\": {}} \n"));
        assertEquals(1, n.get("a").get(0).longValue());
        assertEquals("x\né\uD83D\uDE00", n.get("a").get(6).textValue());
        assertTrue(n.get("a").get(2).isBigDecimal());
        assertEquals(0, n.get("b").size());
    }

    @Test
    void scalarsAtTopLevelParseButAreNotObjects() {
        assertEquals("s", StrictJson.parse(utf8("\"s\"")).textValue());
        assertEquals(Reason.BAD_JSON, assertThrows(JsonRejectedException.class,
                () -> StrictJson.parseObject(utf8("[1]"))).reason());
        assertEquals(Reason.BAD_JSON, assertThrows(JsonRejectedException.class,
                () -> StrictJson.parseObject(utf8("null"))).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "\n\t", "{", "}", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{a:1}", "[1,]", "{\"a\":1,}",
        "{\"a\":01}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":+1}", "{\"a\":.5}", "/* c */ {}", "{} // c",
        "{\"a\":\"\\x\"}", "{\"a\":\"\u0001\"}", "{\"a\":\"line\nbreak\"}", "tru", "nul",
        // trailing tokens after the value
        "{} {}", "{}}", "{} x", "{},", "[] []", "1 2", "\"a\" \"b\""
    })
    void syntaxErrorsAreNotJson(String text) {
        assertEquals(Reason.NOT_JSON, reason(text), text);
    }

    @Test
    void invalidUtf8IsNotJson() {
        assertEquals(Reason.NOT_JSON, reason(new byte[] {'"', (byte) 0xFF, '"'}));
        assertEquals(Reason.NOT_JSON, reason(new byte[] {'"', (byte) 0xC3, '"'})); // truncated 2-byte
        assertEquals(Reason.NOT_JSON, reason(new byte[] {'"', (byte) 0x80, '"'})); // lone continuation
        assertEquals(Reason.NOT_JSON, reason(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'})); // > U+10FFFF
    }

    @Test
    void overlongUtf8IsNotJson() {
        // "/" as C0 AF, and as E0 80 AF; NUL as C0 80 (modified UTF-8)
        assertEquals(Reason.NOT_JSON, reason(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}));
        assertEquals(Reason.NOT_JSON, reason(new byte[] {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'}));
        assertEquals(Reason.NOT_JSON, reason(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}));
        // an overlong '{' outside a string
        assertEquals(Reason.NOT_JSON, reason(new byte[] {(byte) 0xC1, (byte) 0xBB, '}'}));
    }

    @Test
    void surrogatesEncodedInUtf8AreNotJson() {
        // U+D800 encoded directly as ED A0 80 (CESU-style) is invalid UTF-8
        assertEquals(Reason.NOT_JSON, reason(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}));
    }

    @Test
    void byteOrderMarkIsNotJson() {
        assertEquals(Reason.NOT_JSON, reason(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}));
    }

    @Test
    void duplicateKeysAreBadJson() {
        assertEquals(Reason.BAD_JSON, reason("{\"a\":1,\"a\":1}"));
        assertEquals(Reason.BAD_JSON, reason("{\"x\":{\"a\":1,\"b\":2,\"a\":3}}"));
        assertEquals(Reason.BAD_JSON, reason("[{\"a\":null,\"a\":null}]"));
        // the same key spelled with an escape is still the same key
        assertEquals(Reason.BAD_JSON, reason("{\"a\":1,\"\\u0061\":2}"));
        // same key in different objects is fine
        StrictJson.parse(utf8("{\"a\":{\"a\":{\"a\":1}}}"));
    }

    @Test
    void loneSurrogateEscapesAreBadJson() {
        assertEquals(Reason.BAD_JSON, reason("{\"a\":\"\\ud800\"}"));
        assertEquals(Reason.BAD_JSON, reason("{\"a\":\"\\udc00\"}"));
        assertEquals(Reason.BAD_JSON, reason("{\"a\":\"x\\ud800y\"}"));
        assertEquals(Reason.BAD_JSON, reason("{\"a\":\"\\udc00\\ud800\"}")); // reversed pair
        assertEquals(Reason.BAD_JSON, reason("{\"\\ud800\":1}")); // in a key
        assertEquals(Reason.BAD_JSON, reason("{\"\\udc00\":1}"));
        assertEquals(Reason.BAD_JSON, reason("{\"a\\ud800b\":1}"));
        assertEquals(Reason.BAD_JSON, reason("[\"\\ud83d\"]"));
        assertEquals("\uD83D\uDE00", StrictJson.parse(utf8("\"\\ud83d\\ude00\"")).textValue());
    }

    @Test
    void nestingIsLimited() {
        String ok = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        StrictJson.parse(utf8(ok));
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        assertEquals(Reason.BAD_JSON, reason(deep));
        String deepObjects = "{\"a\":".repeat(StrictJson.MAX_DEPTH + 1) + "1" + "}".repeat(StrictJson.MAX_DEPTH + 1);
        assertEquals(Reason.BAD_JSON, reason(deepObjects));
        String veryDeep = "[".repeat(100_000);
        assertEquals(Reason.BAD_JSON, reason(veryDeep));
    }

    @Test
    void numbersKeepTheirExactValue() {
        JsonNode n = StrictJson.parse(utf8("[9007199254740993, 123456789012345678901234567890, 1e10, -0, 1.0]"));
        assertEquals(9007199254740993L, n.get(0).longValue());
        assertTrue(n.get(1).isBigInteger());
        assertEquals(0, new java.math.BigDecimal("1e10").compareTo(n.get(2).decimalValue()));
        assertEquals(0, n.get(3).longValue());
    }

    @Test
    void rawNonAsciiAndEscapedControlCharactersAreFine() {
        assertEquals("日本語\u0000\u007f", StrictJson.parse(utf8("\"日本語\\u0000\u007f\"")).textValue());
    }
}
