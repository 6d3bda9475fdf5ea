package org.hotroom.storage.state;

import org.hotroom.storage.LmdbStorage;

/** hotroom's own strategy with its decoded-chunk cache off: every read decodes from LMDB. */
class HotroomUncachedStateStoreTest extends StateStoreContract {
    @Override
    String spec() {
        return "hotroom";
    }

    @Override
    StateStore store(LmdbStorage s) {
        return new KeyHistoryStateStore(0);
    }
}
