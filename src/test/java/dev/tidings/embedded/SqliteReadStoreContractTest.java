package dev.tidings.embedded;

import dev.tidings.store.ReadStoreContract;
import dev.tidings.store.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadStoreContractTest extends ReadStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TestStores freshStores() {
        return new SqliteTestStores(dir);
    }
}
