package org.hotroom.logic.testing;

import org.hotroom.api.storage.EventStates;
import org.hotroom.api.storage.Events;
import org.hotroom.api.storage.ExchangeStore;
import org.hotroom.api.storage.Interner;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.api.storage.OutgoingQueues;
import org.hotroom.api.storage.ServerSigningKeys;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.api.storage.Streams;
import org.hotroom.storage.LmdbStorage;

/**
 * One call's storage in the logic tests: a step scope of the real store, counting the key-value
 * and stream writes that reach it since it opened or last discarded (so tests can say "this
 * request wrote nothing").
 */
final class TestStepStorage implements StepStorage {

    private final StepScope scope;
    private int writes;

    TestStepStorage(LmdbStorage lmdb) {
        this.scope = lmdb.openStep();
    }

    /** Writes since the scope opened or was last discarded. */
    int writes() {
        return writes;
    }

    void commit() {
        scope.commit();
    }

    void close() {
        scope.close();
    }

    @Override
    public void beginWrite() {
        scope.beginWrite();
    }

    @Override
    public KeyValue keyValue() {
        return keyValue;
    }

    @Override
    public Streams streams() {
        return streams;
    }

    @Override
    public Interner interner() {
        return scope.interner();
    }

    @Override
    public EventStates eventStates() {
        return scope.eventStates();
    }

    @Override
    public Events events() {
        return scope.events();
    }

    @Override
    public ServerSigningKeys serverSigningKeys() {
        return scope.serverSigningKeys();
    }

    @Override
    public ExchangeStore exchangeStore() {
        return scope.exchangeStore();
    }

    @Override
    public OutgoingQueues outgoingQueues() {
        return scope.outgoingQueues();
    }

    @Override
    public void discard() {
        writes = 0;
        scope.discard();
    }

    private final KeyValue keyValue = new KeyValue() {
        @Override
        public byte[] get(String table, byte[] key) {
            return scope.keyValue().get(table, key);
        }

        @Override
        public void put(String table, byte[] key, byte[] value) {
            writes++;
            scope.keyValue().put(table, key, value);
        }

        @Override
        public boolean delete(String table, byte[] key) {
            writes++;
            return scope.keyValue().delete(table, key);
        }

        @Override
        public void scan(String table, byte[] from, Visitor visitor) {
            scope.keyValue().scan(table, from, visitor);
        }
    };

    private final Streams streams = new Streams() {
        @Override
        public long position(String stream) {
            return scope.streams().position(stream);
        }

        @Override
        public long advance(String stream) {
            writes++;
            return scope.streams().advance(stream);
        }
    };


}
