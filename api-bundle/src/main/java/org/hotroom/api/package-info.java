/**
 * The step protocol: the whole contract between the IO shell and the logic bundle.
 *
 * <p>The shell builds an {@link org.hotroom.api.Exchange} from a raw request and calls
 * {@link org.hotroom.api.Logic#step}. The logic answers with an {@link org.hotroom.api.Outcome}:
 * a {@link org.hotroom.api.Respond response}, a {@link org.hotroom.api.Fetch list of outgoing
 * requests} the shell performs and appends to the exchange as {@link org.hotroom.api.Fetched}
 * results, or a {@link org.hotroom.api.Wait wait} on a stream position that the shell records as
 * {@link org.hotroom.api.Woken}. The shell calls the logic again with the grown exchange until it
 * gets a response. The logic keeps nothing between calls, so a new logic version can take over
 * between any two steps.
 */
package org.hotroom.api;
