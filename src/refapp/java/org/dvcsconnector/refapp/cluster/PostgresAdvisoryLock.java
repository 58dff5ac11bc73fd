package org.dvcsconnector.refapp.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.dvcsconnector.spi.ClusterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster lock backed by a PostgreSQL session-level advisory lock.
 *
 * <p>The key is the first 8 bytes (big-endian) of SHA-256 of the lock name, so every node derives the
 * same 64-bit key without coordination. A held lock keeps the connection it was taken on (one pooled
 * connection per held lock) until the last {@link #unlock()}, because PostgreSQL ties the lock to
 * that session.
 *
 * <p>If that connection dies (node crash, network cut, backend terminated), PostgreSQL releases the
 * lock and another node may take it: the holder has lost it without being told. That is the right
 * outcome for a crashed node; work under a cluster lock must therefore be safe to redo (our sync jobs
 * are idempotent).
 *
 * <p>Owned by the thread that took it and reentrant for that thread; other threads of the same node
 * are refused locally (PostgreSQL would refuse them too: they use another session).
 */
final class PostgresAdvisoryLock implements ClusterLock {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAdvisoryLock.class);
    private static final long POLL_MILLIS = 50;

    private final String name;
    private final long key;
    private final DataSource dataSource;

    // Guarded by this.
    private Thread owner;
    private int holds;
    private Connection connection;

    PostgresAdvisoryLock(String name, DataSource dataSource) {
        this.name = name;
        this.key = keyOf(name);
        this.dataSource = dataSource;
    }

    static long keyOf(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }

    @Override
    public synchronized boolean tryLock() {
        Thread current = Thread.currentThread();
        if (owner == current) {
            holds++;
            return true;
        }
        if (owner != null) {
            return false;
        }
        Connection candidate = null;
        try {
            candidate = dataSource.getConnection();
            candidate.setAutoCommit(true);
            if (query(candidate, "SELECT pg_try_advisory_lock(?)")) {
                owner = current;
                holds = 1;
                connection = candidate;
                return true;
            }
            candidate.close();
            return false;
        } catch (SQLException e) {
            closeQuietly(candidate);
            throw new IllegalStateException("Could not take cluster lock '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(time);
        while (true) {
            if (tryLock()) {
                return true;
            }
            long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMillis <= 0) {
                return false;
            }
            Thread.sleep(Math.min(POLL_MILLIS, remainingMillis));
        }
    }

    @Override
    public synchronized void unlock() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException("Cluster lock '" + name + "' is not held by the current thread");
        }
        if (--holds > 0) {
            return;
        }
        Connection held = connection;
        owner = null;
        connection = null;
        release(held);
    }

    @Override
    public synchronized boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }

    private void release(Connection held) {
        boolean released = false;
        try {
            released = query(held, "SELECT pg_advisory_unlock(?)");
            if (!released) {
                LOG.warn("Cluster lock '{}' was no longer held by this node when unlocked (its connection was reset)", name);
            }
        } catch (SQLException e) {
            // The session is gone, and with it the lock: someone else may have had it since.
            LOG.warn("Cluster lock '{}' was lost before unlock (database connection failed: {})", name, e.getMessage());
        } finally {
            if (released) {
                closeQuietly(held);
            } else {
                discard(held);
            }
        }
    }

    /** A connection whose lock state is unknown must not go back to the pool, where it could keep a lock alive. */
    private void discard(Connection held) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.evictConnection(held);
        } else {
            closeQuietly(held);
        }
    }

    private boolean query(Connection c, String sql) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing a lock connection failed: {}", e.getMessage());
            }
        }
    }
}
