package org.hotroom.storage.state;

class LevelsDefaultStateStoreTest extends StateStoreContract {
    @Override
    String spec() {
        return "levels:100,50,25";
    }
}
