package org.hotroom.logic.room;

/**
 * A room version string this server does not implement (the federation API answers such a room
 * with {@code M_UNSUPPORTED_ROOM_VERSION}; the client API with {@code M_UNSUPPORTED_ROOM_VERSION}
 * on room creation).
 */
public final class UnknownRoomVersionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String version;

    public UnknownRoomVersionException(String version, String message) {
        super(message);
        this.version = version;
    }

    /** The version string as it was given (may be null). */
    public String version() {
        return version;
    }
}
