package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.crypto.Ed25519;
import org.hotroom.logic.crypto.JsonSigning;
import org.hotroom.logic.crypto.KeyIds;
import org.hotroom.logic.crypto.SigningKey;
import org.hotroom.logic.crypto.UnpaddedBase64;
import org.hotroom.logic.json.Json;

/**
 * {@code sign}: {@code {"value": {...}, "server_name": S, "key_id": "ed25519:x", "seed": B64}} to
 * {@code {"signed": {...}}}: the spec's "Signing JSON" algorithm ({@link JsonSigning}), adding
 * {@code signatures.S.key_id} and keeping other signatures and {@code unsigned}. The seed is the
 * 32-byte Ed25519 seed in unpadded base64 (padded and URL-safe forms are accepted too).
 */
public final class SignTool implements Tool {

    @Override
    public String name() {
        return "sign";
    }

    @Override
    public String synopsis() {
        return "{\"value\": {...}, \"server_name\": S, \"key_id\": \"ed25519:x\", \"seed\": B64} -> {\"signed\": {...}}";
    }

    @Override
    public ObjectNode handle(ToolRequest request) {
        ObjectNode value = request.requireObject("value").deepCopy();
        String server = request.requireString("server_name");
        String keyId = request.requireString("key_id");
        if (!KeyIds.isEd25519(keyId)) {
            throw new ToolException("key_id must be ed25519:<version> with a version of [a-zA-Z0-9_], not '" + keyId + "'");
        }
        byte[] seed = UnpaddedBase64.decodeOrNull(request.requireString("seed"));
        if (seed == null || seed.length != Ed25519.SEED_BYTES) {
            throw new ToolException("seed must be a 32-byte Ed25519 seed in base64");
        }
        Ed25519 ed25519 = Ed25519.preferred();
        SigningKey key = ed25519.signingKey(seed);
        try {
            JsonSigning.sign(value, server, keyId, key, ed25519);
        } catch (IllegalArgumentException e) {
            throw new ToolException(e.getMessage());
        }
        ObjectNode out = Json.object();
        out.set("signed", value);
        return out;
    }
}
