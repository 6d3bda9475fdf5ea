package org.hotroom.storage.federation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hotroom.api.storage.ExchangeStore;
import org.hotroom.storage.Db;
import org.hotroom.storage.Tx;

/**
 * {@link ExchangeStore} for one step, through its {@link Tx}: {@code exchanges} maps the
 * exchange ID's UTF-8 to the shell's bytes, as given. Values of any size are fine (a join's
 * fetched state can be megabytes); LMDB keeps large ones in overflow pages of their own.
 */
public final class LmdbExchangeStore implements ExchangeStore {

    /** Exchange IDs are keys of their own: up to 400 bytes, as the key-value tables allow. */
    static final int MAX_ID = 400;

    private final Tx tx;

    public LmdbExchangeStore(Tx tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void put(String exchangeId, byte[] bytes) {
        byte[] k = Names.utf8(exchangeId, "exchangeId", MAX_ID);
        tx.put(Db.EXCHANGES, k, Objects.requireNonNull(bytes, "bytes").clone());
    }

    @Override
    public byte[] get(String exchangeId) {
        ByteBuffer v = tx.get(Db.EXCHANGES, Names.utf8(exchangeId, "exchangeId", MAX_ID));
        if (v == null) {
            return null;
        }
        byte[] out = new byte[v.remaining()];
        v.get(v.position(), out);
        return out;
    }

    @Override
    public boolean delete(String exchangeId) {
        byte[] k = Names.utf8(exchangeId, "exchangeId", MAX_ID);
        tx.beginWrite(); // presence as of the latest commit, like KeyValue.delete
        if (tx.get(Db.EXCHANGES, k) == null) {
            return false;
        }
        tx.delete(Db.EXCHANGES, k);
        return true;
    }

    @Override
    public List<String> ids() {
        List<String> out = new ArrayList<>();
        tx.scan(Db.EXCHANGES, new byte[] {0}, null, (k, v) -> {
            out.add(Names.string(k, 0, k.length));
            return true;
        });
        return out;
    }
}
