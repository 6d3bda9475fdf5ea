package org.hotroom.api.storage;

/**
 * The state of one in-memory membership filter of the storage (for example the filter that lets
 * {@link Events#mightContain} answer a miss without reading the store), for operators.
 *
 * <p>Why in the contract: a filter that has grown too full makes "do we have this?" slower without
 * any error; an operator sees it here, next to the caches.
 *
 * @param entries           values added so far (a value added twice may count twice)
 * @param bits              the filter's size in bits; 0 while it is being built
 * @param falsePositiveRate the estimated share of absent values it lets through, from its actual
 *                          bits; 1.0 while it is being built (it then answers "maybe" to all)
 */
public record FilterStats(long entries, long bits, double falsePositiveRate) {}
