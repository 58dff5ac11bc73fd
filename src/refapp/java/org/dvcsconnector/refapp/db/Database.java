package org.dvcsconnector.refapp.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/** The host database: one connection pool shared by the host's tables, the scheduler and ActiveObjects. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DatabaseKind kind;
    /** The H2 file database's directory, null for other databases. */
    private Path h2Directory;
    private boolean closed;

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

    /**
     * The default database: an H2 file under the node's home, readable by this user only. Its directory is made
     * {@code rwx------} and the database file is created {@code rw-------} before H2 opens it (H2 takes an empty file
     * as a new database). H2 creates its other files itself (the trace file {@code refapp.trace.db} on errors, and on
     * {@code SHUTDOWN COMPACT} a new {@code refapp.mv.db} written beside the old one and renamed) with the process
     * umask, which Java cannot set: the {@code rwx------} directory (inside the {@code rwx------} home) is what keeps
     * others out of those, and {@link #restrictFiles} tightens them to {@code rw-------} after open and close.
     */
    public static Database h2File(Path home) {
        Path dir = home.toAbsolutePath().resolve("database");
        Path file = dir.resolve("refapp");
        try {
            FilePermissions.privateDirectory(dir);
            FilePermissions.privateFile(dir.resolve("refapp.mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database directory " + dir + ": " + e.getMessage(), e);
        }
        Database database = open("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        database.h2Directory = dir;
        restrictFiles(dir);
        return database;
    }

    /** Every file H2 made in {@code dir}: {@code rw-------}. */
    private static void restrictFiles(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    FilePermissions.restrict(f);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LoggerFactory.getLogger(Database.class).warn("Cannot restrict the permissions of the files in {}: {}", dir,
                    e.getMessage());
        }
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Every user of the database is closed before it (the refapp closes in reverse order of start); the pool's
        // connections go first, then the compaction runs once, alone, on a connection of its own. Through the pool it
        // failed: SHUTDOWN closes the database under the connection running it, and the pool's clean-up of that
        // connection then threw "Database is already closed", so the compaction never completed.
        dataSource.close();
        if (kind == DatabaseKind.H2 && dataSource.getJdbcUrl().startsWith("jdbc:h2:file:")) {
            // H2 keeps old versions of rows in its file until it is compacted: without this, values that
            // were overwritten (legacy plain-text secrets cleared after import) would linger on disk.
            try (Connection connection = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(),
                    dataSource.getPassword()); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                LoggerFactory.getLogger(Database.class).warn("Compacting the H2 database failed: {}", e.getMessage());
            }
        }
        if (h2Directory != null) {
            restrictFiles(h2Directory); // SHUTDOWN COMPACT wrote a new file, with the umask's permissions
        }
    }
}
