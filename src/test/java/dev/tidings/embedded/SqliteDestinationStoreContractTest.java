package dev.tidings.embedded;

import dev.tidings.destinations.DestinationStoreContract;
import dev.tidings.store.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDestinationStoreContractTest extends DestinationStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TestStores freshStores() {
        return new SqliteTestStores(dir);
    }
}
