package org.hotroom.logic.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.hotroom.logic.json.JsonRejectedException.Reason;

/**
 * The one way the logic reads JSON it did not write itself: request bodies and, later, anything
 * fetched from other servers.
 *
 * <p>Jackson alone is lenient where Matrix must be strict, so parsing is done in three layers:
 * <ol>
 *   <li>The bytes are decoded as UTF-8 with a reporting decoder. The JDK's decoder refuses
 *       overlong forms ({@code C0 AF}), encoded surrogates ({@code ED A0 80}), code points above
 *       U+10FFFF and truncated sequences; Jackson's byte parser does not check overlongs. A byte
 *       order mark is refused too (RFC 8259 forbids sending one).</li>
 *   <li>Jackson's streaming parser (strict by default: no comments, no single quotes, no NaN, no
 *       leading zeros, no raw control characters) tokenizes the text.</li>
 *   <li>This class builds the tree itself from the tokens so it can tell syntax errors
 *       ({@link Reason#NOT_JSON}) from JSON that Matrix refuses ({@link Reason#BAD_JSON}):
 *       duplicate keys, nesting deeper than {@link #MAX_DEPTH}, and lone surrogate escapes such
 *       as <code>"&#92;ud800"</code>, which Jackson decodes without complaint. Anything after the first
 *       value is refused as {@link Reason#NOT_JSON}.</li>
 * </ol>
 * Jackson's own {@code STRICT_DUPLICATE_DETECTION} is deliberately left off: it fails inside the
 * tokenizer with a generic parse exception, indistinguishable from a syntax error. Its nesting
 * limit is set to the same {@link #MAX_DEPTH} as a second guard.
 *
 * <p>Integers become {@link LongNode} or {@link BigIntegerNode}; numbers with a fraction or an
 * exponent become {@link DecimalNode} with their exact value, so {@link CanonicalJson} can decide
 * whether they are integral.
 */
public final class StrictJson {

    /** The deepest nesting of objects and arrays accepted; {@code {}} is depth 1. */
    public static final int MAX_DEPTH = 100;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrictJson() {}

    /** Parses one JSON value of any type. */
    public static JsonNode parse(byte[] bytes) {
        String text = decodeUtf8(bytes);
        if (text.isEmpty()) {
            throw new JsonRejectedException(Reason.NOT_JSON, "empty body, expected JSON");
        }
        if (text.charAt(0) == '\uFEFF') {
            throw new JsonRejectedException(Reason.NOT_JSON, "JSON must not start with a byte order mark");
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonRejectedException(Reason.NOT_JSON, "no JSON value in the body");
            }
            JsonNode value = read(p, first, 0);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new JsonRejectedException(Reason.NOT_JSON, "unexpected data after the JSON value");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new JsonRejectedException(Reason.BAD_JSON, "JSON exceeds a limit: " + firstLine(e));
        } catch (JsonProcessingException e) {
            // Jackson checks surrogate pairs in object keys itself (not in values). The text was
            // decoded from strict UTF-8, so it holds no raw lone surrogate: the complaint is about
            // an escape, which is JSON Matrix refuses rather than a syntax error.
            String m = firstLine(e);
            if (m.toLowerCase(java.util.Locale.ROOT).contains("surrogate")) {
                throw new JsonRejectedException(Reason.BAD_JSON, "object key contains a lone surrogate: " + m);
            }
            throw new JsonRejectedException(Reason.NOT_JSON, "invalid JSON: " + m);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonRejectedException(Reason.BAD_JSON, "unusable number: " + e.getMessage());
        } catch (IOException e) {
            // Parsing a String does no IO; anything else is a parse failure Jackson did not classify.
            throw new JsonRejectedException(Reason.NOT_JSON, "invalid JSON: " + e.getMessage());
        }
    }

    /** Parses a JSON object; any other top-level value is {@link Reason#BAD_JSON}. */
    public static ObjectNode parseObject(byte[] bytes) {
        JsonNode node = parse(bytes);
        if (!(node instanceof ObjectNode o)) {
            throw new JsonRejectedException(Reason.BAD_JSON,
                    "expected a JSON object, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return o;
    }

    /** Strict UTF-8 decoding; malformed input is {@link Reason#NOT_JSON}. */
    static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new JsonRejectedException(Reason.NOT_JSON, "body is not valid UTF-8");
        }
    }

    private static JsonNode read(JsonParser p, JsonToken t, int depth) throws IOException {
        switch (t) {
            case START_OBJECT: {
                checkDepth(depth + 1);
                ObjectNode obj = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    // the tokenizer guarantees FIELD_NAME here
                    String name = checkedString(p.currentName(), "object key");
                    JsonNode v = read(p, p.nextToken(), depth + 1);
                    if (obj.has(name)) {
                        throw new JsonRejectedException(Reason.BAD_JSON, "duplicate key in object: " + quoteForMessage(name));
                    }
                    obj.set(name, v);
                }
                return obj;
            }
            case START_ARRAY: {
                checkDepth(depth + 1);
                ArrayNode arr = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    arr.add(read(p, e, depth + 1));
                }
                return arr;
            }
            case VALUE_STRING:
                return TextNode.valueOf(checkedString(p.getText(), "string"));
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? BigIntegerNode.valueOf(p.getBigIntegerValue())
                        : LongNode.valueOf(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return DecimalNode.valueOf(p.getDecimalValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                throw new JsonRejectedException(Reason.NOT_JSON, "unexpected token " + t);
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonRejectedException(Reason.BAD_JSON, "JSON nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** Refuses strings holding a surrogate that is not part of a pair (only reachable by escapes). */
    private static String checkedString(String s, String what) {
        int bad = loneSurrogateIndex(s);
        if (bad >= 0) {
            throw new JsonRejectedException(Reason.BAD_JSON, what + " contains a lone surrogate \\u"
                    + Integer.toHexString(s.charAt(bad)));
        }
        return s;
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1 (see {@link CanonicalJson#loneSurrogateIndex}). */
    public static int loneSurrogateIndex(String s) {
        return CanonicalJson.loneSurrogateIndex(s);
    }

    private static String quoteForMessage(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return "\"" + cut + "\"";
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
