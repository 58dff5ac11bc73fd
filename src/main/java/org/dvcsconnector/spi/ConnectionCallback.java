package org.dvcsconnector.spi;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a raw JDBC connection: batch writes, or reading tables the entity manager does not map. */
@FunctionalInterface
public interface ConnectionCallback<T> {
    T doWithConnection(Connection connection) throws SQLException;
}
