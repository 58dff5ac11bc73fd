package org.dvcsconnector.refapp.db;

/** The databases the refapp runs on. */
public enum DatabaseKind {
    H2,
    POSTGRES;

    public static DatabaseKind of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException(
                "Unsupported database URL (use jdbc:h2:… or jdbc:postgresql://…): " + jdbcUrl.replaceAll("password=[^&;]*", "password=***"));
    }
}
