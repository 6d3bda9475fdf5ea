package org.hotroom.logic.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.CanonicalJson.CanonicalJsonException;
import org.hotroom.logic.room.RoomVersion;

/**
 * The canonical JSON encoding of events, per room version: what content hashes, reference hashes,
 * signatures and the size limit are computed over.
 *
 * <p>From room version 6 events are strictly canonical JSON (fragment v6-canonical-json), and this
 * is {@link CanonicalJson}. Before v6, servers "MUST NOT strictly enforce" canonical JSON (fragment
 * v1-canonical-json) and "SHOULD be capable of handling JSON which is considered invalid by these
 * restrictions where possible" (appendices "Canonical JSON"): such events hold integers beyond
 * 2^53 and floats (fragment v1-floaty-power-levels shows {@code 50.57}). The spec defines no
 * encoding for them, so {@link #encodeLegacy} encodes them the way the reference implementation
 * (Synapse, whose canonical JSON is Python's {@code json.dumps} with sorted keys and compact
 * separators) does, so that hashes and signatures of such events agree with the servers that made
 * them:
 * <ul>
 *   <li>a number written as an integer is written in full, whatever its size;</li>
 *   <li>a number written with a fraction or an exponent is a double, written as Python's
 *       {@code repr} writes it: the shortest digits that read back as the same double, in
 *       positional notation with at least one fractional digit ({@code 50.57}, {@code 100000.0})
 *       when the decimal exponent is in [-5, 16), else as {@code 1e+16} / {@code 1.5e-05};</li>
 *   <li>infinite values are refused.</li>
 * </ul>
 * For JSON that is canonical anyway both encodings give the same bytes.
 */
public final class EventJson {

    private EventJson() {}

    /** The canonical bytes of {@code value} under the rules of {@code version}. */
    public static byte[] encode(RoomVersion version, JsonNode value) {
        return version.strictCanonicalJson() ? CanonicalJson.encode(value) : encodeLegacy(value);
    }

    /**
     * The encoding of pre-v6 events (see the class comment); equal to {@link CanonicalJson} for
     * canonical values.
     *
     * @throws CanonicalJsonException for a value with no encoding (non-finite number, lone surrogate)
     */
    public static byte[] encodeLegacy(JsonNode value) {
        return CanonicalJson.encode(value, EventJson::legacyNumber);
    }

    /**
     * Checks that every number in {@code value} is allowed in a strictly canonical event: an
     * integer written without fraction or exponent, in [-(2^53)+1, 2^53-1]. A number written as
     * {@code 1.0} or {@code 1e3} was a float to the server that sent it (JSON parsers read it as
     * one), and "numeric values may no longer be formatted as floats" (rooms/v6 "Event format").
     *
     * @return null, or a description of the first offending number and where it is
     */
    public static String strictNumberError(JsonNode value) {
        return strictNumberError(value, "");
    }

    private static String strictNumberError(JsonNode v, String where) {
        switch (v.getNodeType()) {
            case OBJECT: {
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    String err = strictNumberError(e.getValue(), where.isEmpty() ? e.getKey() : where + "." + e.getKey());
                    if (err != null) {
                        return err;
                    }
                }
                return null;
            }
            case ARRAY: {
                for (int i = 0; i < v.size(); i++) {
                    String err = strictNumberError(v.get(i), where + "[" + i + "]");
                    if (err != null) {
                        return err;
                    }
                }
                return null;
            }
            case NUMBER: {
                String at = where.isEmpty() ? "the value" : where;
                if (!v.isIntegralNumber()) {
                    return "number at " + at + " is written with a fraction or exponent (" + v.asText()
                            + "); this room version requires canonical JSON integers";
                }
                if (!v.canConvertToLong() || Math.abs(v.longValue()) > CanonicalJson.MAX_SAFE_INTEGER) {
                    return "number at " + at + " is outside [-(2^53)+1, 2^53-1] (" + v.asText()
                            + "); this room version requires canonical JSON integers";
                }
                return null;
            }
            default:
                return null;
        }
    }

    /**
     * Numbers as the reference implementation writes them in pre-v6 events (see the class
     * comment); a {@link CanonicalJsonException} for one that does not fit a double.
     */
    public static String legacyNumber(JsonNode v, String where) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        double d = v.isBigDecimal() ? Double.parseDouble(v.decimalValue().toString()) : v.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new CanonicalJsonException("number at " + where + " does not fit a double: " + v.asText());
        }
        return pythonRepr(d);
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as {@code x} (the closest
     * one when several are as short), positional when the decimal exponent is in [-5, 16) with
     * at least one digit after the point, else scientific with a sign and at least two exponent
     * digits.
     */
    static String pythonRepr(double x) {
        if (x == 0) {
            return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
        }
        boolean negative = x < 0;
        double a = Math.abs(x);
        BigDecimal shortest = shortestDigits(a).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // a = 0.DIGITS x 10^point
        int point = digits.length() - shortest.scale();
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (point <= -4 || point > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = point - 1;
            out.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (point <= 0) {
            out.append("0.");
            out.append("0".repeat(-point));
            out.append(digits);
        } else if (point >= digits.length()) {
            out.append(digits);
            out.append("0".repeat(point - digits.length()));
            out.append(".0");
        } else {
            out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return out.toString();
    }

    /** The shortest decimal (fewest significant digits) that parses back to {@code a} (positive, finite). */
    private static BigDecimal shortestDigits(double a) {
        BigDecimal exact = new BigDecimal(a);
        for (int p = 1; p < 17; p++) {
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean downOk = Double.parseDouble(down.toString()) == a;
            boolean upOk = Double.parseDouble(up.toString()) == a;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp == 0) {
                    return exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                }
                return cmp < 0 ? down : up;
            }
            if (downOk) {
                return down;
            }
            if (upOk) {
                return up;
            }
        }
        // 17 significant digits always identify a double
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
