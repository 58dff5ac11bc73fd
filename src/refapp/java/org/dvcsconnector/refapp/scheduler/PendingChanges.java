package org.dvcsconnector.refapp.scheduler;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and removes the deferred-change row of a job ({@link JobTasks#CHANGE}) with its version, which
 * db-scheduler's client API does not expose. The version makes "take the change I have just read" a
 * compare-and-delete: a newer change stored in the meantime bumps the version and survives, instead of
 * being cancelled unseen (cancelling by id lost a sync re-queued by its own run while another thread
 * asked for the job). Not covered: the row applied, removed and stored afresh (version 1 again) in the
 * microseconds between {@link #find} and {@link #removeIfUnchanged} of a row that was itself at version 1;
 * the older of the two changes would then win. Every change the plugin makes is "run soon", so that is harmless.
 */
final class PendingChanges {

    /** A deferred change as stored: {@code picked} means the change task is applying it right now. */
    record Pending(JobChange change, long version, boolean picked) {}

    private static final String SELECT = "SELECT task_data, version, picked FROM " + SchedulerTable.NAME
            + " WHERE task_name = ? AND task_instance = ?";
    private static final String DELETE_IF_UNCHANGED = "DELETE FROM " + SchedulerTable.NAME
            + " WHERE task_name = ? AND task_instance = ? AND version = ? AND picked = ?";

    private final DataSource dataSource;
    private final Serializer serializer;

    PendingChanges(DataSource dataSource, Serializer serializer) {
        this.dataSource = dataSource;
        this.serializer = serializer;
    }

    Optional<Pending> find(String jobId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, JobTasks.CHANGE);
            select.setString(2, jobId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                JobChange change = serializer.deserialize(JobChange.class, row.getBytes(1));
                return Optional.of(new Pending(change, row.getLong(2), row.getBoolean(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the pending change of job " + jobId, e);
        }
    }

    /** @return true if the row was still the given version and not being applied, and is now gone */
    boolean removeIfUnchanged(String jobId, long version) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_IF_UNCHANGED)) {
            delete.setString(1, JobTasks.CHANGE);
            delete.setString(2, jobId);
            delete.setLong(3, version);
            delete.setBoolean(4, false);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove the pending change of job " + jobId, e);
        }
    }
}
