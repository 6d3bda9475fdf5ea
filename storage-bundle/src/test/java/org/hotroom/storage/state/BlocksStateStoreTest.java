package org.hotroom.storage.state;

class BlocksStateStoreTest extends StateStoreContract {
    @Override
    String spec() {
        return "blocks";
    }
}
