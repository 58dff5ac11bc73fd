package org.dvcsconnector.refapp.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.dvcsconnector.spi.PluginSettings;

/**
 * SAL-style plugin settings in the host database, so every node sees the same values. One table,
 * {@code REFAPP_PLUGIN_SETTINGS}, keyed by (namespace, key); each plugin gets its own namespace.
 */
public final class JdbcPluginSettingsStore {

    private static final String TABLE = "REFAPP_PLUGIN_SETTINGS";
    // TEXT is unbounded on PostgreSQL and a CLOB on H2; both read back with getString.
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "NAMESPACE VARCHAR(255) NOT NULL, SETTING_KEY VARCHAR(255) NOT NULL, SETTING_VALUE TEXT NOT NULL, "
            + "PRIMARY KEY (NAMESPACE, SETTING_KEY))";
    private static final String POSTGRES_UPSERT = "INSERT INTO " + TABLE + " (NAMESPACE, SETTING_KEY, SETTING_VALUE)"
            + " VALUES (?, ?, ?) ON CONFLICT (NAMESPACE, SETTING_KEY) DO UPDATE SET SETTING_VALUE = EXCLUDED.SETTING_VALUE";
    private static final String H2_UPSERT = "MERGE INTO " + TABLE + " (NAMESPACE, SETTING_KEY, SETTING_VALUE)"
            + " KEY (NAMESPACE, SETTING_KEY) VALUES (?, ?, ?)";
    private static final long DDL_LOCK_KEY = 0x64766373_73657474L; // "dvcs" "sett"
    private static final int UPSERT_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final boolean postgres;

    public JdbcPluginSettingsStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            createTable(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the plugin settings table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private void createTable(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (postgres) {
                // Two nodes starting at once can both pass IF NOT EXISTS on PostgreSQL: serialize them.
                s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK_KEY + ")");
            }
            s.execute(CREATE);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    public PluginSettings forNamespace(String namespace) {
        return new NamespacedSettings(requireText(namespace, "namespace"));
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank");
        }
        if (value.length() > 255) {
            throw new IllegalArgumentException(what + " is longer than 255 characters");
        }
        return value;
    }

    private final class NamespacedSettings implements PluginSettings {

        private final String namespace;

        NamespacedSettings(String namespace) {
            this.namespace = namespace;
        }

        @Override
        public Optional<String> get(String key) {
            String sql = "SELECT SETTING_VALUE FROM " + TABLE + " WHERE NAMESPACE = ? AND SETTING_KEY = ?";
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, namespace);
                ps.setString(2, requireText(key, "key"));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw failure("read", key, e);
            }
        }

        @Override
        public void put(String key, String value) {
            requireText(key, "key");
            if (value == null) {
                remove(key);
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try (Connection c = dataSource.getConnection();
                        PreparedStatement ps = c.prepareStatement(postgres ? POSTGRES_UPSERT : H2_UPSERT)) {
                    ps.setString(1, namespace);
                    ps.setString(2, key);
                    ps.setString(3, value);
                    ps.executeUpdate();
                    return;
                } catch (SQLException e) {
                    // H2's MERGE can lose an insert race to another connection (duplicate key): the row
                    // exists now, so the next attempt updates it.
                    if (!isDuplicateKey(e) || attempt == UPSERT_ATTEMPTS) {
                        throw failure("write", key, e);
                    }
                }
            }
        }

        @Override
        public void remove(String key) {
            String sql = "DELETE FROM " + TABLE + " WHERE NAMESPACE = ? AND SETTING_KEY = ?";
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, namespace);
                ps.setString(2, requireText(key, "key"));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("remove", key, e);
            }
        }

        private IllegalStateException failure(String action, String key, SQLException e) {
            // Names only: a setting's value may be sensitive.
            return new IllegalStateException(
                    "Could not " + action + " plugin setting '" + key + "' of '" + namespace + "': " + e.getMessage(), e);
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
