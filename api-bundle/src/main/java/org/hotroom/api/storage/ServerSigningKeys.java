package org.hotroom.api.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Signing keys: other servers' public keys as fetched, and this server's own key pairs.
 *
 * <p>Why stored: every event and every federation request from another server is signed, and
 * fetching the key that checks it is a round trip (to the server, or through a notary), so a key
 * is fetched once and kept while it is valid. Our own keys must survive restarts, since other
 * servers keep our public keys and check our old events with them; expired ones stay listed as
 * {@code old_verify_keys}.
 *
 * <p>The store keeps what it is given; which key to trust, and until when, is the logic's call.
 * Times are milliseconds since the epoch, from the exchange's clock (the store reads no clock).
 */
public interface ServerSigningKeys {

    /**
     * A remote server's public key as fetched.
     *
     * @param server       the server name
     * @param keyId        for example {@code ed25519:abc}
     * @param publicKey    the raw public key (not base64)
     * @param validUntilTs until when the server said it may be used (its {@code expired_ts} for
     *                     an old key)
     * @param fetchedTs    when this server fetched it
     */
    record RemoteKey(String server, String keyId, byte[] publicKey, long validUntilTs, long fetchedTs) {
        public RemoteKey {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(keyId, "keyId");
            publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RemoteKey k && k.server.equals(server) && k.keyId.equals(keyId)
                    && Arrays.equals(k.publicKey, publicKey) && k.validUntilTs == validUntilTs && k.fetchedTs == fetchedTs;
        }

        @Override
        public int hashCode() {
            return server.hashCode() * 31 + keyId.hashCode();
        }

        @Override
        public String toString() {
            return "RemoteKey[" + server + " " + keyId + ", " + publicKey.length + " bytes, valid until " + validUntilTs
                    + ", fetched " + fetchedTs + "]";
        }
    }

    /**
     * One of this server's keys.
     *
     * @param keyId     for example {@code ed25519:a_bcd}
     * @param seed      the private key's seed (secret: never logged, never served)
     * @param expiredTs 0 for the current key; when it stopped being used, for an old one
     */
    record OwnKey(String keyId, byte[] seed, long expiredTs) {
        public OwnKey {
            Objects.requireNonNull(keyId, "keyId");
            seed = Objects.requireNonNull(seed, "seed").clone();
        }

        public boolean isCurrent() {
            return expiredTs == 0;
        }

        @Override
        public byte[] seed() {
            return seed.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OwnKey k && k.keyId.equals(keyId) && Arrays.equals(k.seed, seed) && k.expiredTs == expiredTs;
        }

        @Override
        public int hashCode() {
            return keyId.hashCode();
        }

        @Override
        public String toString() {
            return "OwnKey[" + keyId + (isCurrent() ? ", current" : ", expired " + expiredTs) + "]"; // never the seed
        }
    }

    /** A remote server's key, or null when it was never stored. */
    RemoteKey remoteKey(String server, String keyId);

    /** Every stored key of a server, in key ID order. */
    List<RemoteKey> remoteKeys(String server);

    /** Stores a fetched key, replacing what was stored under its server and key ID (a refetch). */
    void putRemoteKey(RemoteKey key);

    /** The current own key, or null before the first one was made. */
    OwnKey currentOwnKey();

    /** Every own key, the current one and the old ones, in key ID order. */
    List<OwnKey> ownKeys();

    /**
     * Makes a new current key; the one that was current becomes old with {@code expiredTs}.
     *
     * @throws IllegalArgumentException if {@code keyId} was used before (key IDs are never reused)
     *                                  or {@code expiredTs} is not positive
     */
    void newOwnKey(String keyId, byte[] seed, long expiredTs);
}
