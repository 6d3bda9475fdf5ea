/**
 * Ed25519 and the Matrix conventions around it: unpadded base64, key IDs, and signing JSON
 * ({@link org.hotroom.logic.crypto.JsonSigning}).
 *
 * <p>{@link org.hotroom.logic.crypto.Ed25519#preferred()} is the implementation to use. It is chosen
 * once per logic generation by {@link org.hotroom.logic.crypto.Ed25519Selection}: per-key tables
 * ({@code KeyTableEd25519}, 1.6x libsodium for keys seen before) with libsodium through JNA for a
 * key's first signature, else libsodium alone, else BouncyCastle, else the JDK's provider.
 * JNA and BouncyCastle are shared bundles imported optionally, so a framework without them still
 * resolves the logic and runs on the JDK's provider; libsodium itself comes from the shared
 * {@code hotroom-libsodium} bundle (not the logic jar) and is extracted once per content hash, so
 * every generation maps the same file (see
 * {@link org.hotroom.logic.crypto.SodiumLoader}).
 */
package org.hotroom.logic.crypto;
