package org.hotroom.logic.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hotroom.logic.json.CanonicalJson;

/**
 * Rule 4.4.1.7 (v6–11 numbering; 5.3.1.7 in v1–5, 5.4.1.7 in v12): "If any signature in
 * {@code signed} matches any public key in the {@code m.room.third_party_invite} event, allow. The
 * public keys are in {@code content} of {@code m.room.third_party_invite} as: a single public key
 * in the {@code public_key} property; a list of public keys in the {@code public_keys} property."
 *
 * <p>"Matches" is the appendix's "Checking for a signature": the signed bytes are the canonical
 * JSON of {@code signed} without {@code signatures} and {@code unsigned}; only signatures whose key
 * ID has the {@code ed25519:} algorithm are understood; keys and signatures are base64 (standard or
 * URL-safe alphabet, padded or not). Each entry of {@code public_keys} is an object whose
 * {@code public_key} is the key.
 */
final class ThirdPartyInviteSignatures {

    /** The outcome, with a description for the reason. */
    record Result(boolean matched, String detail) {}

    private ThirdPartyInviteSignatures() {}

    static Result check(JsonNode signed, JsonNode tpiContent, SignatureVerifier verifier) {
        List<byte[]> keys = new ArrayList<>();
        int badKeys = 0;
        JsonNode single = tpiContent.get("public_key");
        if (single != null) {
            byte[] k = single.isTextual() ? base64(single.textValue()) : null;
            if (k != null) {
                keys.add(k);
            } else {
                badKeys++;
            }
        }
        JsonNode list = tpiContent.get("public_keys");
        if (list != null && list.isArray()) {
            for (JsonNode entry : list) {
                JsonNode pk = entry.isObject() ? entry.get("public_key") : null;
                byte[] k = pk != null && pk.isTextual() ? base64(pk.textValue()) : null;
                if (k != null) {
                    keys.add(k);
                } else {
                    badKeys++;
                }
            }
        }
        if (keys.isEmpty()) {
            return new Result(false, "the m.room.third_party_invite event has no usable public key"
                    + " (content.public_key / content.public_keys[].public_key, base64)"
                    + (badKeys > 0 ? "; " + badKeys + " could not be decoded" : ""));
        }
        JsonNode sigs = signed.get("signatures");
        if (sigs == null || !sigs.isObject() || sigs.isEmpty()) {
            return new Result(false, "content.third_party_invite.signed has no signatures");
        }
        byte[] message;
        try {
            ObjectNode copy = ((ObjectNode) signed).deepCopy();
            copy.remove("signatures");
            copy.remove("unsigned");
            message = CanonicalJson.encode(copy);
        } catch (CanonicalJson.CanonicalJsonException e) {
            return new Result(false, "content.third_party_invite.signed has no canonical JSON form: " + e.getMessage());
        }
        int tried = 0;
        for (Map.Entry<String, JsonNode> server : sigs.properties()) {
            if (!server.getValue().isObject()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> sig : server.getValue().properties()) {
                if (!sig.getKey().startsWith("ed25519:") || !sig.getValue().isTextual()) {
                    continue;
                }
                byte[] s = base64(sig.getValue().textValue());
                if (s == null) {
                    continue;
                }
                for (byte[] k : keys) {
                    tried++;
                    if (verifier.verify(k, message, s)) {
                        return new Result(true, "signature " + server.getKey() + "/" + sig.getKey()
                                + " verifies with a public key of the m.room.third_party_invite event");
                    }
                }
            }
        }
        return new Result(false, tried == 0
                ? "content.third_party_invite.signed has no decodable ed25519 signature"
                : "none of the ed25519 signatures in content.third_party_invite.signed verifies with the "
                        + keys.size() + " public key(s) of the m.room.third_party_invite event");
    }

    /** Standard or URL-safe base64, padded or not; null when not base64. */
    static byte[] base64(String s) {
        String t = s.replace('-', '+').replace('_', '/');
        int end = t.length();
        while (end > 0 && t.charAt(end - 1) == '=') {
            end--;
        }
        t = t.substring(0, end);
        if (t.length() % 4 == 1) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(t + "==".substring(0, (4 - t.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
