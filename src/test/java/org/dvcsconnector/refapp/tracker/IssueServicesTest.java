package org.dvcsconnector.refapp.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.spi.IssueActor;
import org.dvcsconnector.spi.IssueOperationException;
import org.dvcsconnector.spi.IssueRef;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;
import org.dvcsconnector.spi.PermissionService;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.UserProfile;
import org.junit.jupiter.api.Test;

class IssueServicesTest {

    private final Tracker tracker = TestTrackers.withFixtures();
    private final IssueService issues = tracker.issueService();
    private final PermissionService permissions = tracker.permissionService();
    private final UserManager userManager = tracker.userManager();

    private final Issue demo1 = tracker.actions().create("alice", "DEMO", "Login page broken", "Steps: …");
    private final Issue ops1 = tracker.actions().create("admin", "OPS", "Rotate keys", null);

    @Test
    void numbersIssuesPerProject() {
        Issue demo2 = tracker.actions().create("bob", "demo", "  Second  ", null);

        assertThat(demo1.key()).isEqualTo("DEMO-1");
        assertThat(ops1.key()).isEqualTo("OPS-1");
        assertThat(demo2.key()).isEqualTo("DEMO-2");
        assertThat(demo2.summary()).isEqualTo("Second");
        assertThat(demo2.status()).isEqualTo("To Do");
        assertThat(demo2.reporter()).isEqualTo("bob");
        assertThat(issues.getIssue("demo-2")).contains(new IssueRef("DEMO-2", "DEMO", "Second", "To Do"));
        assertThat(issues.getAllProjectKeys()).containsExactly("DEMO", "OPS");
        assertThat(tracker.issues().listByProject("DEMO")).extracting(Issue::key).containsExactly("DEMO-2", "DEMO-1");
    }

    @Test
    void validatesNewIssues() {
        assertThatThrownBy(() -> tracker.actions().create("alice", "DEMO", " ", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsEntry("summary", "You must specify a summary of the issue."));
        assertThatThrownBy(() -> tracker.actions().create("alice", "DEMO", "x".repeat(256), null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("summary"));
        assertThatThrownBy(() -> tracker.actions().create("alice", "NOPE", "", null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("summary", "project"));
        // A project alice may not browse looks exactly like one that does not exist.
        assertThatThrownBy(() -> tracker.actions().create("alice", "OPS", "Sneaky", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsEntry("project", "Specify a valid project ID or key"));
        assertThat(tracker.actions().create("alice", "DEMO", "x".repeat(255), null).key()).isEqualTo("DEMO-2");
    }

    @Test
    void thePluginActingAsTheSystemMovesAnyIssueAndTheHistorySaysOnWhoseBehalf() {
        IssueActor connector = IssueActor.system("DVCS Connector", "Acme Admin");
        // OPS is for admins only: no user's permission is involved
        assertThat(issues.getTransitions(connector, "OPS-1")).extracting(IssueTransition::name)
                .containsExactly("Start Progress", "Resolve");

        issues.transition(connector, "OPS-1", "11", null);
        issues.transition(IssueActor.user("admin"), "OPS-1", "31", null);

        assertThat(issues.getIssue("OPS-1").orElseThrow().status()).isEqualTo("Done");
        assertThat(tracker.issues().history(tracker.issues().find("OPS-1").orElseThrow()))
                .extracting(HistoryEntry::author, HistoryEntry::actor, HistoryEntry::from, HistoryEntry::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "DVCS Connector on behalf of Acme Admin",
                        "To Do", "In Progress"), org.assertj.core.groups.Tuple.tuple("admin", "admin", "In Progress", "Done"));
        assertThatThrownBy(() -> issues.transition(connector, "OPS-1", "11", null))
                .isInstanceOf(TransitionNotAvailableException.class);
        assertThatThrownBy(() -> issues.transition(connector, "OPS-99", "11", null))
                .isInstanceOf(IssueOperationException.class).hasMessageContaining("OPS-99");
        assertThat(issues.getWorkflowTransitions("DEMO")).extracting(IssueTransition::name)
                .containsExactly("Start Progress", "Submit for review", "Resolve", "Reopen");
        assertThat(issues.getWorkflowTransitions("NOPE")).isEmpty();
    }

    @Test
    void browsePermissionsFollowTheProject() {
        assertThat(permissions.canBrowseIssue("alice", "DEMO-1")).isTrue();
        assertThat(permissions.canBrowseIssue("alice", "OPS-1")).isFalse();
        assertThat(permissions.canBrowseIssue("admin", "OPS-1")).isTrue();
        assertThat(permissions.canBrowseIssue("admin", "DEMO-99")).isFalse();
        assertThat(permissions.canBrowseIssue(null, "DEMO-1")).isFalse();
        assertThat(permissions.canBrowseIssue("ghost", "DEMO-1")).isFalse();
        assertThat(permissions.canBrowseProject("bob", "DEMO")).isTrue();
        assertThat(permissions.canBrowseProject("bob", "OPS")).isFalse();
        assertThat(permissions.canBrowseProject("admin", "OPS")).isTrue();
        assertThat(permissions.canBrowseProject(null, "DEMO")).isFalse();
        assertThat(permissions.canBrowseProject("admin", "NOPE")).isFalse();
        assertThat(tracker.actions().browsableProjects("alice")).extracting(Project::key).containsExactly("DEMO");
        assertThat(tracker.actions().projectIssues("alice", "OPS")).isEmpty();
        assertThat(tracker.actions().projectIssues("admin", "OPS")).extracting(Issue::key).containsExactly("OPS-1");
    }

    @Test
    void commentsAndLogsWorkAsAUserAtTheGivenTimes() {
        Instant created = Instant.parse("2024-05-01T10:15:30.123Z");
        Instant started = Instant.parse("2024-05-01T08:00:00Z");

        issues.addComment("Alice", "DEMO-1", "Fixed in abc123", created);
        issues.logWork("bob", "DEMO-1", Duration.ofMinutes(90), "Debugging", started);

        IssueDetails details = tracker.actions().details("alice", "DEMO-1").orElseThrow();
        assertThat(details.comments()).singleElement().satisfies(c -> {
            assertThat(c.author()).isEqualTo("alice");
            assertThat(c.body()).isEqualTo("Fixed in abc123");
            assertThat(c.created()).isEqualTo(created);
        });
        assertThat(details.worklogs()).singleElement().satisfies(w -> {
            assertThat(w.author()).isEqualTo("bob");
            assertThat(w.timeSpentSeconds()).isEqualTo(5400);
            assertThat(tracker.timeTracking().format(w.timeSpentSeconds())).isEqualTo("1h 30m");
            assertThat(w.comment()).isEqualTo("Debugging");
            assertThat(w.started()).isEqualTo(started);
        });
        assertThat(details.project().key()).isEqualTo("DEMO");
        assertThat(details.reporter().displayName()).isEqualTo("Alice Anders");
    }

    @Test
    void refusesOperationsOnIssuesTheUserMayNotBrowse() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> issues.addComment("alice", "OPS-1", "hi", now))
                .isInstanceOf(IssueOperationException.class).hasMessageContaining("OPS-1").hasMessageContaining("alice");
        assertThatThrownBy(() -> issues.addComment("ghost", "DEMO-1", "hi", now))
                .isInstanceOf(IssueOperationException.class).hasMessage("No user named 'ghost' exists.");
        assertThatThrownBy(() -> issues.addComment("alice", "DEMO-1", "  ", now))
                .isInstanceOf(IssueOperationException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> issues.logWork("alice", "DEMO-404", Duration.ofHours(1), null, now))
                .isInstanceOf(IssueOperationException.class).hasMessageContaining("DEMO-404");
        assertThatThrownBy(() -> issues.getTransitions("bob", "OPS-1")).isInstanceOf(IssueOperationException.class);
        assertThat(tracker.issues().comments(ops1)).isEmpty();
    }

    @Test
    void runsTheWorkflow() {
        assertThat(issues.getTransitions("alice", "DEMO-1")).containsExactly(
                new IssueTransition("11", "Start Progress", "In Progress"),
                new IssueTransition("31", "Resolve", "Done"));

        issues.transition("alice", "DEMO-1", "11", null);
        issues.transition("alice", "DEMO-1", "21", "Ready for review");
        assertThat(issues.getIssue("DEMO-1").orElseThrow().status()).isEqualTo("In Review");
        issues.transition("alice", "DEMO-1", "resolve", null);
        assertThat(issues.getIssue("DEMO-1").orElseThrow().status()).isEqualTo("Done");
        assertThat(issues.getTransitions("alice", "DEMO-1")).extracting(IssueTransition::id).containsExactly("41");
        assertThat(tracker.issues().comments(demo1)).extracting(Comment::body).containsExactly("Ready for review");

        assertThatThrownBy(() -> issues.transition("alice", "DEMO-1", "11", null))
                .isInstanceOf(TransitionNotAvailableException.class)
                .hasMessage("Transition '11' is not available for DEMO-1 in status 'Done'. Available transitions: 41 (Reopen).");
        issues.transition("alice", "DEMO-1", "41", null);
        assertThat(issues.getIssue("DEMO-1").orElseThrow().status()).isEqualTo("To Do");
    }

    @Test
    void userManagerReadsTheRequestUser() throws Exception {
        assertThat(userManager.getRemoteUser()).isEmpty();
        UserProfile alice = new UserProfile("alice", "Alice Anders", "alice@example.com");
        assertThat(RequestUser.runAs("alice", userManager::getRemoteUser)).contains(alice);
        assertThat(RequestUser.runAs("ghost", userManager::getRemoteUser)).isEmpty();
        assertThat(userManager.getUserProfile("ALICE")).contains(alice);
        assertThat(userManager.isAdmin("admin")).isTrue();
        assertThat(userManager.isAdmin("bob")).isFalse();
        assertThat(userManager.findUsersByEmail("Bob@Example.COM")).extracting(UserProfile::username)
                .isEqualTo(List.of("bob"));
    }

    @Test
    void formatsTimeSpentLikeJira() {
        TimeTracking time = tracker.timeTracking();
        assertThat(time.format(60)).isEqualTo("1m");
        assertThat(time.format(5400)).isEqualTo("1h 30m");
        assertThat(time.format(8 * 3600 + 60)).isEqualTo("1d 1m");
        assertThat(time.format(5 * 8 * 3600 + 2 * 3600)).isEqualTo("1w 2h");
        assertThat(time.format(59)).isEqualTo("0m");
    }

    @Test
    void workingTimeIsJirasByDefaultAndCanBeChanged() {
        TimeTracking time = tracker.timeTracking();
        assertThat(time.getHoursPerDay()).isEqualByComparingTo("8");
        assertThat(time.getDaysPerWeek()).isEqualByComparingTo("5");

        time.update(new BigDecimal("7.5"), new BigDecimal("4"));
        assertThat(time.getHoursPerDay()).isEqualByComparingTo("7.5");
        assertThat(time.getDaysPerWeek()).isEqualByComparingTo("4");
        assertThat(time.seconds(1, 'd')).isEqualTo(27_000);
        assertThat(time.seconds(2, 'w')).isEqualTo(2 * 4 * 27_000);
        assertThat(time.format(4 * 27_000 + 27_000 + 3600)).isEqualTo("1w 1d 1h");
        time.update(BigDecimal.valueOf(7), BigDecimal.valueOf(5)); // an update, not a second row
        assertThat(time.getHoursPerDay()).isEqualByComparingTo("7");

        for (String[] bad : new String[][] {{"0", "5"}, {"24.5", "5"}, {"8", "7.5"}, {"-1", "5"}, {"7.125", "5"}}) {
            assertThatThrownBy(() -> time.update(new BigDecimal(bad[0]), new BigDecimal(bad[1])))
                    .as(String.join("/", bad)).isInstanceOf(InvalidInputException.class);
        }
        assertThat(time.getHoursPerDay()).as("unchanged by refused updates").isEqualByComparingTo("7");
    }
}
