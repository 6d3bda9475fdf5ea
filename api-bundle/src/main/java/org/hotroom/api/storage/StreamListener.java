package org.hotroom.api.storage;

/** Told about stream positions after the commit that moved them. */
@FunctionalInterface
public interface StreamListener {
    void moved(String stream, long position);
}
