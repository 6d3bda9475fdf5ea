package org.hotroom.logic.http;

import java.lang.reflect.InvocationTargetException;
import org.hotroom.api.Outcome;

/**
 * A handler made on its first request. A reload activates a new logic generation in a fresh class
 * loader; building every handler at activation would load and verify every handler class before
 * the new generation may serve, so the routing table names handler classes and each is made when
 * its endpoint is first called. The instance kept is stateless (handlers hold no data between
 * calls), so keeping it is a cache, not state.
 */
public final class LazyHandler implements Handler {

    private final Class<? extends Handler> type;
    private volatile Handler instance;

    private LazyHandler(Class<? extends Handler> type) {
        this.type = type;
    }

    /** A handler of {@code type}, made with its public no-argument constructor on first use. */
    public static Handler of(Class<? extends Handler> type) {
        return new LazyHandler(type);
    }

    @Override
    public Outcome handle(Call call) {
        Handler h = instance;
        if (h == null) {
            try {
                h = type.getDeclaredConstructor().newInstance();
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("cannot make " + type.getName(), cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make " + type.getName(), e);
            }
            instance = h;
        }
        return h.handle(call);
    }

    /** The handler class, for diagnostics. */
    public Class<? extends Handler> type() {
        return type;
    }
}
