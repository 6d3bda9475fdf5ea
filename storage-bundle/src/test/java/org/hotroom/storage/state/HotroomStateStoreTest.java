package org.hotroom.storage.state;

class HotroomStateStoreTest extends StateStoreContract {
    @Override
    String spec() {
        return "hotroom";
    }
}
