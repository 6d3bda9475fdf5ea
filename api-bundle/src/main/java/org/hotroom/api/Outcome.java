package org.hotroom.api;

/**
 * What a step of the logic decides: answer the request ({@link Respond}), have the shell perform
 * outgoing requests ({@link Fetch}), or have it wait for a stream to move ({@link Wait}).
 */
public sealed interface Outcome permits Respond, Fetch, Wait {
}
