/**
 * The storage bundle: one LMDB environment behind the {@link org.hotroom.api.storage.Storage}
 * service.
 *
 * <p>Where to start: {@link org.hotroom.storage.LmdbStorage} (the component and its lifecycle),
 * {@code LmdbStepScope} (how a step reads and writes, and why writes are buffered until commit),
 * {@code LmdbEnvironment} (databases and flags), {@code Keys} (the key layout and limits).
 *
 * <p>lmdbjava and its jnr-ffi/jffi/ASM closure are embedded as jars on the Bundle-ClassPath; the
 * bundle exports nothing.
 */
package org.hotroom.storage;
