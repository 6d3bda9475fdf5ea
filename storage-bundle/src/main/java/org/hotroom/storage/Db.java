package org.hotroom.storage;

/**
 * The LMDB databases behind the services that the key-value tables do not cover: interning, the
 * event-to-state index, the state-store strategies, the events with their room graphs, and the
 * federation's signing keys, in-flight exchanges and outgoing queues. Each is a plain LMDB database (unsigned
 * lexicographic key order) reached through a {@link Tx}; keys are at most {@link Tx#MAX_KEY} bytes.
 *
 * <p>Why separate databases rather than more key-value tables: each strategy's data can then be
 * measured on its own ({@code mdb_stat} page counts, which the state-store benchmark reports), and
 * keys carry no table-name prefix.
 *
 * <p>Every database is created when the environment opens, even those the configured strategy
 * never uses; an empty database costs one record in LMDB's main database.
 */
public enum Db {
    /** Format version, counters ({@code intern.next.*}, {@code kh.next_branch}, ...), the strategy name. */
    META("meta"),
    /** kind code + UTF-8 (or kind code + 0xFF + SHA-256 for long strings) to numeric ID. */
    INTERN_IDS("intern.ids"),
    /** kind code + numeric ID (8 bytes, big-endian) to UTF-8. */
    INTERN_NAMES("intern.names"),
    /** Event to (room, state before, state after), 64 events per record; see {@code EventIndex}. */
    EVENT_STATE("state.events"),
    /** hotroom's own strategy: branches of the state tree. */
    KH_BRANCH("kh.branch"),
    /** hotroom's own strategy: chunks of per-key histories. */
    KH_CHUNK("kh.chunk"),
    /** Blocks strategy: snapshot to its list of blocks. */
    BK_SNAPSHOT("bk.snapshot"),
    /** Blocks strategy: block to its sorted entries. */
    BK_BLOCK("bk.block"),
    /** Blocks strategy: content hash to block (blocks are shared). */
    BK_BLOCK_HASH("bk.blockhash"),
    /** Blocks strategy: content hash to snapshot (snapshots are shared). */
    BK_SNAPSHOT_HASH("bk.snaphash"),
    /** Delta-chain strategy: state group to (room, predecessor, hops, delta). */
    DC_GROUP("dc.group"),
    /** Delta-chain strategy with levels: per room, each level's head and length. */
    DC_LEVELS("dc.levels"),
    /** Events: event (8 bytes, big-endian) to its JSON, byte for byte as received. */
    EVENT_JSON("ev.json"),
    /** Events: event (8 bytes, big-endian) to its metadata, in varints; see {@code LmdbEvents}. */
    EVENT_META("ev.meta"),
    /** Events: room + ordering (sign bit flipped, so negative orderings sort first) to event. */
    EVENT_TIMELINE("ev.timeline"),
    /** Events: room + depth + event, depth and event in descending order, to nothing. */
    EVENT_DEPTH("ev.depth"),
    /** Events: room to its forward extremities. */
    EVENT_EXTREMITIES("ev.extremities"),
    /** Remote servers' keys: server + 0x00 + key ID (UTF-8) to valid until (8), fetched (8), public key. */
    REMOTE_KEYS("keys.remote"),
    /** Our own keys: key ID (UTF-8) to expired (8; 0 for the current key), seed. */
    OWN_KEYS("keys.own"),
    /** In-flight exchanges: exchange ID (UTF-8) to the shell's bytes. */
    EXCHANGES("exchanges"),
    /** Outgoing queues: destination + 0x00 + sequence (8) to the item. */
    OUTGOING("out.queue"),
    /** Outgoing queues: destination to its last sequence number (8), kept when the queue is empty. */
    OUTGOING_SEQ("out.seq");

    /** The LMDB database name. */
    public final String dbName;

    Db(String dbName) {
        this.dbName = dbName;
    }
}
