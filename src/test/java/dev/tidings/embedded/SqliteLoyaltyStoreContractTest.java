package dev.tidings.embedded;

import dev.tidings.loyalty.LoyaltyStoreContract;
import dev.tidings.store.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteLoyaltyStoreContractTest extends LoyaltyStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TestStores freshStores() {
        return new SqliteTestStores(dir);
    }
}
