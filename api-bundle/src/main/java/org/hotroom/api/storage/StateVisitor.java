package org.hotroom.api.storage;

/** Receives the cells of a state in key order; see {@link StateSnapshot#forEach}. */
@FunctionalInterface
public interface StateVisitor {
    /** Return false to stop. */
    boolean visit(long type, long stateKey, long event);
}
