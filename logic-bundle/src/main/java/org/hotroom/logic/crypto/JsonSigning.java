package org.hotroom.logic.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.hotroom.logic.json.CanonicalJson;

/**
 * Signing JSON (spec appendix "Signing JSON"): the signature covers the canonical JSON of the
 * object without its {@code signatures} and {@code unsigned} members, and is kept under
 * {@code signatures.<entity>.<key ID>} in unpadded base64.
 *
 * <p>To check several signatures of one object (an event signed by its origin and by the sender's
 * server, say), {@link #prepare} it once: the canonical form is computed once and each check only
 * verifies.
 *
 * <p>This is the appendix's algorithm only. Events are signed over their <em>redacted</em> form and
 * carry content hashes; that belongs with the event code, which calls this with the redacted event.
 */
public final class JsonSigning {

    public static final String SIGNATURES = "signatures";
    public static final String UNSIGNED = "unsigned";

    private JsonSigning() {}

    /** The outcome of checking one entity's signature. */
    public enum Check {
        /** A signature by the given key verifies. */
        VALID,
        /** No signature by that entity (and key ID) is present. */
        MISSING,
        /** Signatures by the entity are present, but none under an Ed25519 key ID whose key was given. */
        NO_KNOWN_KEY,
        /** The {@code signatures} member, or the signature itself, is not what the spec says (not an object, not base64, not 64 bytes). */
        MALFORMED,
        /** A signature is present and well-formed but does not verify. */
        INVALID;

        public boolean valid() {
            return this == VALID;
        }
    }

    /** The bytes that signatures cover: canonical JSON of {@code json} without {@code signatures} and {@code unsigned}. */
    public static byte[] signedBytes(ObjectNode json) {
        if (!json.has(SIGNATURES) && !json.has(UNSIGNED)) {
            return CanonicalJson.encode(json);
        }
        // a shallow copy shares the (unmodified) children
        ObjectNode stripped = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(SIGNATURES) && !e.getKey().equals(UNSIGNED)) {
                stripped.set(e.getKey(), e.getValue());
            }
        }
        return CanonicalJson.encode(stripped);
    }

    /** The unpadded base64 signature of {@code json} by {@code key} (the object is not changed). */
    public static String signature(ObjectNode json, SigningKey key, Ed25519 ed25519) {
        return UnpaddedBase64.encode(ed25519.sign(key, signedBytes(json)));
    }

    /**
     * Signs {@code json} in place, as the spec's {@code sign_json} does: adds (or replaces)
     * {@code signatures.<entity>.<keyId>}, keeping other signatures and {@code unsigned}.
     *
     * @return {@code json}
     * @throws IllegalArgumentException if {@code keyId} is not {@code ed25519:[a-zA-Z0-9_]+}, the entity is
     *     empty, or {@code signatures} (or the entity's entry) exists and is not an object
     */
    public static ObjectNode sign(ObjectNode json, String entity, String keyId, SigningKey key, Ed25519 ed25519) {
        KeyIds.requireEd25519(keyId);
        if (entity == null || entity.isEmpty()) {
            throw new IllegalArgumentException("no signing entity (server name)");
        }
        JsonNode signatures = json.get(SIGNATURES);
        if (signatures != null && !signatures.isObject()) {
            throw new IllegalArgumentException("'signatures' is not an object");
        }
        JsonNode mine = signatures == null ? null : signatures.get(entity);
        if (mine != null && !mine.isObject()) {
            throw new IllegalArgumentException("'signatures." + entity + "' is not an object");
        }
        String signature = signature(json, key, ed25519);
        ObjectNode all = signatures == null ? json.putObject(SIGNATURES) : (ObjectNode) signatures;
        ObjectNode entry = mine == null ? all.putObject(entity) : (ObjectNode) mine;
        entry.put(keyId, signature);
        return json;
    }

    /** {@link #sign(ObjectNode, String, String, SigningKey, Ed25519)} with {@link Ed25519#preferred()}. */
    public static ObjectNode sign(ObjectNode json, String entity, String keyId, SigningKey key) {
        return sign(json, entity, keyId, key, Ed25519.preferred());
    }

    /** Checks the signature of {@code entity} under {@code keyId} with {@code publicKey}. */
    public static Check verify(ObjectNode json, String entity, String keyId, byte[] publicKey, Ed25519 ed25519) {
        return prepare(json).verify(entity, keyId, publicKey, ed25519);
    }

    /** {@link #verify(ObjectNode, String, String, byte[], Ed25519)} with {@link Ed25519#preferred()}. */
    public static Check verify(ObjectNode json, String entity, String keyId, byte[] publicKey) {
        return verify(json, entity, keyId, publicKey, Ed25519.preferred());
    }

    /** An object ready for any number of signature checks: its canonical form is computed once. */
    public static Prepared prepare(ObjectNode json) {
        return new Prepared(signedBytes(json), json.get(SIGNATURES));
    }

    /** A signed object's canonical bytes and its {@code signatures} member. */
    public static final class Prepared {

        private final byte[] signedBytes;
        private final JsonNode signatures;

        Prepared(byte[] signedBytes, JsonNode signatures) {
            this.signedBytes = signedBytes;
            this.signatures = signatures;
        }

        /** The canonical bytes the signatures cover (not a copy: do not change them). */
        public byte[] signedBytes() {
            return signedBytes;
        }

        /** Why {@code signatures.<entity>} is not an object to look in, or null when it is. */
        private Check entryProblem(String entity) {
            if (signatures == null) {
                return Check.MISSING;
            }
            if (!signatures.isObject()) {
                return Check.MALFORMED;
            }
            JsonNode entry = signatures.get(entity);
            if (entry == null) {
                return Check.MISSING;
            }
            return entry.isObject() ? null : Check.MALFORMED;
        }

        /** Checks the signature of {@code entity} under {@code keyId} with {@code publicKey}. */
        public Check verify(String entity, String keyId, byte[] publicKey, Ed25519 ed25519) {
            Check problem = entryProblem(entity);
            if (problem != null) {
                return problem;
            }
            JsonNode entry = signatures.get(entity);
            if (!KeyIds.isEd25519(keyId)) {
                return Check.NO_KNOWN_KEY;
            }
            JsonNode value = entry.get(keyId);
            if (value == null) {
                return Check.MISSING;
            }
            return check(value, publicKey, ed25519);
        }

        /**
         * Checks an entity's signatures against the keys known for it (key ID to public key), as in
         * the spec's "Checking for a Signature": signatures under key IDs of other algorithms, or
         * of unknown keys, are ignored; every remaining one must verify, and there must be at
         * least one.
         */
        public Check verifyEntity(String entity, Map<String, byte[]> keys, Ed25519 ed25519) {
            Check problem = entryProblem(entity);
            if (problem != null) {
                return problem;
            }
            JsonNode entry = signatures.get(entity);
            boolean any = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                byte[] key = keys.get(e.getKey());
                if (key == null || !KeyIds.isEd25519(e.getKey())) {
                    continue;
                }
                Check c = check(e.getValue(), key, ed25519);
                if (!c.valid()) {
                    return c;
                }
                any = true;
            }
            return any ? Check.VALID : Check.NO_KNOWN_KEY;
        }

        /** {@link #verify(String, String, byte[], Ed25519)} with {@link Ed25519#preferred()}. */
        public Check verify(String entity, String keyId, byte[] publicKey) {
            return verify(entity, keyId, publicKey, Ed25519.preferred());
        }

        /** {@link #verifyEntity(String, Map, Ed25519)} with {@link Ed25519#preferred()}. */
        public Check verifyEntity(String entity, Map<String, byte[]> keys) {
            return verifyEntity(entity, keys, Ed25519.preferred());
        }

        private Check check(JsonNode value, byte[] publicKey, Ed25519 ed25519) {
            if (!value.isTextual()) {
                return Check.MALFORMED;
            }
            byte[] signature = UnpaddedBase64.decodeOrNull(value.textValue());
            if (signature == null || signature.length != Ed25519.SIGNATURE_BYTES) {
                return Check.MALFORMED;
            }
            return ed25519.verify(publicKey, signedBytes, signature) ? Check.VALID : Check.INVALID;
        }
    }
}
