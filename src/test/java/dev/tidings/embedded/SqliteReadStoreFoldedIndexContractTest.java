package dev.tidings.embedded;

import dev.tidings.store.ReadStoreContract;
import dev.tidings.store.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The read contract with every batch's customer-index rows folded into the index at its commit (V10). */
class SqliteReadStoreFoldedIndexContractTest extends ReadStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TestStores freshStores() {
        return new SqliteTestStores(dir, 1);
    }
}
