package dev.tidings.cluster;

import dev.tidings.store.PipelineStoreContract;
import dev.tidings.store.TestStores;

class PostgresPipelineStoreContractIT extends PipelineStoreContract {
    @Override
    protected TestStores freshStores() {
        return new PostgresTestStores("pipelinestore");
    }
}
