package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.crypto.Ed25519;
import org.hotroom.logic.crypto.JsonSigning;
import org.hotroom.logic.crypto.KeyIds;
import org.hotroom.logic.crypto.UnpaddedBase64;
import org.hotroom.logic.json.Json;

/**
 * {@code verify}: {@code {"value": {...}, "server_name": S, "key_id": K, "public_key": B64}} to
 * {@code {"valid": true|false}}: whether {@code value} carries a signature by {@code S} under
 * {@code K} that verifies with the key ({@link JsonSigning}). A missing, malformed or wrong
 * signature is {@code false}, with a {@code "reason"}; a request that names no usable key is an
 * error.
 */
public final class VerifyTool implements Tool {

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String synopsis() {
        return "{\"value\": {...}, \"server_name\": S, \"key_id\": K, \"public_key\": B64} -> {\"valid\": bool}";
    }

    @Override
    public ObjectNode handle(ToolRequest request) {
        ObjectNode value = request.requireObject("value");
        String server = request.requireString("server_name");
        String keyId = request.requireString("key_id");
        if (!KeyIds.isEd25519(keyId)) {
            throw new ToolException("key_id must be ed25519:<version> with a version of [a-zA-Z0-9_], not '" + keyId + "'");
        }
        byte[] publicKey = UnpaddedBase64.decodeOrNull(request.requireString("public_key"));
        if (publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_BYTES) {
            throw new ToolException("public_key must be a 32-byte Ed25519 public key in base64");
        }
        JsonSigning.Check check = JsonSigning.verify(value, server, keyId, publicKey);
        ObjectNode out = Json.object();
        out.put("valid", check.valid());
        if (!check.valid()) {
            out.put("reason", switch (check) {
                case MISSING -> "no signature by " + server + " under " + keyId;
                case NO_KNOWN_KEY -> "no signature by " + server + " under a key that was given";
                case MALFORMED -> "the signatures object or the signature is malformed";
                default -> "the signature does not verify with this key";
            });
        }
        return out;
    }
}
