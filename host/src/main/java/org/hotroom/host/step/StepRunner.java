package org.hotroom.host.step;

import org.hotroom.api.Exchange;
import org.hotroom.api.Outcome;
import org.hotroom.api.Request;
import org.hotroom.api.Respond;
import org.hotroom.api.storage.StepScope;
import org.hotroom.api.storage.Storage;
import org.hotroom.api.storage.StorageFullException;
import org.hotroom.host.reload.NoLogicException;

/**
 * Runs one step: acquires the active logic generation, opens the step's storage scope, calls the
 * logic, commits the scope if the step returned, and releases the generation. Never throws: a
 * step that fails becomes the shell's own Matrix error, and its writes are discarded.
 */
public final class StepRunner {

    private static final System.Logger LOG = System.getLogger("hotroom.step");

    private final LogicSource generations;
    private final Storage storage;

    public StepRunner(LogicSource generations, Storage storage) {
        this.generations = generations;
        this.storage = storage;
    }

    public Outcome step(Exchange exchange) {
        LogicSource.Lease g;
        try {
            g = generations.acquire();
        } catch (NoLogicException e) {
            return ShellErrors.unavailable(e.getMessage());
        }
        try (StepScope scope = storage.openStep()) {
            Outcome outcome = g.logic().step(exchange, scope);
            if (outcome == null) {
                LOG.log(System.Logger.Level.ERROR, g + " answered null for " + exchange);
                return ShellErrors.logicFailed(exchange.id());
            }
            scope.commit();
            return outcome;
        } catch (StorageFullException e) {
            LOG.log(System.Logger.Level.ERROR, "storage full during " + exchange + ": " + e.getMessage());
            return ShellErrors.error(507, "M_RESOURCE_LIMIT_EXCEEDED", "the server's storage is full");
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.log(System.Logger.Level.ERROR, g + " failed on " + exchange, e);
            return ShellErrors.logicFailed(exchange.id());
        } finally {
            g.release();
        }
    }

    /** Asks the logic to look at a request head; null means read the body and step. */
    public Respond screen(Request head) {
        LogicSource.Lease g;
        try {
            g = generations.acquire();
        } catch (NoLogicException e) {
            return ShellErrors.unavailable(e.getMessage());
        }
        try {
            return g.logic().screen(head);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, g + " failed screening " + head, e);
            return null; // the full step will decide
        } finally {
            g.release();
        }
    }
}
