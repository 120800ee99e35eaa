package dev.tidings.cluster;

import dev.tidings.store.ReadStoreContract;
import dev.tidings.store.TestStores;

class PostgresReadStoreContractIT extends ReadStoreContract {
    @Override
    protected TestStores freshStores() {
        return new PostgresTestStores("readstore");
    }
}
