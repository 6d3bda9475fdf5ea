package org.hotroom.logic.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sign} and {@code verify} against the spec's "Signing JSON" examples (appendices). */
class SignVerifyToolTest {

    static final String SEED = "YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1";
    static final String PUBLIC_KEY = "XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI";
    static final String EMPTY_SIGNATURE =
            "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ";
    static final String ONE_TWO_SIGNATURE =
            "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw";

    private static List<JsonNode> run(String tool, String... lines) throws IOException {
        return ToolMainTest.runLines(tool, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String value) {
        return "{\"value\": " + value + ", \"server_name\": \"domain\", \"key_id\": \"ed25519:1\", \"seed\": \""
                + SEED + "\"}";
    }

    @Test
    void signsTheSpecsExamples() throws IOException {
        List<JsonNode> out = run("sign", sign("{}"), sign("{\"one\": 1, \"two\": \"Two\"}"));
        assertEquals(EMPTY_SIGNATURE, out.get(0).at("/signed/signatures/domain/ed25519:1").asText(), out.get(0).toString());
        assertEquals(ONE_TWO_SIGNATURE, out.get(1).at("/signed/signatures/domain/ed25519:1").asText());
        assertEquals("Two", out.get(1).at("/signed/two").asText());
    }

    @Test
    void signingKeepsUnsignedAndOtherSignatures() throws IOException {
        JsonNode out = run("sign", sign("{\"one\": 1, \"two\": \"Two\", \"unsigned\": {\"age_ts\": 5},"
                + " \"signatures\": {\"other\": {\"ed25519:x\": \"abc\"}}}")).get(0);
        // unsigned and signatures are not covered, so the signature is the spec's
        assertEquals(ONE_TWO_SIGNATURE, out.at("/signed/signatures/domain/ed25519:1").asText());
        assertEquals("abc", out.at("/signed/signatures/other/ed25519:x").asText());
        assertEquals(5, out.at("/signed/unsigned/age_ts").asInt());
    }

    @Test
    void verifiesWhatWasSignedAndNothingElse() throws IOException {
        String signed = "{\"one\": 1, \"two\": \"Two\", \"signatures\": {\"domain\": {\"ed25519:1\": \""
                + ONE_TWO_SIGNATURE + "\"}}}";
        String tampered = signed.replace("\"Two\"", "\"Three\"");
        List<JsonNode> out = run("verify",
                verify(signed, "domain", "ed25519:1"),
                verify(tampered, "domain", "ed25519:1"),
                verify(signed, "elsewhere", "ed25519:1"),
                verify(signed.replace(ONE_TWO_SIGNATURE, "not-base64!"), "domain", "ed25519:1"));
        assertTrue(out.get(0).path("valid").asBoolean(), out.get(0).toString());
        assertFalse(out.get(1).path("valid").asBoolean());
        assertFalse(out.get(2).path("valid").asBoolean());
        assertTrue(out.get(2).path("reason").asText().contains("no signature by elsewhere"));
        assertFalse(out.get(3).path("valid").asBoolean());
    }

    private static String verify(String value, String server, String keyId) {
        return "{\"value\": " + value + ", \"server_name\": \"" + server + "\", \"key_id\": \"" + keyId
                + "\", \"public_key\": \"" + PUBLIC_KEY + "\"}";
    }

    @Test
    void badKeysAndRequestsAreErrorsOnTheirLine() throws IOException {
        List<JsonNode> out = run("sign",
                "{\"value\": {}, \"server_name\": \"d\", \"key_id\": \"ed25519:1\", \"seed\": \"c2hvcnQ\"}",
                "{\"value\": {}, \"server_name\": \"d\", \"key_id\": \"rsa:1\", \"seed\": \"" + SEED + "\"}",
                "{\"value\": [], \"server_name\": \"d\", \"key_id\": \"ed25519:1\", \"seed\": \"" + SEED + "\"}",
                sign("{}"));
        assertTrue(ToolMainTest.error(out.get(0)).contains("32-byte"));
        assertTrue(ToolMainTest.error(out.get(1)).contains("ed25519"));
        ToolMainTest.error(out.get(2));
        assertEquals(EMPTY_SIGNATURE, out.get(3).at("/signed/signatures/domain/ed25519:1").asText());
        List<JsonNode> v = run("verify", "{\"value\": {}, \"server_name\": \"d\", \"key_id\": \"ed25519:1\","
                + " \"public_key\": \"AAAA\"}");
        assertTrue(ToolMainTest.error(v.get(0)).contains("public_key"));
    }
}
