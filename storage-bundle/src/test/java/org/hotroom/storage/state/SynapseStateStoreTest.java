package org.hotroom.storage.state;

/** Synapse's rule with 5 hops, so that the tests cross many snapshots. */
class SynapseStateStoreTest extends StateStoreContract {
    @Override
    String spec() {
        return "synapse:5";
    }
}
