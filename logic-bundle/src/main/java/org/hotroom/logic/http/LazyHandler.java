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
    /** Given to the handler's {@code (String)} constructor; null for its no-argument constructor. */
    private final String variant;
    private volatile Class<? extends Handler> type;
    private volatile Handler instance;

    private LazyHandler(String name, String variant) {
        this.name = name;
        this.variant = variant;
    }

    /**
     * A handler of the class with this binary name (in this bundle), made with its public
     * no-argument constructor on first use. Nothing is loaded until then.
     */
    public static LazyHandler named(String className) {
        return new LazyHandler(className, null);
    }

    /**
     * A handler of the class with this binary name made with its public constructor taking one
     * {@code String}, given {@code variant}: for a class serving several endpoints
     * ({@code SendEventHandler} with {@code "send"} or {@code "redact"}). The constructor rejects
     * a variant it does not know with an {@link IllegalArgumentException}.
     */
    public static LazyHandler named(String className, String variant) {
        return new LazyHandler(className, java.util.Objects.requireNonNull(variant, "variant"));
    }

    @Override
    public Outcome handle(Call call) {
        return instance().handle(call);
    }

    private Handler make() {
        try {
            return variant == null
                    ? type().getDeclaredConstructor().newInstance()
                    : type().getDeclaredConstructor(String.class).newInstance(variant);
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

    /** The variant given to the handler's constructor, or null. */
    public String variant() {
        return variant;
    }

    /** Makes the handler now if it was not made yet (tests check that every route's handler can be). */
    public Handler instance() {
        Handler h = instance;
        if (h == null) {
            h = make();
            instance = h;
        }
        return h;
    }
}
