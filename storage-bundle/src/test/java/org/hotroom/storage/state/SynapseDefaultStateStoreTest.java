package org.hotroom.storage.state;

class SynapseDefaultStateStoreTest extends StateStoreContract {
    @Override
    String spec() {
        return "synapse";
    }
}
