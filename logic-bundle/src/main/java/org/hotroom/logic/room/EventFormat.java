package org.hotroom.logic.room;

/**
 * How events of a room version name themselves and each other.
 *
 * <ul>
 *   <li>{@link #V1}: rooms v1 and v2. The event carries its own {@code event_id}
 *       ({@code $opaque_id:domain}, spec rooms/v1 "Event IDs"); {@code prev_events} and
 *       {@code auth_events} are lists of {@code [event_id, {"sha256": reference hash}]} pairs
 *       (api/server-server/definitions/pdu_v1).</li>
 *   <li>{@link #V2}: room v3. No {@code event_id} over federation; the ID is {@code $} + the
 *       reference hash in standard unpadded base64 (rooms/v3 "Event IDs"); references are plain
 *       event IDs (pdu_v3).</li>
 *   <li>{@link #V3}: rooms v4 and later. As {@link #V2}, but the reference hash is encoded with
 *       URL-safe unpadded base64 (rooms/v4 "Event IDs").</li>
 * </ul>
 */
public enum EventFormat {
    V1,
    V2,
    V3;

    /** True when the event ID is computed from the event (v3 and later), false when it is a field. */
    public boolean eventIdIsHash() {
        return this != V1;
    }
}
