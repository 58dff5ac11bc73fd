package org.dvcsconnector.refapp.scheduler;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.dvcsconnector.refapp.db.DatabaseKind;

/** Creates db-scheduler's {@code scheduled_tasks} table if it is missing. */
final class SchedulerTable {

    static final String NAME = "scheduled_tasks";

    /** The schema db-scheduler documents for PostgreSQL (postgresql_tables.sql). */
    private static final List<String> POSTGRES = List.of(
            """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
              task_name text NOT NULL,
              task_instance text NOT NULL,
              task_data bytea,
              execution_time timestamp with time zone NOT NULL,
              picked BOOLEAN NOT NULL,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures INT,
              last_heartbeat timestamp with time zone,
              version BIGINT NOT NULL,
              priority SMALLINT,
              PRIMARY KEY (task_name, task_instance))""",
            "CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time)",
            "CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
            "CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");

    /** The same table in H2's dialect (no text/bytea; H2 keeps the zone of timestamp with time zone). */
    private static final List<String> H2 = List.of(
            """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
              task_name VARCHAR(255) NOT NULL,
              task_instance VARCHAR(255) NOT NULL,
              task_data BLOB,
              execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
              picked BOOLEAN NOT NULL,
              picked_by VARCHAR(255),
              last_success TIMESTAMP WITH TIME ZONE,
              last_failure TIMESTAMP WITH TIME ZONE,
              consecutive_failures INT,
              last_heartbeat TIMESTAMP WITH TIME ZONE,
              version BIGINT NOT NULL,
              priority SMALLINT,
              PRIMARY KEY (task_name, task_instance))""",
            "CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time)",
            "CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
            "CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");

    /** Any constant works; it only has to be the same on every node. */
    private static final long DDL_LOCK_KEY = 0x64766373_7363686CL; // "dvcs" "schl"

    private SchedulerTable() {}

    static void createIfMissing(DataSource dataSource, DatabaseKind kind) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (kind == DatabaseKind.POSTGRES) {
                    // IF NOT EXISTS alone races on PostgreSQL (two nodes can both pass the check and one
                    // fails on the catalog's unique index): serialize DDL with a transaction-scoped lock.
                    statement.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK_KEY + ")");
                }
                for (String sql : kind == DatabaseKind.POSTGRES ? POSTGRES : H2) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the scheduler table " + NAME + ": " + e.getMessage(), e);
        }
    }
}
