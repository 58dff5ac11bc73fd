package org.dvcsconnector.smartcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dvcsconnector.api.DevEvent;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.devevent.ActionJournal;
import org.dvcsconnector.devevent.ActionView;
import org.dvcsconnector.devevent.DevEventActionEntity;
import org.dvcsconnector.devevent.DevEventContext;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.spi.IssueRef;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.PermissionService;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.UserProfile;
import org.dvcsconnector.testing.FixedTimeTracking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whose smart commits run: with the account's <em>verified authors only</em> option, only commits whose author
 * Bitbucket linked to one of its accounts; without it, as before, whoever's e-mail the commit carries. Journal on H2.
 */
class SmartCommitExecutorTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String MESSAGE = "DEMO-1 #comment Fixed the login form";

    private Database database;
    private ActionJournal journal;
    private final IssueService issues = mock(IssueService.class);
    private final UserManager users = mock(UserManager.class);
    private final PermissionService permissions = mock(PermissionService.class);
    private SmartCommitExecutor executor;
    private int eventIds;

    @BeforeEach
    void start() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        PluginActiveObjects ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(DevEventActionEntity.class);
        journal = new ActionJournal(ao, Clock.fixed(NOW, ZoneOffset.UTC));
        when(issues.getAllProjectKeys()).thenReturn(Set.of("DEMO"));
        when(issues.getIssue(anyString())).thenAnswer(call ->
                Optional.of(new IssueRef(call.getArgument(0), "DEMO", "An issue", "To Do")));
        when(users.findUsersByEmail(anyString())).thenReturn(List.of());
        when(users.findUsersByEmail("alice@example.com")).thenReturn(List.of(new UserProfile("alice", "Alice", "alice@example.com")));
        when(permissions.canBrowseIssue(anyString(), anyString())).thenReturn(true);
        executor = new SmartCommitExecutor(issues, users, permissions, new SmartCommitParser(
                new IssueKeyExtractor(issues, Clock.systemUTC()), FixedTimeTracking.JIRA_DEFAULT));
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void withTheOptionAnAuthorBitbucketDidNotLinkRunsNothingAndTheLogSaysWhy() {
        executor.handle(commit("alice@example.com", null, true), journal);
        executor.handle(commit("alice@example.com", " ", true), journal);

        verify(issues, never()).addComment(anyString(), anyString(), anyString(), any());
        List<ActionView> log = log();
        assertThat(log).hasSize(2).allSatisfy(row -> {
            assertThat(row.outcome()).isEqualTo("FAILED");
            assertThat(row.reason()).isEqualTo(SmartCommitExecutor.UNVERIFIED_AUTHOR)
                    .contains("only for authors Bitbucket has verified");
            assertThat(row.issueKey()).isEqualTo("DEMO-1");
        });
        verify(users, never()).findUsersByEmail(anyString());
    }

    @Test
    void withTheOptionAnAuthorBitbucketLinkedRunsAsTheUserWithTheirEmail() {
        executor.handle(commit("alice@example.com", "{557058:alice}", true), journal);

        verify(issues).addComment("alice", "DEMO-1", "Fixed the login form", NOW);
        assertThat(log()).singleElement().satisfies(row -> assertThat(row.outcome()).isEqualTo("DONE"));
    }

    @Test
    void withoutTheOptionAnAuthorBitbucketDidNotLinkRunsAsBefore() {
        executor.handle(commit("alice@example.com", null, false), journal);

        verify(issues).addComment("alice", "DEMO-1", "Fixed the login form", NOW);
        assertThat(log()).singleElement().satisfies(row -> assertThat(row.outcome()).isEqualTo("DONE"));
    }

    @Test
    void theOldContextWithoutTheOptionMeansOff() {
        DevEvent event = new DevEvent(DevEventType.COMMIT_CREATED, "acme", "webapp", "abc123",
                "https://bitbucket.example/x", List.of("DEMO-1"), "alice@example.com", null, NOW);
        DevEventContext context = new DevEventContext(++eventIds, 1, event, MESSAGE, true);

        assertThat(context.verifiedAuthorsOnly()).isFalse();
        executor.handle(context, journal);
        verify(issues).addComment("alice", "DEMO-1", "Fixed the login form", NOW);
    }

    private DevEventContext commit(String email, String accountId, boolean verifiedAuthorsOnly) {
        DevEvent event = new DevEvent(DevEventType.COMMIT_CREATED, "acme", "webapp", "abc" + eventIds,
                "https://bitbucket.example/x", List.of("DEMO-1"), email, accountId, NOW);
        return new DevEventContext(++eventIds, 1, event, MESSAGE, true, verifiedAuthorsOnly);
    }

    private List<ActionView> log() {
        return journal.recent(ActionJournal.SMART_COMMIT, 100);
    }
}
