package dev.tidings.cluster;

import dev.tidings.store.IntakeKeys;
import dev.tidings.store.IntakeKeysContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresIntakeKeysContractIT extends IntakeKeysContract {
    private PostgresTestStores stores;
    private PostgresIntakeKeys keys;

    @BeforeEach
    void open() {
        stores = new PostgresTestStores("intake_keys");
        keys = new PostgresIntakeKeys(stores.database());
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Override
    protected IntakeKeys keys() {
        return keys;
    }
}
