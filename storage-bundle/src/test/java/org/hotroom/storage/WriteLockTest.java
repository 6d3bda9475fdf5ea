package org.hotroom.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hotroom.api.storage.StorageException;
import org.junit.jupiter.api.Test;

class WriteLockTest {

    @Test
    void acquireAndReleaseFromAnotherThread() throws Exception {
        WriteLock lock = new WriteLock();
        lock.acquire("test");
        assertTrue(lock.isHeld());
        Thread t = new Thread(lock::release);
        t.start();
        t.join();
        assertFalse(lock.isHeld());
    }

    @Test
    void anInterruptedWaiterGetsAStorageExceptionAndKeepsItsInterrupt() {
        WriteLock lock = new WriteLock();
        lock.acquire("holder");
        Thread.currentThread().interrupt();
        try {
            assertThrows(StorageException.class, () -> lock.acquire("waiter"));
            assertTrue(Thread.interrupted());
        } finally {
            Thread.interrupted();
            lock.release();
        }
        assertFalse(lock.isHeld());
    }
}
