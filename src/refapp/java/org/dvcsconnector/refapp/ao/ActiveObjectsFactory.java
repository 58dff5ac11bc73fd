package org.dvcsconnector.refapp.ao;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import net.java.ao.DatabaseProvider;
import net.java.ao.DefaultSchemaConfiguration;
import net.java.ao.EntityManager;
import net.java.ao.EntityManagerConfiguration;
import net.java.ao.SchemaConfiguration;
import net.java.ao.atlassian.AtlassianFieldNameConverter;
import net.java.ao.atlassian.AtlassianIndexNameConverter;
import net.java.ao.atlassian.AtlassianSequenceNameConverter;
import net.java.ao.atlassian.AtlassianTableNameConverter;
import net.java.ao.atlassian.AtlassianTriggerNameConverter;
import net.java.ao.atlassian.AtlassianUniqueNameConverter;
import net.java.ao.builder.DelegatingDisposableDataSourceHandler;
import net.java.ao.builder.SimpleNameConverters;
import net.java.ao.db.H2DatabaseProvider;
import net.java.ao.db.PostgreSQLDatabaseProvider;
import net.java.ao.schema.NameConverters;
import net.java.ao.schema.info.CachingEntityInfoResolverFactory;
import net.java.ao.schema.info.EntityInfoResolverFactory;
import org.dvcsconnector.refapp.db.DatabaseKind;

/** Builds and caches one {@link PluginActiveObjects} per plugin key, all over the host's connection pool. */
public final class ActiveObjectsFactory {

    private final DataSource dataSource;
    private final DatabaseKind kind;
    private final Map<String, PluginActiveObjects> byPlugin = new ConcurrentHashMap<>();
    private volatile DatabaseProvider.SqlListener sqlListener;

    static {
        // AO's own default is SERIALIZABLE, under which PostgreSQL aborts concurrent syncs of different
        // repositories ("could not serialize access"). Jira runs AO in its READ COMMITTED transactions, and the
        // plugin serialises what must not interleave with cluster locks, so the refapp does the same.
        if (System.getProperty("ao.transaction.isolation.level") == null) {
            System.setProperty("ao.transaction.isolation.level", "TRANSACTION_READ_COMMITTED");
        }
    }

    public ActiveObjectsFactory(DataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    public PluginActiveObjects forPlugin(String pluginKey) {
        return byPlugin.computeIfAbsent(pluginKey, this::create);
    }

    /** Hears every SQL statement any plugin's entity manager runs (used to count queries in tests). */
    public void setSqlListener(DatabaseProvider.SqlListener listener) {
        this.sqlListener = listener;
    }

    private PluginActiveObjects create(String pluginKey) {
        // The pool belongs to the host: disposing one plugin's provider must not close it.
        var disposable = DelegatingDisposableDataSourceHandler.newInstance(dataSource, () -> { });
        DatabaseProvider provider = switch (kind) {
            case H2 -> new H2DatabaseProvider(disposable, "PUBLIC");
            case POSTGRES -> new PostgreSQLDatabaseProvider(disposable, "public");
        };
        DatabaseProvider.SqlListener forward = sql -> {
            DatabaseProvider.SqlListener listener = sqlListener;
            if (listener != null) {
                listener.onSql(sql);
            }
        };
        provider.addSqlListener(forward);
        String prefix = TablePrefixes.forPluginKey(pluginKey);
        NameConverters names = new SimpleNameConverters(
                new AtlassianTableNameConverter(prefix::concat),
                new AtlassianFieldNameConverter(),
                new AtlassianSequenceNameConverter(),
                new AtlassianTriggerNameConverter(),
                new AtlassianIndexNameConverter(),
                new AtlassianUniqueNameConverter());
        // A plugin manages its own tables only, never the host's or another plugin's.
        SchemaConfiguration ownTablesOnly = new DefaultSchemaConfiguration() {
            @Override
            public boolean shouldManageTable(String tableName, boolean caseSensitive) {
                return tableName.toUpperCase(Locale.ROOT).startsWith(prefix);
            }
        };
        EntityManagerConfiguration configuration = new EntityManagerConfiguration() {
            private final EntityInfoResolverFactory resolvers = new CachingEntityInfoResolverFactory();

            @Override
            public boolean useWeakCache() {
                return true;
            }

            @Override
            public NameConverters getNameConverters() {
                return names;
            }

            @Override
            public SchemaConfiguration getSchemaConfiguration() {
                return ownTablesOnly;
            }

            @Override
            public EntityInfoResolverFactory getEntityInfoResolverFactory() {
                return resolvers;
            }
        };
        return new PluginActiveObjects(new EntityManager(provider, configuration), forward);
    }
}
