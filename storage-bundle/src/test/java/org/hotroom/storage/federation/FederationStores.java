package org.hotroom.storage.federation;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.storage.LmdbStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the tests of the federation stores share: a real store, steps, reopening. */
abstract class FederationStores {

    @TempDir
    Path dir;

    LmdbStorage storage;

    @BeforeEach
    void open() {
        storage = LmdbStorage.open(dir, 256L << 20, false);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    void reopen() {
        storage.close();
        storage = LmdbStorage.open(dir, 256L << 20, false);
    }

    <T> T inStep(Function<StepStorage, T> body) {
        try (StepScope scope = storage.openStep()) {
            T t = body.apply(scope);
            scope.commit();
            return t;
        }
    }

    void run(Consumer<StepStorage> body) {
        inStep(st -> {
            body.accept(st);
            return null;
        });
    }
}
