package org.hotroom.logic.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.logic.json.CanonicalJson.CanonicalJsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    private static String canon(String json) {
        byte[] out = CanonicalJson.encode(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8)));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static CanonicalJsonException refused(String json) {
        return assertThrows(CanonicalJsonException.class,
                () -> CanonicalJson.encode(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8))));
    }

    /** The examples of the spec's appendix "Canonical JSON" / "Examples", in order. */
    @Test
    void specExamples() {
        assertEquals("{}", canon("{}"));
        assertEquals("{\"one\":1,\"two\":\"Two\"}", canon("{\n    \"one\": 1,\n    \"two\": \"Two\"\n}"));
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}", canon("{\n    \"b\": \"2\",\n    \"a\": \"1\"\n}"));
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}", canon("{\"b\":\"2\",\"a\":\"1\"}"));
        assertEquals("{\"auth\":{\"mxid\":\"@john.doe:example.com\",\"profile\":{\"display_name\":\"John Doe\","
                + "\"three_pids\":[{\"address\":\"john.doe@example.org\",\"medium\":\"email\"},"
                + "{\"address\":\"123456789\",\"medium\":\"msisdn\"}]},\"success\":true}}",
                canon("{\n \"auth\": {\n  \"success\": true,\n  \"mxid\": \"@john.doe:example.com\",\n"
                        + "  \"profile\": {\n   \"display_name\": \"John Doe\",\n   \"three_pids\": [\n"
                        + "    {\"medium\": \"email\", \"address\": \"john.doe@example.org\"},\n"
                        + "    {\"medium\": \"msisdn\", \"address\": \"123456789\"}\n   ]\n  }\n }\n}"));
        assertEquals("{\"a\":\"日本語\"}", canon("{\n    \"a\": \"日本語\"\n}"));
        assertEquals("{\"日\":1,\"本\":2}", canon("{\n    \"本\": 2,\n    \"日\": 1\n}"));
        assertEquals("{\"a\":\"日\"}", canon("{\n    \"a\": \"\\u65E5\"\n}"));
        assertEquals("{\"a\":null}", canon("{\n    \"a\": null\n}"));
        assertEquals("{\"a\":0,\"b\":10000000000}", canon("{\n    \"a\": -0,\n    \"b\": 1e10\n}"));
    }

    @Test
    void outputIsUtf8WithRawNonAscii() {
        byte[] out = CanonicalJson.encode(StrictJson.parse("{\"a\":\"\\u00e9\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("{\"a\":\"é😀\"}".getBytes(StandardCharsets.UTF_8), out);
    }

    @Test
    void keysSortByCodePointNotUtf16() {
        // U+1F600 (a surrogate pair, D83D DE00) sorts after U+FF21 by code point, before it by UTF-16 unit
        String emoji = "\uD83D\uDE00";
        String fullwidthA = "\uFF21";
        assertTrue(emoji.compareTo(fullwidthA) < 0, "String.compareTo uses UTF-16 units");
        ObjectNode o = Json.object();
        o.put(emoji, 1);
        o.put(fullwidthA, 2);
        o.put("b", 3);
        o.put("", 4);
        o.put("B", 5);
        o.put("ab", 6);
        o.put("a", 7);
        assertEquals("{\"\":4,\"B\":5,\"a\":7,\"ab\":6,\"b\":3,\"" + fullwidthA + "\":2,\"" + emoji + "\":1}",
                CanonicalJson.encodeToString(o));
    }

    @Test
    void codePointOrderMatchesUtf8ByteOrder() {
        List<String> samples = new ArrayList<>(List.of("", "a", "ab", "\u007f", "\u0080", "\u07ff", "\u0800",
                "\uD7FF", "\uE000", "\uFFFF", "\uD800\uDC00", "\uDBFF\uDFFF", "a\uD83D\uDE00", "a\uFF21"));
        for (String x : samples) {
            for (String y : samples) {
                int byCodePoint = Integer.signum(CanonicalJson.compareCodePoints(x, y));
                int byBytes = Integer.signum(java.util.Arrays.compareUnsigned(
                        x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
                assertEquals(byBytes, byCodePoint, x + " vs " + y);
            }
        }
    }

    @Test
    void escapesOnlyWhatTheGrammarRequires() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        String expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019"
                + "\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"";
        assertEquals(expected, CanonicalJson.encodeToString(TextNode.valueOf(controls.toString())));
        assertEquals("\"\\\"\\\\/\u007f\u2028\u2029<>&'\"",
                CanonicalJson.encodeToString(TextNode.valueOf("\"\\/\u007f\u2028\u2029<>&'")));
        // escaped input that needs no escape comes out raw
        assertEquals("[\"/\",\"A\",\"\u007f\"]", canon("[\"\\/\",\"\\u0041\",\"\\u007F\"]"));
    }

    @Test
    void removesInsignificantWhitespace() {
        assertEquals("[1,[2,{\"a\":[]}],{}]", canon(" [ 1 ,\n[ 2 , { \"a\" : [ ] } ] , { } ] "));
        assertEquals("{\"a b\":\" c \"}", canon("{ \"a b\" : \" c \" }"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-0 | 0", "-0.0 | 0", "0.0 | 0", "1.0 | 1", "1e10 | 10000000000", "1E+2 | 100", "-1.50e2 | -150",
        "12300e-2 | 123", "9007199254740991 | 9007199254740991", "-9007199254740991 | -9007199254740991",
        "9007199254740991.0 | 9007199254740991", "0e999999 | 0"
    })
    void integralNumbersAreNormalized(String in, String out) {
        assertEquals("[" + out + "]", canon("[" + in + "]"));
    }

    @Test
    void fractionsAndOutOfRangeNumbersAreRefused() {
        assertTrue(refused("{\"a\":{\"b\":[0,1.5]}}").getMessage().contains("$.a.b[1]"));
        assertTrue(refused("[1.5]").getMessage().contains("fraction"));
        refused("[0.1]");
        refused("[1e-1]");
        assertTrue(refused("[9007199254740992]").getMessage().contains("outside"));
        refused("[-9007199254740992]");
        refused("[1e16]");
        refused("[123456789012345678901234567890]");
        refused("[1e999999999]"); // must fail fast, not expand the exponent
    }

    @Test
    void otherNumberNodesAreHandled() {
        assertEquals("3", CanonicalJson.encodeToString(DoubleNode.valueOf(3.0)));
        assertEquals("0", CanonicalJson.encodeToString(DoubleNode.valueOf(-0.0)));
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(DoubleNode.valueOf(Double.NaN)));
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(DoubleNode.valueOf(Double.POSITIVE_INFINITY)));
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(DoubleNode.valueOf(0.5)));
        assertEquals("42", CanonicalJson.encodeToString(BigIntegerNode.valueOf(BigInteger.valueOf(42))));
        assertEquals("-7", CanonicalJson.encodeToString(DecimalNode.valueOf(new BigDecimal("-7.000"))));
    }

    @Test
    void loneSurrogatesCannotBeEncoded() {
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(TextNode.valueOf("a\uD800")));
        ObjectNode o = Json.object();
        o.put("\uDC00", 1);
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(o));
    }
}
