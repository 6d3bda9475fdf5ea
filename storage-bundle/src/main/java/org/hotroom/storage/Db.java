package org.hotroom.storage;

/**
 * The LMDB databases behind the services that the key-value tables do not cover: interning, the
 * event-to-state index and the state-store strategies. Each is a plain LMDB database (unsigned
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
    DC_LEVELS("dc.levels");

    /** The LMDB database name. */
    public final String dbName;

    Db(String dbName) {
        this.dbName = dbName;
    }
}
