package org.hotroom.storage;

import org.hotroom.api.storage.StorageException;
import org.hotroom.api.storage.StorageFullException;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbNativeException;

/**
 * Turns lmdbjava failures into the contract's exceptions. MDB_MAP_FULL and the OS's "no space"
 * errors become {@link StorageFullException}; everything else a {@link StorageException}. Callers
 * abort the transaction before or after mapping; this class only names the failure.
 */
final class Failures {

    private static final int ENOSPC = 28;
    private static final int EDQUOT = 122; // Linux

    private Failures() {}

    /**
     * @param action what was being done, e.g. "committing a step"
     * @param config for the message: where the store is and how big its map is
     */
    static StorageException map(RuntimeException e, String action, StorageConfig config) {
        if (e instanceof StorageException s) {
            return s;
        }
        if (e instanceof Env.MapFullException) {
            return new StorageFullException(
                    "LMDB map is full while " + action + " (map size " + (config.mapSizeBytes >> 20)
                            + " MiB at " + config.dir + "; raise " + StorageConfig.MAP_SIZE_MB
                            + "). Nothing of this step was written.",
                    e);
        }
        if (e instanceof LmdbNativeException n
                && (n.getResultCode() == ENOSPC || n.getResultCode() == EDQUOT)) {
            return new StorageFullException(
                    "disk full while " + action + " (" + config.dir + "): " + e.getMessage()
                            + ". Nothing of this step was written.",
                    e);
        }
        return new StorageException("LMDB failed while " + action + ": " + e, e);
    }
}
