package org.dvcsconnector.refapp.tracker;

import java.sql.SQLException;

/** A database failure the caller cannot fix; {@link #isDuplicate()} tells unique-key clashes apart. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super("Tracker database error: " + cause.getMessage(), cause);
    }

    public boolean isDuplicate() {
        return getCause() instanceof SQLException sql && Sql.isDuplicate(sql);
    }
}
