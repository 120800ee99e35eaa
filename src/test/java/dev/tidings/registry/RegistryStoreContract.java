package dev.tidings.registry;

import static dev.tidings.store.StoreSamples.AT;
import static dev.tidings.store.StoreSamples.definition;
import static dev.tidings.store.StoreSamples.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidings.registry.RegistryStore.Change;
import dev.tidings.registry.RegistryStore.Kind;
import dev.tidings.store.StoreException;
import dev.tidings.store.TestStores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RegistryStore} does; run against each implementation by a subclass. */
public abstract class RegistryStoreContract {
    private TestStores stores;
    private RegistryStore registry;

    /** A store on a new, empty database. */
    protected abstract TestStores freshStores();

    @BeforeEach
    void open() {
        stores = freshStores();
        registry = stores.registry();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void anOrgReadsBackAndASecondOrgWithTheSameIdIsRefusedWithFalse() {
        assertThat(registry.insertOrg(org("acme"), "hash-1")).isTrue();
        assertThat(registry.insertOrg(new Org("acme", "Other", AT), "hash-2")).isFalse();

        assertThat(registry.org("acme")).get().satisfies(o -> {
            assertThat(o.org()).isEqualTo(org("acme"));
            assertThat(o.apiKeyHash()).isEqualTo("hash-1");
        });
        assertThat(registry.org("nobody")).isEmpty();
    }

    @Test
    void registryWritesAppearInChangesAfterInOrderWithTheirKindsAndIds() {
        long before = registry.lastChange();
        assertThat(before).isZero();
        registry.insertOrg(org("acme"), "hash-1");
        registry.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 1));
        registry.upsertWebhook(webhook("w1", true));
        registry.upsertWebhook(webhook("w1", false));

        List<Change> changes = registry.changesAfter(0);

        assertThat(changes).extracting(Change::kind, Change::entityId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.ORG, "acme"),
                org.assertj.core.groups.Tuple.tuple(Kind.DEFINITION, "d1"),
                org.assertj.core.groups.Tuple.tuple(Kind.WEBHOOK, "w1"),
                org.assertj.core.groups.Tuple.tuple(Kind.WEBHOOK, "w1"));
        assertThat(changes).extracting(Change::seq).isSorted().doesNotHaveDuplicates();
        assertThat(registry.lastChange()).isEqualTo(changes.get(3).seq());
        assertThat(registry.changesAfter(changes.get(1).seq())).containsExactly(changes.get(2), changes.get(3));
        assertThat(registry.changesAfter(registry.lastChange())).isEmpty();
    }

    @Test
    void aRefusedWriteAddsNoChange() {
        registry.insertOrg(org("acme"), "hash-1");
        long last = registry.lastChange();

        registry.insertOrg(org("acme"), "hash-2");
        registry.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 1));
        registry.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 1));

        assertThat(registry.changesAfter(last)).hasSize(1);
    }

    @Test
    void insertDefinitionVersionOfAnExistingVersionReturnsFalse() {
        registry.insertOrg(org("acme"), "hash-1");
        assertThat(registry.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 1))).isTrue();
        assertThat(registry.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 2))).isTrue();

        assertThat(registry.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 2))).isFalse();
        assertThat(registry.definitionVersions("d1")).extracting(EventDefinition::version).containsExactly(1, 2);
    }

    @Test
    void aSecondEventOfTheSameNameInAnOrgIsRefusedButAnotherOrgMayUseTheName() {
        registry.insertOrg(org("acme"), "hash-1");
        registry.insertOrg(org("globex"), "hash-2");
        registry.insertDefinitionVersion(definition("d1", "acme", "be_reserved", 1));

        assertThat(registry.insertDefinitionVersion(definition("d2", "acme", "be_reserved", 1))).isFalse();
        assertThat(registry.insertDefinitionVersion(definition("d3", "globex", "be_reserved", 1))).isTrue();
        assertThat(registry.definitionVersions("d2")).isEmpty();
    }

    @Test
    void loadHoldsEveryOrgDefinitionVersionAndWebhookAsWritten() {
        registry.insertOrg(org("acme"), "hash-1");
        EventDefinition v1 = definition("d1", "acme", "be_reserved", 1);
        EventDefinition v2 = definition("d1", "acme", "be_reserved", 2);
        registry.insertDefinitionVersion(v1);
        registry.insertDefinitionVersion(v2);
        registry.upsertWebhook(webhook("w1", true));
        Webhook disabled = webhook("w1", false);
        registry.upsertWebhook(disabled);

        RegistryStore.Snapshot snapshot = registry.load();

        assertThat(snapshot.orgs()).extracting(RegistryStore.StoredOrg::org).containsExactly(org("acme"));
        assertThat(snapshot.definitions()).containsExactly(v1, v2);
        assertThat(snapshot.webhooks()).containsExactly(disabled);
        assertThat(registry.webhook("w1")).contains(disabled);
        assertThat(registry.webhook("w2")).isEmpty();
    }

    @Test
    void aSettingIsReplacedByTheNextWrite() {
        assertThat(registry.setting("root")).isEmpty();
        registry.putSetting("root", "a");
        registry.putSetting("root", "b");

        assertThat(registry.setting("root")).contains("b");
    }

    @Test
    void aSettingPutIfAbsentKeepsTheFirstValue() {
        assertThat(registry.putSettingIfAbsent("key", "first")).isTrue();
        assertThat(registry.putSettingIfAbsent("key", "second")).isFalse();

        assertThat(registry.setting("key")).contains("first");
    }

    @Test
    void nodesLoadingTheCredentialKeyAtOnceAllGetTheSameKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<CredentialHashes>> nodes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                nodes.add(() -> CredentialHashes.load(registry));
            }
            List<CredentialHashes> loaded = new ArrayList<>();
            for (var f : pool.invokeAll(nodes)) {
                loaded.add(f.get());
            }
            String hash = loaded.get(0).forGenerated("whk_generated-credential");
            assertThat(loaded).allSatisfy(h -> assertThat(h.verify("whk_generated-credential", hash)).isTrue());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoWritersCreatingTheSameOrgAtOnceGetOneSuccess() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> writers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String hash = "hash-" + i;
                writers.add(() -> registry.insertOrg(org("acme"), hash));
            }
            int wins = 0;
            for (Future<Boolean> f : pool.invokeAll(writers)) {
                wins += f.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(registry.changesAfter(0)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConstraintViolationIsANonRetryableStoreException() {
        registry.insertOrg(org("acme"), "same-hash");

        StoreException failure = catchThrowableOfType(StoreException.class,
                () -> registry.insertOrg(org("globex"), "same-hash"));

        assertThat(failure).isNotNull();
        assertThat(failure.retryable()).isFalse();
        assertThat(registry.org("globex")).isEmpty();
    }

    private static Webhook webhook(String id, boolean enabled) {
        return new Webhook(id, "acme", "main", true, enabled, "cred-hash", AT, enabled ? AT : AT.plusSeconds(60));
    }
}
