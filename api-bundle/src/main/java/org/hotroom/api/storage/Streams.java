package org.hotroom.api.storage;

/** Named stream positions: counters that only go up, one per stream name. */
public interface Streams {

    /** The position as this step sees it: committed, plus this step's own advances. */
    long position(String stream);

    /** Moves the stream one position forward within this step and returns the new position. */
    long advance(String stream);
}
