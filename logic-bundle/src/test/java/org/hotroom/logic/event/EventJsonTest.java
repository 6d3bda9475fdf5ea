package org.hotroom.logic.event;

import static org.hotroom.logic.event.TestEvents.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.CanonicalJson.CanonicalJsonException;
import org.hotroom.logic.room.RoomVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonTest {

    private static String legacy(String text) {
        return new String(EventJson.encodeLegacy(json(text)), StandardCharsets.UTF_8);
    }

    /** Python 3's repr(float), which Synapse's canonical JSON writes for floats in v1-v5 events. */
    @ParameterizedTest
    @CsvSource({
        "50.57, 50.57",
        "50.570, 50.57",
        "1E5, 100000.0",
        "1.0, 1.0",
        "100, 100.0",
        "0.1, 0.1",
        "0.3, 0.3",
        "2.675, 2.675",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "1.5e-7, 1.5e-07",
        "1e15, 1000000000000000.0",
        "1e16, 1e+16",
        "1.2345e16, 1.2345e+16",
        "1e22, 1e+22",
        "1e100, 1e+100",
        "123456789012345678, 1.2345678901234568e+17",
        "9007199254740993, 9007199254740992.0",
        "0.3333333333333333, 0.3333333333333333",
        "0.6666666666666666, 0.6666666666666666",
        "5e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "-50.5, -50.5",
        "0.0, 0.0",
        "-0.0, -0.0",
    })
    void pythonFloatRepr(String number, String repr) {
        assertEquals(repr, EventJson.pythonRepr(Double.parseDouble(number)));
    }

    @Test
    void legacyEncodingWritesIntegersInFullAndFloatsAsPython() {
        assertEquals("{\"a\":123456789012345678901234567890,\"b\":50.57,\"c\":-9007199254740993,\"d\":10000000000.0,\"e\":0}",
                legacy("{\"e\": -0, \"d\": 1e10, \"c\": -9007199254740993, \"b\": 50.570, \"a\": 123456789012345678901234567890}"));
        assertThrows(CanonicalJsonException.class, () -> legacy("{\"a\": 1e400}"));
    }

    @Test
    void legacyEqualsCanonicalForCanonicalValues() {
        String text = "{\"b\": [1, -2, true, false, null, \"\\u0000\\u001f\\n\\\"\\\\\\u007f\\u2028日本\\ud83d\\ude00\"],"
                + " \"a\": {\"\": {}, \"\\ud83d\\ude00\": 1, \"\\uff21\": 2}, \"c\": 9007199254740991}";
        ObjectNode o = json(text);
        assertEquals(CanonicalJson.encodeToString(o), new String(EventJson.encodeLegacy(o), StandardCharsets.UTF_8));
    }

    @Test
    void encodeFollowsTheRoomVersion() {
        ObjectNode o = json("{\"a\": 1.0}");
        assertEquals("{\"a\":1.0}", new String(EventJson.encode(RoomVersions.V5, o), StandardCharsets.UTF_8));
        assertEquals("{\"a\":1}", new String(EventJson.encode(RoomVersions.V6, o), StandardCharsets.UTF_8));
    }

    @Test
    void strictNumbers() {
        assertNull(EventJson.strictNumberError(json("{\"a\": [1, -9007199254740991, 9007199254740991], \"b\": {\"c\": 0}}")));
        String e = EventJson.strictNumberError(json("{\"a\": {\"b\": [0, 1.0]}}"));
        assertTrue(e.contains("a.b[1]") && e.contains("fraction or exponent"), e);
        assertTrue(EventJson.strictNumberError(json("{\"a\": 1e3}")).contains("fraction or exponent"));
        e = EventJson.strictNumberError(json("{\"a\": 9007199254740992}"));
        assertTrue(e.contains("outside") && e.contains("a"), e);
        assertTrue(EventJson.strictNumberError(json("{\"a\": -99999999999999999999999}")).contains("outside"));
    }
}
