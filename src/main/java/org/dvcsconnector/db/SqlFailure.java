package org.dvcsconnector.db;

import java.sql.SQLException;

/**
 * A statement of the plugin's failed: unchecked, as the host's data access exceptions are. The message is the
 * database's (what sync errors show); the statement is kept for the log.
 */
public final class SqlFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String statement;

    public SqlFailure(String statement, SQLException cause) {
        super(cause.getMessage(), cause);
        this.statement = statement;
    }

    /** The statement's template, or what the JDBC work was. */
    public String statement() {
        return statement;
    }
}
