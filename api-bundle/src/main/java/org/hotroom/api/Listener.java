package org.hotroom.api;

/** Which listener a request arrived on. The logic decides what each listener serves. */
public enum Listener {
    /** The client-server API listener (plain HTTP by default). */
    CLIENT,
    /** The server-server API listener (HTTPS). */
    FEDERATION
}
