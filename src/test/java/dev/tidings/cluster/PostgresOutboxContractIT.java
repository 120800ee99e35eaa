package dev.tidings.cluster;

import dev.tidings.store.OutboxContract;
import dev.tidings.store.TestStores;

class PostgresOutboxContractIT extends OutboxContract {
    @Override
    protected TestStores freshStores() {
        return new PostgresTestStores("outbox");
    }
}
