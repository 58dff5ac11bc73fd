package org.dvcsconnector.spi;

import java.util.Map;
import net.java.ao.DBParam;
import net.java.ao.EntityStreamCallback;
import net.java.ao.Query;
import net.java.ao.RawEntity;

/**
 * A plugin-scoped entity manager (the AO plugin's {@code ActiveObjects}): tables carry the plugin's
 * {@code AO_<6 hex>_} prefix, and the entities declared in the plugin's {@code ao} module are migrated
 * when the module is enabled.
 */
public interface ActiveObjects {

    @SuppressWarnings("unchecked")
    void migrate(Class<? extends RawEntity<?>>... entities);

    <T extends RawEntity<K>, K> T create(Class<T> type, DBParam... params);

    <T extends RawEntity<K>, K> T create(Class<T> type, Map<String, Object> params);

    <T extends RawEntity<K>, K> T get(Class<T> type, K key);

    <T extends RawEntity<K>, K> T[] find(Class<T> type, Query query);

    <T extends RawEntity<K>, K> T[] find(Class<T> type, String criteria, Object... parameters);

    <T extends RawEntity<K>, K> int count(Class<T> type, Query query);

    <T extends RawEntity<K>, K> void stream(Class<T> type, Query query, EntityStreamCallback<T, K> callback);

    void delete(RawEntity<?>... entities);

    <K> int deleteWithSQL(Class<? extends RawEntity<K>> type, String criteria, Object... parameters);

    /** Runs {@code callback} in one database transaction, rolled back if it throws. */
    <T> T executeInTransaction(TransactionCallback<T> callback);

    /** The real table name of an entity for raw SQL: prefix and schema included, quoted as the database needs. */
    String tableName(Class<? extends RawEntity<?>> type);

    /** A column name (as AO names it, e.g. {@code TOKEN_VERSION}) quoted as the database needs. */
    String quote(String column);

    /**
     * Runs {@code callback} on a JDBC connection of the host database: inside a transaction it is the
     * transaction's connection, else one from the pool, closed afterwards. SQL failures are rethrown
     * unchecked.
     */
    <T> T withConnection(ConnectionCallback<T> callback);

    /** Forget cached entity values (after raw SQL changed rows behind the entity manager's back). */
    void flushAll();
}
