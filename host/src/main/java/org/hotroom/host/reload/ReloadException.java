package org.hotroom.host.reload;

/**
 * A logic bundle could not be activated. The old generation keeps serving. {@link #kind()} says
 * at which stage it failed, so tools can react without parsing the message.
 */
public final class ReloadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Where the reload failed. */
    public enum Kind {
        /** not a readable jar or not an OSGi bundle */
        BAD_JAR,
        /** the bundle's imports cannot be wired */
        UNRESOLVED,
        /** the bundle started but registered no Logic service */
        NO_LOGIC_SERVICE,
        /** the Logic component failed to activate or to answer */
        ACTIVATION,
        /** the new logic activated but failed its smoke step */
        SMOKE,
        /** nothing to roll back to */
        NO_PREVIOUS_GENERATION,
        /** the host could not store the jar */
        IO
    }

    private final Kind kind;

    public ReloadException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
