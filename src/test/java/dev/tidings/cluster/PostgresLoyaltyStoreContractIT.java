package dev.tidings.cluster;

import dev.tidings.loyalty.LoyaltyStoreContract;
import dev.tidings.store.TestStores;

class PostgresLoyaltyStoreContractIT extends LoyaltyStoreContract {
    @Override
    protected TestStores freshStores() {
        return new PostgresTestStores("loyalty");
    }
}
