package org.hotroom.logic.http;

import java.lang.reflect.InvocationTargetException;
import org.hotroom.api.Outcome;

/**
 * A handler made on its first request. A reload activates a new logic generation in a fresh class
 * loader; building every handler at activation would load every handler class before the new
 * generation may serve, so the routing table names handler classes and each is loaded and made
 * when its endpoint is first called. The table names them by binary name ({@link #named}) rather
 * than by class literal: a class literal loads its class where the table is built, which is
 * activation. The instance kept is stateless (handlers hold no data between calls), so keeping it
 * is a cache, not state.
 */
public final class LazyHandler implements Handler {

    private final String name;
    private volatile Class<? extends Handler> type;
    private volatile Handler instance;

    private LazyHandler(String name, Class<? extends Handler> type) {
        this.name = name;
        this.type = type;
    }

    /**
     * A handler of the class with this binary name (in this bundle), made with its public
     * no-argument constructor on first use. Nothing is loaded until then.
     */
    public static LazyHandler named(String className) {
        return new LazyHandler(className, null);
    }

    /** A handler of {@code type} (already loaded), made with its public no-argument constructor on first use. */
    public static LazyHandler of(Class<? extends Handler> type) {
        return new LazyHandler(type.getName(), type);
    }

    @Override
    public Outcome handle(Call call) {
        Handler h = instance;
        if (h == null) {
            h = make();
            instance = h;
        }
        return h.handle(call);
    }

    private Handler make() {
        try {
            return type().getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("cannot make " + name, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + name, e);
        }
    }

    /** The handler class (loading it if it was not yet); for diagnostics and tests. */
    public Class<? extends Handler> type() {
        Class<? extends Handler> t = type;
        if (t == null) {
            try {
                t = Class.forName(name, false, LazyHandler.class.getClassLoader()).asSubclass(Handler.class);
            } catch (ClassNotFoundException | ClassCastException e) {
                throw new IllegalStateException("no handler class " + name, e);
            }
            type = t;
        }
        return t;
    }

    /** The handler's binary class name. */
    public String name() {
        return name;
    }
}
