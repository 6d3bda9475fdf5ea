package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hotroom.logic.crypto.JsonSigning.Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spec's "Cryptographic Test Vectors" (appendices) and the rules of "Checking for a Signature". */
class JsonSigningTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] SEED = UnpaddedBase64.decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1");
    private static final String SERVER = "domain";
    private static final String KEY_ID = "ed25519:1";

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Ed25519 ed() {
        return Candidates.get("sodium-jna-function");
    }

    private static SigningKey key() {
        return ed().signingKey(SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sodium-jna-function", "bouncycastle", "jdk"})
    void signsTheSpecsEmptyObject(String candidate) {
        Ed25519 ed = Candidates.get(candidate);
        ObjectNode signed = JsonSigning.sign(json("{}"), SERVER, KEY_ID, ed.signingKey(SEED), ed);
        assertEquals(json("""
                {"signatures": {"domain": {"ed25519:1":
                  "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ"}}}"""), signed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sodium-jna-function", "bouncycastle", "jdk"})
    void signsTheSpecsObjectWithData(String candidate) {
        Ed25519 ed = Candidates.get(candidate);
        ObjectNode signed = JsonSigning.sign(json("{\"one\": 1, \"two\": \"Two\"}"), SERVER, KEY_ID, ed.signingKey(SEED), ed);
        assertEquals(json("""
                {"one": 1, "signatures": {"domain": {"ed25519:1":
                  "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw"}},
                 "two": "Two"}"""), signed);
    }

    @Test
    void verifiesTheSpecsSignedObjects() {
        byte[] publicKey = key().publicKey();
        ObjectNode empty = json("""
                {"signatures": {"domain": {"ed25519:1":
                  "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ"}}}""");
        assertEquals(Check.VALID, JsonSigning.verify(empty, SERVER, KEY_ID, publicKey, ed()));
        ObjectNode data = json("""
                {"one": 1, "signatures": {"domain": {"ed25519:1":
                  "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw"}},
                 "two": "Two"}""");
        assertEquals(Check.VALID, JsonSigning.verify(data, SERVER, KEY_ID, publicKey, ed()));
        data.put("two", "Three");
        assertEquals(Check.INVALID, JsonSigning.verify(data, SERVER, KEY_ID, publicKey, ed()));
    }

    @Test
    void verifiesTheSpecsMinimalSignedEvent() {
        // redaction keeps every key of this event, so its signature covers it as it stands (less unsigned)
        ObjectNode event = json("""
                {"auth_events": [], "content": {}, "depth": 3,
                 "hashes": {"sha256": "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos"},
                 "origin": "domain", "origin_server_ts": 1000000, "prev_events": [], "room_id": "!x:domain",
                 "sender": "@a:domain",
                 "signatures": {"domain": {"ed25519:1":
                   "KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg"}},
                 "type": "X", "unsigned": {"age_ts": 1000000}}""");
        assertEquals(Check.VALID, JsonSigning.verify(event, SERVER, KEY_ID, key().publicKey(), ed()));
        event.put("depth", 4);
        assertEquals(Check.INVALID, JsonSigning.verify(event, SERVER, KEY_ID, key().publicKey(), ed()));
    }

    @Test
    void signaturesAndUnsignedAreNotSigned() {
        ObjectNode a = json("{\"a\": 1}");
        ObjectNode b = json("{\"a\": 1, \"unsigned\": {\"age\": 5}, \"signatures\": {\"x\": {\"ed25519:k\": \"abc\"}}}");
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), JsonSigning.signedBytes(b));
        assertEquals(JsonSigning.signature(a, key(), ed()), JsonSigning.signature(b, key(), ed()));
        // signing keeps unsigned and other signatures, and does not sign them
        ObjectNode signed = JsonSigning.sign(b, SERVER, KEY_ID, key(), ed());
        assertSame(b, signed);
        assertEquals(5, signed.get("unsigned").get("age").intValue());
        assertEquals("abc", signed.get("signatures").get("x").get("ed25519:k").textValue());
        signed.withObjectProperty("unsigned").put("age", 6);
        assertEquals(Check.VALID, JsonSigning.verify(signed, SERVER, KEY_ID, key().publicKey(), ed()));
    }

    @Test
    void aSecondSignatureByTheSameServerIsAdded() {
        Ed25519 ed = ed();
        SigningKey second = ed.signingKey(Rfc8032Vectors.TEST_1.seed());
        ObjectNode o = JsonSigning.sign(json("{\"k\": \"v\"}"), SERVER, KEY_ID, key(), ed);
        JsonSigning.sign(o, SERVER, "ed25519:2", second, ed);
        JsonSigning.sign(o, "other.example", "ed25519:x", second, ed);
        assertEquals(2, o.get("signatures").get(SERVER).size());
        JsonSigning.Prepared p = JsonSigning.prepare(o);
        assertEquals(Check.VALID, p.verify(SERVER, KEY_ID, key().publicKey(), ed));
        assertEquals(Check.VALID, p.verify(SERVER, "ed25519:2", second.publicKey(), ed));
        assertEquals(Check.VALID, p.verify("other.example", "ed25519:x", second.publicKey(), ed));
        assertEquals(Check.INVALID, p.verify(SERVER, "ed25519:2", key().publicKey(), ed));
        assertEquals(Check.VALID, p.verifyEntity(SERVER, Map.of(KEY_ID, key().publicKey(), "ed25519:2", second.publicKey()), ed));
        assertEquals(Check.VALID, p.verifyEntity(SERVER, Map.of("ed25519:2", second.publicKey()), ed));
        assertEquals(Check.INVALID, p.verifyEntity(SERVER, Map.of(KEY_ID, key().publicKey(), "ed25519:2", key().publicKey()), ed));
        assertEquals(Check.NO_KNOWN_KEY, p.verifyEntity(SERVER, Map.of("ed25519:3", key().publicKey()), ed));
        assertEquals(Check.MISSING, p.verifyEntity("nobody.example", Map.of(KEY_ID, key().publicKey()), ed));
    }

    @Test
    void signaturesUnderOtherAlgorithmsAreIgnored() {
        ObjectNode o = JsonSigning.sign(json("{}"), SERVER, KEY_ID, key(), ed());
        o.withObjectProperty("signatures").withObjectProperty(SERVER).put("curve25519:1", "whatever");
        JsonSigning.Prepared p = JsonSigning.prepare(o);
        assertEquals(Check.VALID, p.verifyEntity(SERVER, Map.of(KEY_ID, key().publicKey(), "curve25519:1", new byte[32]), ed()));
        assertEquals(Check.NO_KNOWN_KEY, p.verifyEntity(SERVER, Map.of("curve25519:1", new byte[32]), ed()));
        assertEquals(Check.NO_KNOWN_KEY, p.verify(SERVER, "curve25519:1", new byte[32], ed()));
    }

    @Test
    void missingAndMalformed() {
        byte[] pk = key().publicKey();
        assertEquals(Check.MISSING, JsonSigning.verify(json("{}"), SERVER, KEY_ID, pk, ed()));
        assertEquals(Check.MISSING, JsonSigning.verify(json("{\"signatures\": {}}"), SERVER, KEY_ID, pk, ed()));
        assertEquals(Check.MISSING, JsonSigning.verify(json("{\"signatures\": {\"domain\": {}}}"), SERVER, KEY_ID, pk, ed()));
        assertEquals(Check.MALFORMED, JsonSigning.verify(json("{\"signatures\": []}"), SERVER, KEY_ID, pk, ed()));
        assertEquals(Check.MALFORMED, JsonSigning.verify(json("{\"signatures\": {\"domain\": \"x\"}}"), SERVER, KEY_ID, pk, ed()));
        assertEquals(Check.MALFORMED, JsonSigning.verify(json("{\"signatures\": {\"domain\": {\"ed25519:1\": 5}}}"), SERVER, KEY_ID, pk, ed()));
        assertEquals(Check.MALFORMED, JsonSigning.verify(json("{\"signatures\": {\"domain\": {\"ed25519:1\": \"!!\"}}}"), SERVER, KEY_ID, pk, ed()));
        assertEquals(Check.MALFORMED, JsonSigning.verify(json("{\"signatures\": {\"domain\": {\"ed25519:1\": \"AAAA\"}}}"), SERVER, KEY_ID, pk, ed()));
    }

    @Test
    void aPaddedOrUrlSafeSignatureIsAccepted() {
        ObjectNode o = JsonSigning.sign(json("{\"a\": \"b\"}"), SERVER, KEY_ID, key(), ed());
        byte[] signature = UnpaddedBase64.decode(o.get("signatures").get(SERVER).get(KEY_ID).textValue());
        o.withObjectProperty("signatures").withObjectProperty(SERVER).put(KEY_ID, java.util.Base64.getUrlEncoder().encodeToString(signature));
        assertEquals(Check.VALID, JsonSigning.verify(o, SERVER, KEY_ID, key().publicKey(), ed()));
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> JsonSigning.sign(json("{}"), SERVER, "ed25519:a-b", key(), ed()));
        assertThrows(IllegalArgumentException.class, () -> JsonSigning.sign(json("{}"), SERVER, "curve25519:1", key(), ed()));
        assertThrows(IllegalArgumentException.class, () -> JsonSigning.sign(json("{}"), "", KEY_ID, key(), ed()));
        assertThrows(IllegalArgumentException.class, () -> JsonSigning.sign(json("{\"signatures\": 1}"), SERVER, KEY_ID, key(), ed()));
        assertThrows(IllegalArgumentException.class,
                () -> JsonSigning.sign(json("{\"signatures\": {\"domain\": []}}"), SERVER, KEY_ID, key(), ed()));
    }

    @Test
    void thePreferredImplementationIsUsedByDefault() {
        ObjectNode o = JsonSigning.sign(json("{}"), SERVER, KEY_ID, key());
        assertEquals(Check.VALID, JsonSigning.verify(o, SERVER, KEY_ID, key().publicKey()));
    }
}
