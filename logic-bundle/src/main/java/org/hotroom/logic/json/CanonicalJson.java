package org.hotroom.logic.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON, as defined in the Matrix specification appendix "Signing JSON" / "Canonical
 * JSON": the shortest UTF-8 encoding, object keys sorted by Unicode code point, no insignificant
 * whitespace, and numbers only as integers in [-(2^53)+1, 2^53-1] without exponent, fraction or
 * negative zero.
 *
 * <p>Strings escape only what the spec's grammar requires: {@code "} and {@code \}, and the
 * control characters below U+0020, as {@code \b \t \n \f \r} or <code>&#92;u00XX</code> with lower-case
 * hex. Everything else (including U+007F, U+2028 and non-ASCII) is written as raw UTF-8.
 *
 * <p>Integral numbers are normalized whatever their spelling ({@code -0} → {@code 0},
 * {@code 1e10} → {@code 10000000000}, {@code 1.0} → {@code 1}). A number with a fraction, out of
 * range, NaN or infinite, and a string with a lone surrogate, are refused with a
 * {@link CanonicalJsonException} naming where in the value it is.
 *
 * <p>The logic also writes all its responses with this encoder: deterministic bytes make shadow
 * runs of two logic builds comparable byte for byte.
 */
public final class CanonicalJson {

    /** 2^53 - 1, the largest integer canonical JSON allows. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_SAFE_INTEGER);
    private static final BigDecimal MIN = BigDecimal.valueOf(-MAX_SAFE_INTEGER);

    /** Orders strings by Unicode code point (equivalently, by their UTF-8 bytes). */
    public static final Comparator<String> CODE_POINT_ORDER = new CodePointOrder();

    /** Canonical JSON's own number rule: integers in range only. */
    private static final NumberWriter INTEGRAL = new Integral();

    // Classes of their own rather than method references: every reload loads this class anew (it
    // writes every response), and each method reference would be spun into a class at run time.
    private static final class CodePointOrder implements Comparator<String> {
        @Override
        public int compare(String a, String b) {
            return compareCodePoints(a, b);
        }
    }

    private static final class Integral implements NumberWriter {
        @Override
        public String write(JsonNode number, String where) {
            return integral(number, where);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /** Thrown for a value that has no canonical JSON form. */
    public static final class CanonicalJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public CanonicalJsonException(String message) {
            super(message);
        }
    }

    /**
     * Writes a number node, or refuses it with a {@link CanonicalJsonException} naming
     * {@code where}. Canonical JSON's own allows integers only; room versions before 6 encode
     * events with a laxer one (see {@code EventJson}).
     */
    @FunctionalInterface
    public interface NumberWriter {
        String write(JsonNode number, String where);
    }

    /** The canonical UTF-8 bytes of {@code value}. */
    public static byte[] encode(JsonNode value) {
        return encodeToString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical JSON text of {@code value} (encode it as UTF-8 to get the canonical bytes). */
    public static String encodeToString(JsonNode value) {
        return encodeToString(value, INTEGRAL);
    }

    /** Like {@link #encode(JsonNode)}, with numbers written by {@code numbers}. */
    public static byte[] encode(JsonNode value, NumberWriter numbers) {
        return encodeToString(value, numbers).getBytes(StandardCharsets.UTF_8);
    }

    private static String encodeToString(JsonNode value, NumberWriter numbers) {
        StringBuilder out = new StringBuilder(128);
        write(value, out, "$", numbers);
        return out.toString();
    }

    private static void write(JsonNode v, StringBuilder out, String where, NumberWriter numbers) {
        if (v == null) {
            throw new CanonicalJsonException("missing value at " + where);
        }
        switch (v.getNodeType()) {
            case OBJECT: {
                List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(v.properties());
                entries.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> e : entries) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    String childWhere = where + "." + e.getKey();
                    writeString(e.getKey(), out, childWhere + " (key)");
                    out.append(':');
                    write(e.getValue(), out, childWhere, numbers);
                }
                out.append('}');
                return;
            }
            case ARRAY: {
                out.append('[');
                for (int i = 0; i < v.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(v.get(i), out, where + "[" + i + "]", numbers);
                }
                out.append(']');
                return;
            }
            case STRING:
                writeString(v.textValue(), out, where);
                return;
            case BOOLEAN:
                out.append(v.booleanValue() ? "true" : "false");
                return;
            case NULL:
                out.append("null");
                return;
            case NUMBER:
                out.append(numbers.write(v, where));
                return;
            default:
                throw new CanonicalJsonException("value at " + where + " is not JSON: " + v.getNodeType());
        }
    }

    /** The canonical integer spelling of a number node, or an exception saying why there is none. */
    private static String integral(JsonNode v, String where) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            long l = v.longValue();
            if (l > MAX_SAFE_INTEGER || l < -MAX_SAFE_INTEGER) {
                throw outOfRange(where, Long.toString(l));
            }
            return Long.toString(l);
        }
        BigDecimal d;
        if (v.isDouble() || v.isFloat()) {
            double x = v.doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw new CanonicalJsonException("number at " + where + " is not finite: " + x);
            }
            d = new BigDecimal(x);
        } else if (v.isBigInteger()) {
            d = new BigDecimal(v.bigIntegerValue());
        } else {
            d = v.decimalValue();
        }
        // compare before anything that could expand a huge exponent into digits
        if (d.compareTo(MAX) > 0 || d.compareTo(MIN) < 0) {
            throw outOfRange(where, d.toString());
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new CanonicalJsonException("number at " + where + " has a fraction (" + d.toPlainString()
                    + "); canonical JSON allows integers only");
        }
        BigInteger i = d.toBigIntegerExact();
        return i.toString(); // BigInteger has no negative zero: -0 and -0.0 become "0"
    }

    private static CanonicalJsonException outOfRange(String where, String n) {
        return new CanonicalJsonException("number at " + where + " is outside [-(2^53)+1, 2^53-1]: " + n);
    }

    /**
     * Index of the first unpaired surrogate in {@code s}, or -1. (Here rather than in
     * {@link StrictJson}, whose class initialization builds a JSON parser factory: writing a
     * response, which every new logic generation does first, must not need one.)
     */
    public static int loneSurrogateIndex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static void writeString(String s, StringBuilder out, String where) {
        int bad = loneSurrogateIndex(s);
        if (bad >= 0) {
            throw new CanonicalJsonException("string at " + where + " contains a lone surrogate \\u"
                    + Integer.toHexString(s.charAt(bad)));
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Compares by Unicode code point. {@link String#compareTo} compares UTF-16 code units, which
     * puts supplementary characters (surrogate pairs, U+D800..DFFF) before U+E000..U+FFFF.
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
