package org.hotroom.logic.sync;

import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.rooms.ClientEvents;
import org.hotroom.logic.rooms.RoomStore;

/** What every part of one {@code /sync} response shares. */
final class SyncContext {

    private final StepStorage storage;
    private final ClientEvents events;
    private final RoomStore rooms;
    private final String userId;
    private final long user;
    private final SyncFilter filter;
    private final boolean incremental;
    private final long since;
    private final boolean fullState;
    private final long position;
    private final long now;
    private long typingExpiry = Long.MAX_VALUE;

    /**
     * @param since    the position of {@code since}, or null for an initial sync
     * @param position the stream position the response covers ({@code next_batch})
     */
    SyncContext(StepStorage storage, ClientEvents events, String userId, long user, SyncFilter filter, Long since,
                boolean fullState, long position, long now) {
        this.storage = storage;
        this.events = events;
        this.rooms = new RoomStore(storage);
        this.userId = userId;
        this.user = user;
        this.filter = filter;
        this.incremental = since != null;
        this.since = since == null ? Long.MIN_VALUE : since;
        this.fullState = fullState;
        this.position = position;
        this.now = now;
    }

    StepStorage storage() {
        return storage;
    }

    ClientEvents events() {
        return events;
    }

    /** The rooms core's view of the store, shared by the step (it caches parsed events). */
    RoomStore rooms() {
        return rooms;
    }

    String userId() {
        return userId;
    }

    /** The user's numeric ID. */
    long user() {
        return user;
    }

    SyncFilter filter() {
        return filter;
    }

    boolean incremental() {
        return incremental;
    }

    /** The position of {@code since}; {@code Long.MIN_VALUE} on an initial sync. */
    long since() {
        return since;
    }

    boolean fullState() {
        return fullState;
    }

    long position() {
        return position;
    }

    long now() {
        return now;
    }

    /** Notes when a typing notification in a reported room runs out (so a long-poll wakes then). */
    void typingExpiry(long at) {
        typingExpiry = Math.min(typingExpiry, at);
    }

    long typingExpiry() {
        return typingExpiry;
    }
}
