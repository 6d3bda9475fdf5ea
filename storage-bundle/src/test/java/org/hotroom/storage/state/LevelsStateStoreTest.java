package org.hotroom.storage.state;

/** The compressor's levels, small enough that the tests fill every level many times. */
class LevelsStateStoreTest extends StateStoreContract {
    @Override
    String spec() {
        return "levels:4,3,2";
    }
}
