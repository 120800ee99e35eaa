package dev.tidings.cluster;

import dev.tidings.registry.RegistryStoreContract;
import dev.tidings.store.TestStores;

class PostgresRegistryStoreContractIT extends RegistryStoreContract {
    @Override
    protected TestStores freshStores() {
        return new PostgresTestStores("registrystore");
    }
}
