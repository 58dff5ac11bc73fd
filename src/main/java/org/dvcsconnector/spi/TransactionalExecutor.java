package org.dvcsconnector.spi;

import java.util.Optional;

/**
 * Runs JDBC work in a transaction (SAL {@code com.atlassian.sal.api.rdbms.TransactionalExecutor}): committed when
 * the callback returns, rolled back when it throws. Unless it was created to require a new transaction, it joins the
 * {@link ActiveObjects} transaction running on the thread, so entity and JDBC writes commit together.
 */
public interface TransactionalExecutor {

    <A> A execute(ConnectionCallback<A> callback);

    /** The schema the plugin's tables live in, when the database has one the SQL must name. */
    Optional<String> getSchemaName();
}
