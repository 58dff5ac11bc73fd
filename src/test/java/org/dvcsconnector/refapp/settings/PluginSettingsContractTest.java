package org.dvcsconnector.refapp.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.dvcsconnector.spi.PluginSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour of the settings store, run against each database by a subclass. */
abstract class PluginSettingsContractTest {

    abstract DataSource dataSource();

    private JdbcPluginSettingsStore store;
    private String ns;

    @BeforeEach
    void store() {
        store = new JdbcPluginSettingsStore(dataSource());
        ns = "plugin-" + UUID.randomUUID();
    }

    @Test
    void putGetUpsertAndRemove() {
        PluginSettings settings = store.forNamespace(ns);
        assertThat(settings.get("k")).isEmpty();

        settings.put("k", "one");
        assertThat(settings.get("k")).contains("one");
        settings.put("k", "two");
        assertThat(settings.get("k")).contains("two");

        settings.remove("k");
        assertThat(settings.get("k")).isEmpty();
        settings.remove("k"); // removing what is not there is fine
    }

    @Test
    void nullValueRemovesAndLongValuesAreKept() {
        PluginSettings settings = store.forNamespace(ns);
        String big = "v".repeat(50_000) + "ü";
        settings.put("big", big);
        assertThat(settings.get("big")).contains(big);
        settings.put("big", null);
        assertThat(settings.get("big")).isEmpty();
    }

    @Test
    void namespacesAreIsolated() {
        PluginSettings a = store.forNamespace(ns + "-a");
        PluginSettings b = store.forNamespace(ns + "-b");
        a.put("k", "A");
        b.put("k", "B");
        assertThat(a.get("k")).contains("A");
        assertThat(b.get("k")).contains("B");
        a.remove("k");
        assertThat(b.get("k")).contains("B");
    }

    @Test
    void valuesAreSharedThroughTheDatabase() {
        store.forNamespace(ns).put("k", "v");
        // A second store (another node) on the same database, created after the table exists.
        assertThat(new JdbcPluginSettingsStore(dataSource()).forNamespace(ns).get("k")).contains("v");
    }

    @Test
    void blankKeysAndNamespacesAreRefused() {
        PluginSettings settings = store.forNamespace(ns);
        for (String bad : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> settings.put(bad, "v")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> settings.get(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> settings.remove(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.forNamespace(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void concurrentPutsOfTheSameKeyDoNotFail() throws Exception {
        PluginSettings settings = store.forNamespace(ns);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 25; i++) {
                        settings.put("shared", "t" + thread + "-" + i);
                        settings.put("own-" + thread, Integer.toString(i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : results) {
                f.get(); // rethrows any failure
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(settings.get("shared")).hasValueSatisfying(v -> assertThat(v).matches("t[0-7]-24"));
        for (int t = 0; t < 8; t++) {
            assertThat(settings.get("own-" + t)).contains("24");
        }
    }
}
