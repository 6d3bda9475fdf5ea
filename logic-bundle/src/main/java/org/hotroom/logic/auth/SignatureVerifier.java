package org.hotroom.logic.auth;

/**
 * Ed25519 verification, injected so that the rules do not depend on a crypto implementation.
 * {@code org.hotroom.logic.crypto.Ed25519::verify} has this shape.
 *
 * <p>Used by the third-party invite rule (4.4.1.7 in v6–11 numbering): "If any signature in
 * {@code signed} matches any public key in the {@code m.room.third_party_invite} event, allow."
 */
@FunctionalInterface
public interface SignatureVerifier {

    /**
     * Whether {@code signature} (64 bytes) is a valid Ed25519 signature of {@code message} by
     * {@code publicKey} (32 bytes). Must return false, not throw, for malformed input.
     */
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);

    /** A verifier that accepts nothing: every third-party invite then fails its signature rule. */
    SignatureVerifier NONE = (publicKey, message, signature) -> false;
}
