package dev.tidings.embedded;

import dev.tidings.registry.RegistryStoreContract;
import dev.tidings.store.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRegistryStoreContractTest extends RegistryStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TestStores freshStores() {
        return new SqliteTestStores(dir);
    }
}
