package org.hotroom.storage;

import org.hotroom.api.storage.StorageException;

/** The storage is not open (not yet activated, or closing or closed); no scope can be opened. */
final class StorageClosedException extends StorageException {
    private static final long serialVersionUID = 1L;

    StorageClosedException(String message) {
        super(message);
    }
}
