package org.dvcsconnector.refapp.tracker;

import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.dvcsconnector.refapp.db.DatabaseKind;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh trackers on private in-memory H2 databases, with cheap password hashing. */
public final class TestTrackers {

    public static final int TEST_ITERATIONS = 1_000;

    private TestTrackers() {}

    public static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:tracker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    public static Tracker h2Tracker() {
        return Tracker.open(h2(), DatabaseKind.H2, new PasswordHasher(TEST_ITERATIONS), Clock.systemUTC());
    }

    /** admin (admin), alice and bob (developers); DEMO browsable by users, OPS by admins only. */
    public static Tracker withFixtures() {
        Tracker tracker = h2Tracker();
        tracker.users().create("admin", "Administrator", "admin@example.com", "admin", true);
        tracker.users().create("alice", "Alice Anders", "alice@example.com", "alice", false);
        tracker.users().create("bob", "Bob Brown", "bob@example.com", "bob", false);
        tracker.projects().create("DEMO", "Demo project", BrowsePermission.USERS);
        tracker.projects().create("OPS", "Operations", BrowsePermission.ADMINS);
        return tracker;
    }
}
