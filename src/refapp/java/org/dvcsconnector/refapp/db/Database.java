package org.dvcsconnector.refapp.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/** The host database: one connection pool shared by the host's tables, the scheduler and ActiveObjects. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DatabaseKind kind;

    private Database(HikariDataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /** Opens {@code jdbcUrl}; user and password may be given as URL parameters or here. */
    public static Database open(String jdbcUrl, String user, String password) {
        DatabaseKind kind = DatabaseKind.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(kind == DatabaseKind.H2 ? 16 : 24);
        config.setPoolName("refapp-db");
        // A connection held for minutes is a leak, not work: log where it was taken.
        config.setLeakDetectionThreshold(Duration.ofMinutes(2).toMillis());
        return new Database(new HikariDataSource(config), kind);
    }

    /** The default database: an H2 file under the node's home. */
    public static Database h2File(Path home) {
        Path file = home.toAbsolutePath().resolve("database").resolve("refapp");
        return open("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Connections checked out of the pool right now (leak checks in tests, diagnostics). */
    public int activeConnections() {
        return dataSource.getHikariPoolMXBean().getActiveConnections();
    }

    public DatabaseKind kind() {
        return kind;
    }

    @Override
    public void close() {
        if (kind == DatabaseKind.H2 && dataSource.getJdbcUrl().startsWith("jdbc:h2:file:")) {
            // H2 keeps old versions of rows in its file until it is compacted: without this, values that
            // were overwritten (legacy plain-text secrets cleared after import) would linger on disk.
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                LoggerFactory.getLogger(Database.class).warn("Compacting the H2 database failed: {}", e.getMessage());
            }
        }
        dataSource.close();
    }
}
