package org.dvcsconnector.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The current row of a query, read by column name (or alias). */
public final class Row {

    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    public String string(String column) throws SQLException {
        return rs.getString(column);
    }

    public int integer(String column) throws SQLException {
        return rs.getInt(column);
    }

    /** A whole number, 0 when SQL NULL. */
    public long number(String column) throws SQLException {
        return rs.getLong(column);
    }

    /** A whole number, or null when SQL NULL. */
    public Long nullableNumber(String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public boolean bool(String column) throws SQLException {
        return rs.getBoolean(column);
    }
}
