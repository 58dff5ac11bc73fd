package org.dvcsconnector.spi;

import java.util.Map;
import net.java.ao.DBParam;
import net.java.ao.EntityStreamCallback;
import net.java.ao.Query;
import net.java.ao.RawEntity;

/**
 * A plugin-scoped entity manager (the AO plugin's {@code com.atlassian.activeobjects.external.ActiveObjects}, with its
 * method names): tables carry the plugin's {@code AO_<6 hex>_} prefix, and the entities declared in the plugin's
 * {@code ao} module are migrated when the module is enabled. Raw JDBC goes through {@link TransactionalExecutorFactory},
 * as it does in Jira.
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

    /** Forget cached entity values (after raw SQL changed rows behind the entity manager's back). */
    void flushAll();
}
