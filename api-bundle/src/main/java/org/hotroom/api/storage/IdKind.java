package org.hotroom.api.storage;

/**
 * The kinds of Matrix string identifiers that storage interns. Each kind has its own numbering,
 * so the same string may have different numeric IDs in two kinds (a user ID as {@link #USER} and
 * as a {@link #STATE_KEY} of an {@code m.room.member} event are two IDs).
 *
 * <p>Why kinds at all: it keeps each numbering dense (event types and state keys stay small, which
 * is what makes packed state keys and compact state storage possible), and it lets a reader tell
 * from a stored number what it names.
 */
public enum IdKind {
    /** Room IDs, {@code !opaque:server}. */
    ROOM,
    /** Event IDs, {@code $hash}. Numbered in the order this server first saw them. */
    EVENT,
    /** User IDs, {@code @local:server}. */
    USER,
    /** Server names, {@code host[:port]}. */
    SERVER,
    /** Event types, e.g. {@code m.room.member}. IDs fit in 31 bits; see {@link WellKnown}. */
    EVENT_TYPE,
    /** State keys, including the empty one. IDs fit in 32 bits; see {@link WellKnown}. */
    STATE_KEY
}
