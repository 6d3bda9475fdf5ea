package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.api.storage.ServerSigningKeys;
import org.hotroom.logic.crypto.Ed25519;
import org.hotroom.logic.crypto.JsonSigning;
import org.hotroom.logic.crypto.KeyIds;
import org.hotroom.logic.crypto.SigningKey;
import org.hotroom.logic.util.Entropy;

/**
 * This server's current Ed25519 signing key, which signs every event it creates (and, with the
 * federation, its requests and published keys). Kept by the store's {@link ServerSigningKeys} as
 * the current own key.
 *
 * <p>The key is made on first use from the exchange's entropy, with the key ID {@code ed25519:}
 * plus six characters of base32; a step that made it and then failed discards it with everything
 * it signed. The seed never leaves the store.
 */
public final class ServerKeys {

    private final String serverName;
    private final String keyId;
    private final SigningKey key;
    private final Ed25519 ed25519;

    private ServerKeys(String serverName, String keyId, SigningKey key, Ed25519 ed25519) {
        this.serverName = serverName;
        this.keyId = keyId;
        this.key = key;
        this.ed25519 = ed25519;
    }

    /** The server's current key, made now if it has none yet. */
    public static ServerKeys of(StepContext ctx) {
        Ed25519 ed25519 = Ed25519.preferred();
        ServerSigningKeys store = ctx.storage().serverSigningKeys();
        ServerSigningKeys.OwnKey own = store.currentOwnKey();
        if (own == null) {
            ctx.storage().beginWrite();
            own = store.currentOwnKey(); // another step may have made it meanwhile
        }
        if (own == null) {
            byte[] seed = ctx.random("server_key/seed", Ed25519.SEED_BYTES);
            String keyId = KeyIds.ed25519(Entropy.base32Lower(ctx.entropy(), "server_key/id", 6));
            store.newOwnKey(keyId, seed, Math.max(1, ctx.now())); // there is no earlier key to expire
            return new ServerKeys(ctx.serverName(), keyId, ed25519.signingKey(seed), ed25519);
        }
        return new ServerKeys(ctx.serverName(), own.keyId(), ed25519.signingKey(own.seed()), ed25519);
    }

    public String serverName() {
        return serverName;
    }

    /** {@code ed25519:...}. */
    public String keyId() {
        return keyId;
    }

    /** The public key (32 bytes). */
    public byte[] publicKey() {
        return key.publicKey();
    }

    /** The public key in unpadded base64, as published. */
    public String publicKeyBase64() {
        return key.publicKeyBase64();
    }

    /** Signs {@code json} in place as this server ({@code signatures.<server>.<key ID>}); returns it. */
    public ObjectNode sign(ObjectNode json) {
        return JsonSigning.sign(json, serverName, keyId, key, ed25519);
    }

    /** Whether {@code json} carries a valid signature of this server's key. */
    public boolean verify(ObjectNode json) {
        return JsonSigning.verify(json, serverName, keyId, key.publicKey(), ed25519).valid();
    }
}
