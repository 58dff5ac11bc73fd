package org.dvcsconnector.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.java.ao.RawEntity;

/**
 * Plain SQL over some of the plugin's tables, with the names in one place: a statement names a table as
 * {@code [CommitEntity]} (the entity's simple name) and a column as {@code [REPOSITORY_ID]} (AO's column name), and
 * both are expanded, quoted as the database needs, once per statement text. Rows are read by column name.
 *
 * <p>A small template expander rather than a query builder library: the host shares none, and the plugin's SQL is a
 * few dozen fixed statements whose only variable parts are these names. An unknown name fails at once, naming itself.
 */
public final class Sql {

    /** Rows written per JDBC batch. */
    static final int BATCH = 500;
    private static final int FETCH_SIZE = 1000;
    private static final int MAX_CACHED = 2000;
    private static final Pattern NAME = Pattern.compile("\\[([A-Za-z][A-Za-z0-9_]*)]");
    private static final Pattern COLUMN = Pattern.compile("[A-Z][A-Z0-9_]*");

    @FunctionalInterface
    public interface RowReader {
        void read(Row row) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final PluginDatabase database;
    private final Map<String, Class<? extends RawEntity<?>>> tables = new HashMap<>();
    private final Map<String, String> expanded = new ConcurrentHashMap<>();

    Sql(PluginDatabase database, Class<? extends RawEntity<?>>[] tables) {
        this.database = database;
        for (Class<? extends RawEntity<?>> table : tables) {
            this.tables.put(table.getSimpleName(), table);
        }
    }

    /** Calls {@code reader} for each row of the query. */
    public void forEach(String template, RowReader reader, Object... parameters) {
        run(true, template, connection -> {
            on(connection).forEach(template, reader, parameters);
            return null;
        });
    }

    /** The query's rows, each mapped. */
    public <T> List<T> list(String template, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = new ArrayList<>();
        forEach(template, row -> rows.add(mapper.map(row)), parameters);
        return rows;
    }

    /** Whether the query returns a row. */
    public boolean exists(String template, Object... parameters) {
        boolean[] found = {false};
        forEach(template, row -> found[0] = true, parameters);
        return found[0];
    }

    /** Runs an INSERT, UPDATE or DELETE; the number of rows it changed. */
    public int update(String template, Object... parameters) {
        return run(false, template, connection -> on(connection).update(template, parameters));
    }

    /** Runs the statement once per item, {@value #BATCH} to a JDBC batch. */
    public <T> void batch(String template, Collection<T> items, Binder<T> binder) {
        if (!items.isEmpty()) {
            run(false, template, connection -> {
                on(connection).batch(template, items, binder);
                return null;
            });
        }
    }

    /** Rows of {@code table} whose {@code column} is {@code value}. */
    public int countRows(Class<? extends RawEntity<?>> table, String column, Object value) {
        int[] count = {0};
        forEach("SELECT COUNT(*) AS [N] FROM " + database.table(table) + " WHERE [" + column + "] = ?",
                row -> count[0] = row.integer("N"), value);
        return count[0];
    }

    /**
     * Deletes at most {@code limit} rows of {@code table} whose {@code column} is {@code value}, oldest id first;
     * returns how many. A bounded sub-select: PostgreSQL and H2 both take LIMIT there, one short statement a batch.
     */
    public int deleteSome(Class<? extends RawEntity<?>> table, String column, Object value, int limit) {
        String name = database.table(table);
        return update("DELETE FROM " + name + " WHERE [ID] IN (SELECT [ID] FROM " + name + " WHERE [" + column
                + "] = ? ORDER BY [ID] LIMIT " + limit + ")", value);
    }

    /**
     * Several reads on one connection: outside a transaction each call above takes a pooled connection of its own, and
     * a request that holds one while waiting for a second can starve a full pool.
     */
    public <T> T readOnOneConnection(ConnectionWork<T> work) {
        return run(true, "reads on one connection", work);
    }

    /** The statements above, on a connection the caller holds (inside {@link #withConnection} and its kin). */
    public OnConnection on(Connection connection) {
        return new OnConnection(connection);
    }

    /** Statements on one connection. */
    public final class OnConnection {

        private final Connection connection;

        private OnConnection(Connection connection) {
            this.connection = connection;
        }

        public void forEach(String template, RowReader reader, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(connection, expand(template), parameters)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = statement.executeQuery()) {
                    Row row = new Row(rs);
                    while (rs.next()) {
                        reader.read(row);
                    }
                }
            }
        }

        public int update(String template, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(connection, expand(template), parameters)) {
                return statement.executeUpdate();
            }
        }

        public <T> void batch(String template, Collection<T> items, Binder<T> binder) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(expand(template))) {
                int pending = 0;
                for (T item : items) {
                    binder.bind(statement, item);
                    statement.addBatch();
                    if (++pending == BATCH) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                }
            }
        }
    }

    /** Raw JDBC, for what a statement cannot say (savepoints, session settings); names through {@link #expand}. */
    public <T> T withConnection(ConnectionWork<T> work) {
        return run(false, "JDBC work", work);
    }

    /** The template of an INSERT of {@code columns} into {@code table}. */
    public static String insert(Class<? extends RawEntity<?>> table, String... columns) {
        return "INSERT INTO [" + table.getSimpleName() + "] ([" + String.join("], [", columns) + "]) VALUES ("
                + placeholders(columns.length) + ")";
    }

    /** {@code ?, ?, …}: {@code count} parameters for an IN list or VALUES. */
    public static String placeholders(int count) {
        return "?, ".repeat(count - 1) + "?";
    }

    /** Binds a string that may be null (JDBC wants the type of a NULL). */
    public static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** The statement with its names expanded. */
    public String expand(String template) {
        String sql = expanded.get(template);
        if (sql == null) {
            sql = substitute(template);
            if (expanded.size() < MAX_CACHED) { // IN lists of varying length would otherwise grow it without bound
                expanded.put(template, sql);
            }
        }
        return sql;
    }

    private String substitute(String template) {
        Matcher names = NAME.matcher(template);
        StringBuilder sql = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(sql, Matcher.quoteReplacement(resolve(names.group(1), template)));
        }
        return names.appendTail(sql).toString();
    }

    private String resolve(String name, String template) {
        Class<? extends RawEntity<?>> table = tables.get(name);
        if (table != null) {
            return database.table(table);
        }
        if (COLUMN.matcher(name).matches()) {
            return database.quote(name);
        }
        throw new IllegalArgumentException("[" + name + "] is neither a table given to this Sql " + tables.keySet()
                + " nor a column name, in: " + template);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private <T> T run(boolean readOnly, String what, ConnectionWork<T> work) {
        return database.executor(readOnly).execute(connection -> {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new SqlFailure(what, e);
            }
        });
    }
}
