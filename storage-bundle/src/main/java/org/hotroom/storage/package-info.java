/**
 * The storage bundle: one LMDB environment behind the {@link org.hotroom.api.storage.Storage}
 * service.
 *
 * <p>Where to start: {@link org.hotroom.storage.LmdbStorage} (the component and its lifecycle),
 * {@code LmdbStepScope} (how a step reads and writes, and why writes are buffered until commit),
 * {@code LmdbEnvironment} (databases and flags), {@code Keys} (the key layout and limits). The
 * services beyond key-value tables work on the {@link org.hotroom.storage.Db raw databases} through
 * a step's {@link org.hotroom.storage.Tx}: interning in {@code org.hotroom.storage.intern}, room
 * state in {@code org.hotroom.storage.state} (start at {@code StateStore}, then the strategies),
 * events and their room graphs in {@code org.hotroom.storage.events} ({@code LmdbEvents}, and
 * {@code EventFilter} for "do we have this event?"), signing keys, outgoing queues and in-flight
 * exchanges in {@code org.hotroom.storage.federation}, and the state-store benchmark with its
 * history generator in {@code org.hotroom.storage.bench}.
 *
 * <p>lmdbjava and its jnr-ffi/jffi/ASM closure are embedded as jars on the Bundle-ClassPath; the
 * bundle exports nothing.
 */
package org.hotroom.storage;
