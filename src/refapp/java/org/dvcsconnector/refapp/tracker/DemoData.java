package org.dvcsconnector.refapp.tracker;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The demo's users, projects and issues (see ARCHITECTURE §5 {@code --demo}). Safe to run again, and on two nodes. */
public final class DemoData {

    private record DemoIssue(String summary, String description, String reporter, String... transitions) {}

    private static final List<DemoIssue> DEMO_ISSUES = List.of(
            new DemoIssue("Login page rejects valid passwords containing spaces",
                    "Passwords with a leading or trailing space fail although they were accepted at sign-up.", "alice",
                    "11"),
            new DemoIssue("Add a password reset flow", "Users need to reset a forgotten password via an e-mailed link"
                    + " that expires after 30 minutes.", "bob", "11", "21"),
            new DemoIssue("Support sign-in with OAuth 2.0 providers",
                    "Allow signing in with Google and GitHub using the authorization-code flow with PKCE.", "alice"),
            new DemoIssue("Remember-me checkbox keeps users logged in for too long",
                    "The remember-me cookie currently lasts a year; cap it at 30 days.", "bob", "31"),
            new DemoIssue("Show a clear error when the session expires",
                    "After a session timeout, form posts fail silently. Redirect to login and keep the return URL.",
                    "alice"),
            new DemoIssue("Rate-limit failed login attempts",
                    "Lock an account for 15 minutes after 10 failed attempts and log the event.", "bob", "11"),
            new DemoIssue("Dashboard loads slowly for users with many projects",
                    "The project list query is O(n²); page it and add an index.", "alice"),
            new DemoIssue("Typo in the welcome e-mail subject", "\"Welcom to the team\" should read \"Welcome to the"
                    + " team\".", "bob", "31"),
            new DemoIssue("Export issues to CSV", "Project admins want a CSV export of the current issue list.",
                    "alice"),
            new DemoIssue("Two-factor authentication with TOTP apps",
                    "Offer TOTP-based 2FA with recovery codes; required for administrators.", "bob"),
            new DemoIssue("Profile page does not save the avatar",
                    "Uploading a PNG over 1 MB silently fails.", "alice", "11", "21"),
            new DemoIssue("Update the API documentation for v2 endpoints",
                    "Document pagination and error shapes for the new endpoints.", "bob"));

    private static final List<DemoIssue> OPS_ISSUES = List.of(
            new DemoIssue("Rotate the database credentials", "Quarterly rotation of the production database password.",
                    "admin", "11"),
            new DemoIssue("Renew the TLS certificate for the public site", "Expires at the end of next month.",
                    "admin"),
            new DemoIssue("Set up nightly backups with restore tests",
                    "Back up nightly and restore into staging weekly to prove the backups work.", "admin", "31"),
            new DemoIssue("Upgrade the build agents to Java 17", "Older agents still run Java 11.", "admin"));

    private DemoData() {}

    public static void seedDemo(Tracker tracker) {
        user(tracker, "admin", "Administrator", true);
        user(tracker, "alice", "Alice Anders", false);
        user(tracker, "bob", "Bob Brown", false);
        project(tracker, "DEMO", "Demo project", BrowsePermission.USERS, DEMO_ISSUES);
        project(tracker, "OPS", "Operations", BrowsePermission.ADMINS, OPS_ISSUES);
    }

    private static void user(Tracker tracker, String name, String displayName, boolean admin) {
        if (tracker.users().find(name).isPresent()) {
            return;
        }
        try {
            tracker.users().create(name, displayName, name + "@example.com", name, admin);
        } catch (DataAccessException e) {
            if (!e.isDuplicate()) {
                throw e;
            }
        }
    }

    /** Only the node that creates the project fills it, so issues are never seeded twice. */
    private static void project(Tracker tracker, String key, String name, BrowsePermission browse, List<DemoIssue> demo) {
        if (tracker.projects().find(key).isPresent()) {
            return;
        }
        try {
            tracker.projects().create(key, name, browse);
        } catch (DataAccessException e) {
            if (e.isDuplicate()) {
                return;
            }
            throw e;
        }
        Instant commentTime = tracker.clock().instant().truncatedTo(ChronoUnit.MINUTES);
        for (DemoIssue d : demo) {
            Issue issue = tracker.actions().create(d.reporter(), key, d.summary(), d.description());
            for (String transition : d.transitions()) {
                tracker.actions().transition(d.reporter(), issue.key(), transition, null);
            }
            if (d.transitions().length > 0) {
                tracker.actions().addComment(d.reporter(), issue.key(), "Picked this up; notes to follow.", commentTime);
                tracker.actions().logWork(d.reporter(), issue.key(), Duration.ofMinutes(90).toSeconds(),
                        "Investigation", commentTime.minus(Duration.ofHours(2)));
            }
        }
    }
}
