package org.hotroom.storage.federation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hotroom.api.storage.ServerSigningKeys;
import org.hotroom.storage.Bytes;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;

/**
 * {@link ServerSigningKeys} for one step, through its {@link Tx}.
 *
 * <p>Layout: {@code keys.remote} maps {@code server + 0x00 + keyId} to {@code validUntilTs (8) +
 * fetchedTs (8) + publicKey}, so one server's keys are one contiguous run ({@code server + 0x00}
 * up to {@code server + 0x01}) that no other server's keys can enter (names hold no control
 * characters). {@code keys.own} maps {@code keyId} to {@code expiredTs (8) + seed}.
 *
 * <p>Invariant: at most one own key has {@code expiredTs == 0} (the current one); {@link
 * #newOwnKey} retires the current key and adds the new one in the same step, so a step sees
 * either both changes or neither. Own keys are a handful, so finding the current one is a scan.
 */
public final class LmdbServerSigningKeys implements ServerSigningKeys {

    private final Tx tx;

    public LmdbServerSigningKeys(Tx tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public RemoteKey remoteKey(String server, String keyId) {
        byte[] s = Names.utf8(server, "server", Names.MAX_NAME);
        byte[] k = Names.utf8(keyId, "keyId", Names.MAX_NAME);
        ByteBuffer v = tx.get(Db.REMOTE_KEYS, Names.join(s, 0, k));
        return v == null ? null : remote(server, keyId, v);
    }

    @Override
    public List<RemoteKey> remoteKeys(String server) {
        byte[] s = Names.utf8(server, "server", Names.MAX_NAME);
        List<RemoteKey> out = new ArrayList<>();
        tx.scan(Db.REMOTE_KEYS, Names.with(s, 0), Names.with(s, 1), (k, v) -> {
            out.add(remote(server, Names.string(k, s.length + 1, k.length), v));
            return true;
        });
        return out;
    }

    @Override
    public void putRemoteKey(RemoteKey key) {
        Objects.requireNonNull(key, "key");
        byte[] s = Names.utf8(key.server(), "server", Names.MAX_NAME);
        byte[] k = Names.utf8(key.keyId(), "keyId", Names.MAX_NAME);
        byte[] pk = key.publicKey();
        if (pk.length == 0) {
            throw new IllegalArgumentException("the public key of " + key.server() + " " + key.keyId() + " is empty");
        }
        byte[] v = new byte[16 + pk.length];
        Bytes.putLongBE(v, 0, key.validUntilTs());
        Bytes.putLongBE(v, 8, key.fetchedTs());
        System.arraycopy(pk, 0, v, 16, pk.length);
        tx.put(Db.REMOTE_KEYS, Names.join(s, 0, k), v);
    }

    @Override
    public OwnKey currentOwnKey() {
        for (OwnKey k : ownKeys()) {
            if (k.isCurrent()) {
                return k;
            }
        }
        return null;
    }

    @Override
    public List<OwnKey> ownKeys() {
        List<OwnKey> out = new ArrayList<>();
        tx.scan(Db.OWN_KEYS, new byte[] {0}, null, (k, v) -> {
            out.add(own(Names.string(k, 0, k.length), v));
            return true;
        });
        return out;
    }

    @Override
    public void newOwnKey(String keyId, byte[] seed, long expiredTs) {
        byte[] k = Names.utf8(keyId, "keyId", Names.MAX_NAME);
        Objects.requireNonNull(seed, "seed");
        if (seed.length == 0) {
            throw new IllegalArgumentException("the seed of " + keyId + " is empty");
        }
        if (expiredTs <= 0) {
            throw new IllegalArgumentException("expiredTs must be positive: " + expiredTs);
        }
        tx.beginWrite(); // read the current key under the lock, so two steps cannot both rotate it
        if (tx.get(Db.OWN_KEYS, k) != null) {
            throw new IllegalArgumentException("own key " + keyId + " exists already; key IDs are never reused");
        }
        OwnKey current = currentOwnKey();
        if (current != null) {
            tx.put(Db.OWN_KEYS, Names.utf8(current.keyId(), "keyId", Names.MAX_NAME), ownValue(current.seed(), expiredTs));
        }
        tx.put(Db.OWN_KEYS, k, ownValue(seed, 0));
    }

    private static byte[] ownValue(byte[] seed, long expiredTs) {
        byte[] v = new byte[8 + seed.length];
        Bytes.putLongBE(v, 0, expiredTs);
        System.arraycopy(seed, 0, v, 8, seed.length);
        return v;
    }

    private static RemoteKey remote(String server, String keyId, ByteBuffer v) {
        int p = v.position();
        byte[] pk = new byte[v.remaining() - 16];
        v.get(p + 16, pk);
        return new RemoteKey(server, keyId, pk, v.getLong(p), v.getLong(p + 8));
    }

    private static OwnKey own(String keyId, ByteBuffer v) {
        int p = v.position();
        byte[] seed = new byte[v.remaining() - 8];
        v.get(p + 8, seed);
        return new OwnKey(keyId, seed, v.getLong(p));
    }
}
