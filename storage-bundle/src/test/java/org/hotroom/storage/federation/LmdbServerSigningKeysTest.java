package org.hotroom.storage.federation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hotroom.api.storage.ServerSigningKeys;
import org.hotroom.api.storage.ServerSigningKeys.OwnKey;
import org.hotroom.api.storage.ServerSigningKeys.RemoteKey;
import org.hotroom.api.storage.StepScope;
import org.junit.jupiter.api.Test;

/** Remote servers' keys and our own, on real LMDB. */
class LmdbServerSigningKeysTest extends FederationStores {

    static RemoteKey remote(String server, String keyId, int b, long validUntil) {
        return new RemoteKey(server, keyId, new byte[] {(byte) b, 2, 3}, validUntil, 1000);
    }

    @Test
    void remoteKeysByServerInKeyIdOrderWithoutBleedingIntoOtherServers() {
        run(st -> {
            ServerSigningKeys k = st.serverSigningKeys();
            k.putRemoteKey(remote("x.org", "ed25519:b", 1, 5000));
            k.putRemoteKey(remote("x.org", "ed25519:a", 2, 6000));
            k.putRemoteKey(remote("x.or", "ed25519:a", 3, 7000));
            k.putRemoteKey(remote("x.org:8448", "ed25519:a", 4, 8000));
            k.putRemoteKey(remote("ü.example", "ed25519:ü", 5, 9000));
            assertEquals(remote("x.org", "ed25519:a", 2, 6000), k.remoteKey("x.org", "ed25519:a"), "before commit");
        });
        ServerSigningKeys k = inStep(st -> st.serverSigningKeys());
        run(st -> {
            ServerSigningKeys keys = st.serverSigningKeys();
            assertEquals(List.of(remote("x.org", "ed25519:a", 2, 6000), remote("x.org", "ed25519:b", 1, 5000)),
                    keys.remoteKeys("x.org"));
            assertEquals(List.of(remote("x.or", "ed25519:a", 3, 7000)), keys.remoteKeys("x.or"));
            assertEquals(List.of(remote("x.org:8448", "ed25519:a", 4, 8000)), keys.remoteKeys("x.org:8448"));
            assertEquals(remote("ü.example", "ed25519:ü", 5, 9000), keys.remoteKey("ü.example", "ed25519:ü"));
            assertEquals(List.of(), keys.remoteKeys("y.org"));
            assertNull(keys.remoteKey("x.org", "ed25519:c"));
            keys.putRemoteKey(new RemoteKey("x.org", "ed25519:a", new byte[] {2, 2, 3}, 16000, 11000)); // a refetch
        });
        assertEquals(new RemoteKey("x.org", "ed25519:a", new byte[] {2, 2, 3}, 16000, 11000),
                inStep(st -> st.serverSigningKeys().remoteKey("x.org", "ed25519:a")));
        assertThrows(IllegalStateException.class, () -> k.remoteKeys("x.org"), "a closed step's view is closed too");
        assertThrows(IllegalArgumentException.class, () -> run(st -> st.serverSigningKeys().remoteKey("x\u0000org", "a")));
        assertThrows(IllegalArgumentException.class, () -> run(st -> st.serverSigningKeys().remoteKey("", "a")));
        assertThrows(IllegalArgumentException.class, () -> run(st -> st.serverSigningKeys().remoteKey("x".repeat(256), "a")));
        assertThrows(IllegalArgumentException.class,
                () -> run(st -> st.serverSigningKeys().putRemoteKey(new RemoteKey("x.org", "k", new byte[0], 1, 1))));
    }

    @Test
    void ownKeysRotateWithOneCurrentAndSurviveReopening() {
        assertNull(inStep(st -> st.serverSigningKeys().currentOwnKey()));
        assertEquals(List.of(), inStep(st -> st.serverSigningKeys().ownKeys()));
        run(st -> st.serverSigningKeys().newOwnKey("ed25519:b1", new byte[] {1, 1}, 100));
        assertEquals(new OwnKey("ed25519:b1", new byte[] {1, 1}, 0), inStep(st -> st.serverSigningKeys().currentOwnKey()));
        run(st -> {
            st.serverSigningKeys().newOwnKey("ed25519:a2", new byte[] {2, 2}, 5000);
            assertEquals("ed25519:a2", st.serverSigningKeys().currentOwnKey().keyId(), "before commit");
        });
        reopen();
        run(st -> {
            ServerSigningKeys k = st.serverSigningKeys();
            assertEquals(new OwnKey("ed25519:a2", new byte[] {2, 2}, 0), k.currentOwnKey());
            assertEquals(List.of(new OwnKey("ed25519:a2", new byte[] {2, 2}, 0), new OwnKey("ed25519:b1", new byte[] {1, 1}, 5000)),
                    k.ownKeys());
            assertArrayEquals(new byte[] {1, 1}, k.ownKeys().get(1).seed());
            assertThrows(IllegalArgumentException.class, () -> k.newOwnKey("ed25519:b1", new byte[] {3}, 6000),
                    "an old key ID is never reused");
            assertThrows(IllegalArgumentException.class, () -> k.newOwnKey("ed25519:c3", new byte[] {3}, 0));
            assertThrows(IllegalArgumentException.class, () -> k.newOwnKey("ed25519:c3", new byte[0], 6000));
        });
        assertEquals(2, inStep(st -> st.serverSigningKeys().ownKeys()).size());
    }

    @Test
    void discardedAndUncommittedKeysLeaveNothing() {
        run(st -> st.serverSigningKeys().newOwnKey("ed25519:1", new byte[] {1}, 100));
        try (StepScope scope = storage.openStep()) {
            scope.serverSigningKeys().newOwnKey("ed25519:2", new byte[] {2}, 200);
            scope.serverSigningKeys().putRemoteKey(remote("x.org", "ed25519:a", 1, 1));
            scope.discard();
            assertEquals("ed25519:1", scope.serverSigningKeys().currentOwnKey().keyId());
            assertEquals(1, scope.serverSigningKeys().ownKeys().size());
            assertNull(scope.serverSigningKeys().remoteKey("x.org", "ed25519:a"));
            scope.serverSigningKeys().putRemoteKey(remote("y.org", "ed25519:a", 1, 1));
            scope.commit();
        }
        try (StepScope scope = storage.openStep()) {
            scope.serverSigningKeys().newOwnKey("ed25519:3", new byte[] {3}, 300);
        } // never committed
        run(st -> {
            assertEquals(List.of(new OwnKey("ed25519:1", new byte[] {1}, 0)), st.serverSigningKeys().ownKeys());
            assertEquals(List.of(), st.serverSigningKeys().remoteKeys("x.org"));
            assertEquals(1, st.serverSigningKeys().remoteKeys("y.org").size());
        });
    }
}
