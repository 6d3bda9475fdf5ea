package org.hotroom.api.storage;

/** The store (disk or LMDB map) is full; the step that hit it wrote nothing. */
public final class StorageFullException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
