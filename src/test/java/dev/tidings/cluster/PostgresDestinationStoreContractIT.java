package dev.tidings.cluster;

import dev.tidings.destinations.DestinationStoreContract;
import dev.tidings.store.TestStores;

class PostgresDestinationStoreContractIT extends DestinationStoreContract {
    @Override
    protected TestStores freshStores() {
        return new PostgresTestStores("destinations");
    }
}
