package org.dvcsconnector.refapp.cluster;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.dvcsconnector.refapp.db.DatabaseKind;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;

/**
 * Named cluster locks on the host database.
 *
 * <ul>
 *   <li><b>PostgreSQL</b> (the clustered setup): session-level advisory locks, see {@link PostgresAdvisoryLock}.
 *       A lock held by a node that crashes, or whose connection dies, is released by PostgreSQL.
 *   <li><b>H2</b>: the refapp runs H2 on one node only (embedded file database), so an in-process
 *       {@link java.util.concurrent.locks.ReentrantLock} per name is all the "cluster" there is.
 * </ul>
 *
 * One lock object per name and service, so that ownership and reentrancy are tracked in one place.
 */
public final class DatabaseClusterLockService implements ClusterLockService {

    private final Map<String, ClusterLock> locks = new ConcurrentHashMap<>();
    private final Function<String, ClusterLock> factory;

    public DatabaseClusterLockService(DataSource dataSource, DatabaseKind kind) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.factory = kind == DatabaseKind.POSTGRES
                ? name -> new PostgresAdvisoryLock(name, dataSource)
                : name -> new LocalClusterLock();
    }

    @Override
    public ClusterLock getLockForName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("lock name must not be blank");
        }
        return locks.computeIfAbsent(name, factory);
    }
}
