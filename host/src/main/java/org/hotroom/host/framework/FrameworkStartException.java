package org.hotroom.host.framework;

/** The embedded framework or one of its listed bundles could not be started. */
public final class FrameworkStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public FrameworkStartException(String message) {
        super(message);
    }

    public FrameworkStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
