package dev.tidings.embedded;

import dev.tidings.store.IntakeKeys;
import dev.tidings.store.IntakeKeysContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteIntakeKeysContractTest extends IntakeKeysContract {
    @TempDir
    Path dir;
    private SqliteDatabase database;
    private SqliteIntakeKeys keys;

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(dir.resolve("intake-keys.db"), "keys", false);
        keys = new SqliteIntakeKeys(database);
    }

    @AfterEach
    void close() {
        keys.close();
        database.close();
    }

    @Override
    protected IntakeKeys keys() {
        return keys;
    }
}
