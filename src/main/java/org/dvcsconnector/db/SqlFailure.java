package org.dvcsconnector.db;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

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

    /**
     * The database's reason when {@code failure} says it refused a value written (SQLSTATE class 22, data exception:
     * too long, not valid in the encoding; or 23, integrity constraint violation), else null: a lost connection, a
     * deadlock or a bug say nothing about the record, and must fail the work rather than skip what it writes.
     */
    public static String refusedValue(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null && (e == sql || seen.put(e, true) == null); e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        SQLException detail = e.getNextException() != null ? e.getNextException() : e;
                        return reason(detail.getMessage() == null ? e.getMessage() : detail.getMessage(), state);
                    }
                }
            }
        }
        return null;
    }

    /** The database's words without the statement and the values it quotes (H2 appends both): the first line. */
    private static String reason(String message, String state) {
        if (message == null || message.isBlank()) {
            return "SQLSTATE " + state;
        }
        String line = message.strip();
        int end = line.indexOf('\n');
        line = end < 0 ? line : line.substring(0, end);
        int statement = line.indexOf("; SQL statement:");
        line = statement < 0 ? line : line.substring(0, statement);
        return line.startsWith("ERROR: ") ? line.substring(7) : line;
    }
}
