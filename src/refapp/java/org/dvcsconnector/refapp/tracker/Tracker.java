package org.dvcsconnector.refapp.tracker;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.dvcsconnector.refapp.db.DatabaseKind;
import org.dvcsconnector.refapp.tracker.rest.TrackerRest;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.PermissionService;
import org.dvcsconnector.spi.UserManager;

/**
 * The refapp's issue tracker (the part of the host that plays Jira): users, projects, issues, the spi
 * services the plugin consumes, and the Jira-shaped REST under {@code /rest/api/2}. Plain JDBC on the
 * host's pool; holds no state of its own, so any number of nodes can share one database.
 */
public final class Tracker {

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserStore users;
    private final ProjectStore projects;
    private final IssueStore issues;
    private final IssueActions actions;
    private final UserManager userManager;
    private final PermissionService permissionService;
    private final IssueService issueService;
    private final TimeTracking timeTracking;
    private final Clock clock;

    private Tracker(Sql sql, PasswordHasher hasher, Clock clock) {
        this.clock = clock;
        this.users = new UserStore(sql, hasher, clock);
        this.projects = new ProjectStore(sql, clock);
        this.issues = new IssueStore(sql, clock);
        this.actions = new IssueActions(users, projects, issues, clock);
        this.userManager = new TrackerUserManager(users);
        this.permissionService = new TrackerPermissionService(users, projects, sql);
        this.issueService = new TrackerIssueService(projects, issues, actions);
        this.timeTracking = new TimeTracking(sql);
    }

    /** Creates the schema if needed and returns the tracker, with production password hashing. */
    public static Tracker open(DataSource dataSource, DatabaseKind kind) {
        return open(dataSource, kind, new PasswordHasher(), Clock.systemUTC());
    }

    /** As {@link #open(DataSource, DatabaseKind)}; tests pass a cheap hasher and a fixed clock. */
    public static Tracker open(DataSource dataSource, DatabaseKind kind, PasswordHasher hasher, Clock clock) {
        Sql sql = new Sql(dataSource);
        TrackerSchema.create(sql, kind);
        return new Tracker(sql, hasher, clock);
    }

    /**
     * On a tracker without users, creates {@code admin} with a random 20-character password and returns
     * it, for the host to print once; returns null when there are users already.
     */
    public static String bootstrapAdmin(UserStore users) {
        if (users.count() > 0) {
            return null;
        }
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        try {
            users.create("admin", "Administrator", "admin@example.com", password.toString(), true);
            return password.toString();
        } catch (DataAccessException e) {
            if (e.isDuplicate()) {
                return null; // another node bootstrapped at the same moment
            }
            throw e;
        }
    }

    public UserStore users() {
        return users;
    }

    public ProjectStore projects() {
        return projects;
    }

    public IssueStore issues() {
        return issues;
    }

    /** Permission-checked issue operations, for the host's issue and project pages. */
    public IssueActions actions() {
        return actions;
    }

    public UserManager userManager() {
        return userManager;
    }

    public PermissionService permissionService() {
        return permissionService;
    }

    public IssueService issueService() {
        return issueService;
    }

    /** The site's working time: the spi {@link org.dvcsconnector.spi.TimeTrackingConfiguration}, and its settings. */
    public TimeTracking timeTracking() {
        return timeTracking;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Ready-made JAX-RS resources and providers (exception mappers, the Jackson configuration) for a
     * Jersey {@code ResourceConfig} mounted at {@code /rest/api/2}: {@code config.registerInstances(...)}.
     */
    public List<Object> restComponents() {
        return TrackerRest.components(this);
    }
}
