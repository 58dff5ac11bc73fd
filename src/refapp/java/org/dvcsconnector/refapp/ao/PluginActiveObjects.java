package org.dvcsconnector.refapp.ao;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import net.java.ao.DBParam;
import net.java.ao.DatabaseProvider;
import net.java.ao.EntityManager;
import net.java.ao.EntityStreamCallback;
import net.java.ao.Query;
import net.java.ao.RawEntity;
import net.java.ao.Transaction;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.ConnectionCallback;
import org.dvcsconnector.spi.TransactionCallback;
import org.dvcsconnector.spi.TransactionTemplate;
import org.dvcsconnector.spi.TransactionalExecutor;
import org.dvcsconnector.spi.TransactionalExecutorFactory;

/**
 * One plugin's ActiveObjects: an {@link EntityManager} whose tables carry the plugin's prefix. AO's
 * {@link DatabaseProvider} binds a transaction's connection to the thread, so every call made inside
 * {@link #executeInTransaction} joins it, JDBC work through {@link #createExecutor} included; nested calls join the
 * outermost transaction.
 */
public final class PluginActiveObjects implements ActiveObjects, TransactionTemplate, TransactionalExecutorFactory {

    private final EntityManager entityManager;
    private final DatabaseProvider provider;
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    private final DatabaseProvider.SqlListener rawSql;

    /** {@code rawSql} hears the statements plugins prepare on {@link #createExecutor}'s connections. */
    PluginActiveObjects(EntityManager entityManager, DatabaseProvider.SqlListener rawSql) {
        this.entityManager = entityManager;
        this.provider = entityManager.getProvider();
        this.rawSql = rawSql;
    }

    @Override
    @SafeVarargs
    public final void migrate(Class<? extends RawEntity<?>>... entities) {
        run(() -> {
            entityManager.migrate(entities);
            return null;
        });
    }

    @Override
    public <T extends RawEntity<K>, K> T create(Class<T> type, DBParam... params) {
        return run(() -> entityManager.create(type, params));
    }

    @Override
    public <T extends RawEntity<K>, K> T create(Class<T> type, Map<String, Object> params) {
        return run(() -> entityManager.create(type, params));
    }

    @Override
    public <T extends RawEntity<K>, K> T get(Class<T> type, K key) {
        return run(() -> entityManager.get(type, key));
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, Query query) {
        return run(() -> entityManager.find(type, query));
    }

    @Override
    public <T extends RawEntity<K>, K> T[] find(Class<T> type, String criteria, Object... parameters) {
        return run(() -> entityManager.find(type, criteria, parameters));
    }

    @Override
    public <T extends RawEntity<K>, K> int count(Class<T> type, Query query) {
        return run(() -> entityManager.count(type, query));
    }

    @Override
    public <T extends RawEntity<K>, K> void stream(Class<T> type, Query query, EntityStreamCallback<T, K> callback) {
        run(() -> {
            entityManager.stream(type, query, callback);
            return null;
        });
    }

    @Override
    public void delete(RawEntity<?>... entities) {
        run(() -> {
            entityManager.delete(entities);
            return null;
        });
    }

    @Override
    public <K> int deleteWithSQL(Class<? extends RawEntity<K>> type, String criteria, Object... parameters) {
        return run(() -> entityManager.deleteWithSQL(type, criteria, parameters));
    }

    @Override
    public TransactionalExecutor createExecutor(boolean readOnly, boolean requiresNew) {
        return new TransactionalExecutor() {
            @Override
            public <A> A execute(ConnectionCallback<A> callback) {
                boolean inTransaction = depth.get() > 0;
                if (requiresNew && inTransaction) {
                    // AO binds one connection to the thread; the refapp cannot suspend it (the plugin never asks).
                    throw new IllegalStateException("The refapp cannot start a new transaction inside another one");
                }
                if (inTransaction || readOnly) {
                    // The thread's transaction; or, for reads outside one, an autocommit connection: each statement
                    // sees what was committed before it, as in a read-only READ COMMITTED transaction.
                    return onConnection(callback);
                }
                return executeInTransaction(() -> onConnection(callback));
            }

            @Override
            public Optional<String> getSchemaName() {
                String schema = provider.getSchema();
                return schema == null || schema.isBlank() ? Optional.empty() : Optional.of(schema);
            }
        };
    }

    private <A> A onConnection(ConnectionCallback<A> callback) {
        // Inside a transaction AO hands out the thread's connection, whose close() is a no-op.
        return run(() -> {
            try (Connection connection = provider.getConnection()) {
                return callback.execute(listened(connection));
            }
        });
    }

    /** The connection, reporting each statement it prepares (AO's own listeners hear only AO's SQL). */
    private Connection listened(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                            && args != null && args[0] instanceof String sql) {
                        rawSql.onSql(sql);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void flushAll() {
        entityManager.flushAll();
    }

    @Override
    public <T> T execute(TransactionCallback<T> callback) {
        return executeInTransaction(callback);
    }

    @Override
    public <T> T executeInTransaction(TransactionCallback<T> callback) {
        if (depth.get() > 0) {
            return callback.doInTransaction();
        }
        // AO's own Transaction commits or rolls back and then really closes the connection: the
        // provider's commit alone leaves it checked out of the pool.
        depth.set(1);
        try {
            return new Transaction<T>(entityManager) {
                @Override
                protected T run() {
                    return callback.doInTransaction();
                }
            }.execute();
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        } finally {
            depth.remove();
        }
    }

    private static <T> T run(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** A database failure inside ActiveObjects, unchecked as in Atlassian's AO plugin. */
    public static final class DataAccessException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataAccessException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
