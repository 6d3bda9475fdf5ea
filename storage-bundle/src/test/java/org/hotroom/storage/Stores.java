package org.hotroom.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.Storage;

/** Small helpers shared by the tests. */
final class Stores {

    static final long MAP_64_MB = 64L << 20;

    private Stores() {}

    /**
     * A fresh store without fsync (tests need speed, not durability against power loss), returned
     * once the background build of its event filter has finished: that build reads through scopes
     * of its own, and tests that count open scopes must not see them.
     */
    static LmdbStorage open(Path dir) {
        LmdbStorage storage = LmdbStorage.open(dir, MAP_64_MB, false);
        try {
            if (!storage.eventFilter().awaitBuilt(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the event filter of " + dir + " was not built within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return storage;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Puts one record in its own committed step. */
    static void put(Storage storage, String table, String key, String value) {
        try (StepScope scope = storage.openStep()) {
            scope.keyValue().put(table, b(key), b(value));
            scope.commit();
        }
    }

    /** Reads one record in its own step. */
    static String get(Storage storage, String table, String key) {
        try (StepScope scope = storage.openStep()) {
            return s(scope.keyValue().get(table, b(key)));
        }
    }

    /** Every "key=value" of a table from {@code from}, in scan order. */
    static List<String> scan(StepScope scope, String table, String from) {
        List<String> out = new ArrayList<>();
        scope.keyValue().scan(table, b(from), (k, v) -> out.add(s(k) + "=" + s(v)));
        return out;
    }

    static List<String> scan(Storage storage, String table, String from) {
        try (StepScope scope = storage.openStep()) {
            return scan(scope, table, from);
        }
    }
}
