package org.hotroom.api.storage;

import java.util.List;

/**
 * One queue of outgoing items (PDUs, EDUs, as opaque bytes) per destination server.
 *
 * <p>Why: a server that is down must get what it missed when it comes back, hours or days later,
 * and a restart of ours must not lose it. Each destination has its own queue, so one slow server
 * holds up nobody else; sequence numbers let the sender say how far a destination got ({@link
 * #acknowledge}) and read on from there.
 *
 * <p>Sequence numbers are per destination, from 1, increasing by one per item, and never given
 * twice (acknowledged items leave the queue; their numbers stay spent). Writes commit with the
 * step, like every write.
 */
public interface OutgoingQueues {

    /** Appends an item to a destination's queue and returns its sequence number. */
    long append(String destination, byte[] item);

    /**
     * Visits a destination's items with sequence numbers above {@code after}, in order, until the
     * visitor returns false or the queue ends.
     */
    void read(String destination, long after, Visitor visitor);

    /** Removes a destination's items with sequence numbers up to {@code upTo}, inclusive. */
    void acknowledge(String destination, long upTo);

    /** The destinations that have items queued, in order of their UTF-8 bytes. */
    List<String> destinations();

    @FunctionalInterface
    interface Visitor {
        /** Return false to stop. The array is a copy the visitor may keep. */
        boolean visit(long sequence, byte[] item);
    }
}
