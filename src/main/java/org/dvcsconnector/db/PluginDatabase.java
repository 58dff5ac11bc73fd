package org.dvcsconnector.db;

import java.sql.SQLException;
import net.java.ao.RawEntity;
import org.dvcsconnector.spi.TransactionalExecutor;
import org.dvcsconnector.spi.TransactionalExecutorFactory;

/**
 * The plugin's JDBC access: the host's executors, its table names, and how the database quotes identifiers (read
 * once from the driver). Each store takes an {@link Sql} over the tables it uses.
 */
public final class PluginDatabase {

    private final TransactionalExecutorFactory executors;
    private final AoTableNames names;
    private volatile String quote;
    private volatile String schema;

    public PluginDatabase(TransactionalExecutorFactory executors, String pluginKey) {
        this.executors = executors;
        this.names = new AoTableNames(pluginKey);
    }

    /** SQL over {@code tables}, which its statements name as {@code [EntitySimpleName]}. */
    @SafeVarargs
    public final Sql sql(Class<? extends RawEntity<?>>... tables) {
        return new Sql(this, tables);
    }

    /** {@code identifier} quoted as the database needs. */
    String quote(String identifier) {
        return quoteString() + identifier + quoteString();
    }

    /** The table of {@code entity}, quoted, with the schema when the database has one to name. */
    String table(Class<? extends RawEntity<?>> entity) {
        quoteString();
        String table = quote(names.name(entity));
        return schema.isEmpty() ? table : quote(schema) + "." + table;
    }

    /** The executor for work that reads only, or that writes (joining the thread's transaction either way). */
    TransactionalExecutor executor(boolean readOnly) {
        return executors.createExecutor(readOnly, false);
    }

    private String quoteString() {
        if (quote == null) {
            TransactionalExecutor executor = executors.createExecutor(true, false);
            schema = executor.getSchemaName().orElse("");
            quote = executor.execute(connection -> {
                try {
                    return connection.getMetaData().getIdentifierQuoteString().trim();
                } catch (SQLException e) {
                    throw new SqlFailure("Reading how the database quotes names", e);
                }
            });
        }
        return quote;
    }
}
