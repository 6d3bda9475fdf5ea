package org.hotroom.logic.http;

import org.hotroom.api.Outcome;

/**
 * Handles one endpoint. Handlers are stateless; everything they may look at comes through the
 * {@link Call}. They answer with an {@link Outcome} (usually a response from {@link Responses}) or
 * throw a {@link MatrixError}.
 */
@FunctionalInterface
public interface Handler {
    Outcome handle(Call call);
}
