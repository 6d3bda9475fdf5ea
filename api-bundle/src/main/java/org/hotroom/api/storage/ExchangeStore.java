package org.hotroom.api.storage;

import java.util.List;

/**
 * In-flight exchanges as opaque bytes, for the shell.
 *
 * <p>Why: an exchange may wait a long time between steps (a join fetches from several servers,
 * a long-poll waits), and everything it has gathered lives in the exchange itself, not in the
 * logic. If the shell writes the exchange here after each step, a restart loses nothing: the shell
 * lists what was in flight and resumes each exchange where it stood, with the responses already
 * fetched. The store never looks inside; the format is the shell's.
 *
 * <p>Writes commit with the step scope they were made in, like every write.
 */
public interface ExchangeStore {

    /** Stores (or replaces) an exchange. IDs are at most 400 bytes of UTF-8. */
    void put(String exchangeId, byte[] bytes);

    /** The stored bytes, or null. */
    byte[] get(String exchangeId);

    /** Removes an exchange (it answered); returns whether it was stored. */
    boolean delete(String exchangeId);

    /** The IDs of every stored exchange, in order of their UTF-8 bytes: what to resume after a restart. */
    List<String> ids();
}
