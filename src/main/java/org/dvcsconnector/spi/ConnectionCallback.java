package org.dvcsconnector.spi;

import java.sql.Connection;

/**
 * Work on a JDBC connection of the host database (SAL {@code com.atlassian.sal.api.rdbms.ConnectionCallback}). The
 * callback must neither commit, roll back nor close the connection: its {@link TransactionalExecutor} does.
 */
@FunctionalInterface
public interface ConnectionCallback<A> {
    A execute(Connection connection);
}
