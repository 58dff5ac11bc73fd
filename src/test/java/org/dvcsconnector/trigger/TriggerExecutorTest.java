package org.dvcsconnector.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dvcsconnector.api.DevEvent;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.devevent.ActionJournal;
import org.dvcsconnector.devevent.ActionView;
import org.dvcsconnector.devevent.DevEventActionEntity;
import org.dvcsconnector.devevent.DevEventContext;
import org.dvcsconnector.devinfo.CommitEntity;
import org.dvcsconnector.devinfo.CommitRow;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.spi.IssueActor;
import org.dvcsconnector.spi.IssueOperationException;
import org.dvcsconnector.spi.IssueRef;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.UserProfile;
import org.dvcsconnector.testing.MapPluginSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trigger decisions: rules, transitions on offer, age, who acts, and once only. Journal and rules on real H2. */
class TriggerExecutorTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final IssueTransition START = new IssueTransition("11", "Start Progress", "In Progress");
    private static final IssueTransition RESOLVE = new IssueTransition("21", "Resolve", "Done");
    private static final IssueTransition REOPEN = new IssueTransition("41", "Reopen", "To Do");

    private Database database;
    private PluginActiveObjects ao;
    private final IssueService issues = mock(IssueService.class);
    private final UserManager users = mock(UserManager.class);
    private final Map<String, String> settings = new HashMap<>();
    private TriggerRules rules;
    private ServiceUser serviceUser;
    private StrictMode strictMode;
    private ActionJournal journal;
    private TriggerExecutor executor;
    private int eventIds;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(TriggerRuleEntity.class, DevEventActionEntity.class, CommitEntity.class);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        when(issues.getAllProjectKeys()).thenReturn(Set.of("DEMO", "OPS"));
        when(issues.getIssue(anyString())).thenAnswer(call -> Optional.of(issue(call.getArgument(0), "To Do")));
        when(issues.getTransitions(any(IssueActor.class), anyString())).thenReturn(List.of(START, RESOLVE));
        when(issues.getWorkflowTransitions(anyString())).thenReturn(List.of(START, RESOLVE, REOPEN));
        when(users.getUserProfile(anyString())).thenAnswer(call -> Optional.of(profile(call.getArgument(0))));
        when(users.findUsersByEmail(anyString())).thenReturn(List.of());
        when(users.findUsersByEmail("alice@example.com")).thenReturn(List.of(profile("alice")));
        when(users.findUsersByEmail("bob@example.com")).thenReturn(List.of(profile("bob")));
        when(users.findUsersByEmail("shared@example.com")).thenReturn(List.of(profile("carol"), profile("dave")));
        rules = new TriggerRules(ao, issues);
        serviceUser = new ServiceUser(new MapPluginSettings(settings), users);
        journal = new ActionJournal(ao, clock);
        strictMode = new StrictMode(new MapPluginSettings(settings));
        executor = new TriggerExecutor(rules, issues, users, new DevInfoStore(ao, new PluginDatabase(ao, "test.plugin")),
                serviceUser, strictMode, clock);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aProjectsOwnRuleBeatsTheRuleForAllProjects() {
        rule("DEMO", "branch_created", "Start Progress");
        rule("*", "branch_created", "Resolve");

        handle(event(DevEventType.BRANCH_CREATED, "alice@example.com", null, NOW, "DEMO-1", "OPS-1"));

        verify(issues).transition(IssueActor.user("alice"), "DEMO-1", START.id(), null);
        verify(issues).transition(IssueActor.user("alice"), "OPS-1", RESOLVE.id(), null);
        assertThat(log()).extracting(ActionView::issueKey, ActionView::command, ActionView::outcome, ActionView::reason)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("DEMO-1", "Start Progress", "DONE",
                        "Moved to In Progress"), org.assertj.core.groups.Tuple.tuple("OPS-1", "Resolve", "DONE", "Moved to Done"));
    }

    @Test
    void anEventWithoutARuleDoesNothingAndLogsNothing() {
        rule("DEMO", "pullrequest_merged", "Resolve");

        handle(event(DevEventType.BRANCH_CREATED, "alice@example.com", null, NOW, "DEMO-1"));

        verify(issues, never()).transition(any(IssueActor.class), anyString(), anyString(), any());
        assertThat(log()).isEmpty();
    }

    @Test
    void theTransitionIsStoredAsTheWorkflowSpellsItAndSkippedWithTheReasonWhenTheStatusOffersNone() {
        rule("DEMO", "pullrequest_merged", "resolve");
        when(issues.getIssue("DEMO-2")).thenReturn(Optional.of(issue("DEMO-2", "Done")));
        when(issues.getTransitions(any(IssueActor.class), eq("DEMO-2"))).thenReturn(List.of(REOPEN));

        handle(event(DevEventType.PULLREQUEST_MERGED, "alice@example.com", null, NOW, "DEMO-1", "DEMO-2"));

        verify(issues).transition(IssueActor.user("alice"), "DEMO-1", RESOLVE.id(), null);
        verify(issues, never()).transition(any(IssueActor.class), eq("DEMO-2"), anyString(), any());
        assertThat(row("DEMO-2").outcome()).isEqualTo("SKIPPED");
        assertThat(row("DEMO-2").reason()).isEqualTo("Status Done offers no transition Resolve to alice");
        assertThat(row("DEMO-2").actor()).isEqualTo("alice");
    }

    @Test
    void anEventOlderThanFourteenDaysMovesNothing() {
        rule("*", "commit_created", "Start Progress");

        handle(event(DevEventType.COMMIT_CREATED, "alice@example.com", null, NOW.minus(Duration.ofDays(14)).minusSeconds(1),
                "DEMO-1"));
        handle(event(DevEventType.COMMIT_CREATED, "alice@example.com", null, NOW.minus(Duration.ofDays(13)), "DEMO-2"));

        verify(issues, never()).transition(any(IssueActor.class), eq("DEMO-1"), anyString(), any());
        verify(issues).transition(IssueActor.user("alice"), "DEMO-2", START.id(), null);
        assertThat(row("DEMO-1").outcome()).isEqualTo("SKIPPED");
        assertThat(row("DEMO-1").reason()).contains("older than 14 days");
    }

    @Test
    void theActorIsTheAuthorByEmailThenTheBitbucketAccountsCommitAuthorThenTheServiceUser() {
        rule("*", "pullrequest_merged", "Resolve");
        new DevInfoStore(ao, new PluginDatabase(ao, "test.plugin")).writer().write(1, tx -> tx.insertCommits(List.of(
                new CommitRow("a".repeat(40), "DEMO-9", "Bob", "bob@example.com", "{bob-account}", 1000L, List.of())),
                new java.util.HashSet<>()));
        serviceUser.set("admin");

        handle(event(DevEventType.PULLREQUEST_MERGED, "alice@example.com", null, NOW, "DEMO-1"));
        handle(event(DevEventType.PULLREQUEST_MERGED, null, "{bob-account}", NOW, "DEMO-2"));
        handle(event(DevEventType.PULLREQUEST_MERGED, null, "{stranger}", NOW, "DEMO-3"));
        handle(event(DevEventType.PULLREQUEST_MERGED, "shared@example.com", null, NOW, "DEMO-4"));

        verify(issues).transition(IssueActor.user("alice"), "DEMO-1", RESOLVE.id(), null);
        verify(issues).transition(IssueActor.user("bob"), "DEMO-2", RESOLVE.id(), null);
        verify(issues).transition(IssueActor.user("admin"), "DEMO-3", RESOLVE.id(), null);
        verify(issues).transition(IssueActor.user("admin"), "DEMO-4", RESOLVE.id(), null); // two users share the e-mail: not the actor
        assertThat(log()).extracting(ActionView::actor).containsExactlyInAnyOrder("alice", "bob", "admin", "admin");
    }

    @Test
    void anUnmatchedActorWithNoServiceUserMovesTheIssueAsTheConnectorOnBehalfOfTheBitbucketName() {
        rule("*", "branch_created", "Start Progress");
        settings.put(ServiceUser.SETTING, "gone");
        when(users.getUserProfile("gone")).thenReturn(Optional.empty()); // the chosen user was deleted since
        IssueActor connector = IssueActor.system("DVCS Connector", "Acme Admin");

        handle(event(DevEventType.BRANCH_CREATED, null, "{acme-admin}", "Acme Admin", NOW, "DEMO-1"));

        verify(issues).transition(connector, "DEMO-1", START.id(), null);
        assertThat(row("DEMO-1").outcome()).isEqualTo("DONE");
        assertThat(row("DEMO-1").actor()).isEqualTo("DVCS Connector on behalf of Acme Admin");
        assertThat(row("DEMO-1").reason()).isEqualTo("Moved to In Progress as DVCS Connector on behalf of Acme Admin: "
                + "Acme Admin has no commits here under the e-mail of a user here and no service user is set");
    }

    @Test
    void withoutADisplayNameTheConnectorActsForTheEmailOrSaysItDoesNotKnowWho() {
        rule("*", "commit_created", "Start Progress");

        handle(event(DevEventType.COMMIT_CREATED, "nobody@example.com", null, NOW, "DEMO-1"));
        handle(event(DevEventType.COMMIT_CREATED, null, null, NOW, "DEMO-2"));

        verify(issues).transition(IssueActor.system("DVCS Connector", "nobody@example.com"), "DEMO-1", START.id(), null);
        verify(issues).transition(IssueActor.system("DVCS Connector", "an unknown Bitbucket user"), "DEMO-2",
                START.id(), null);
        assertThat(row("DEMO-1").reason()).contains("has the e-mail nobody@example.com of no user here");
        assertThat(row("DEMO-2").reason()).contains("the event does not say who");
    }

    @Test
    void aStrictRuleFailsWithTheReasonWhenTheActorIsNoUserHereAndNothingMoves() {
        rule("DEMO", "branch_created", "Start Progress", true);
        rule("OPS", "branch_created", "Start Progress", false);

        handle(event(DevEventType.BRANCH_CREATED, null, "{acme-admin}", "Acme Admin", NOW, "DEMO-1", "OPS-1"));

        verify(issues, never()).transition(any(IssueActor.class), eq("DEMO-1"), anyString(), any());
        verify(issues).transition(IssueActor.system("DVCS Connector", "Acme Admin"), "OPS-1", START.id(), null);
        assertThat(row("DEMO-1").outcome()).isEqualTo("FAILED");
        assertThat(row("DEMO-1").actor()).isNull();
        assertThat(row("DEMO-1").reason()).isEqualTo("Not moved: Acme Admin has no commits here under the e-mail of a "
                + "user here, no service user is set, and the rule fires only when the actor is a user here");
    }

    @Test
    void strictModeForAllRulesStillLetsMappedUsersAndTheServiceUserAct() {
        rule("*", "pullrequest_approved", "Start Progress");
        strictMode.set(true);

        handle(event(DevEventType.PULLREQUEST_APPROVED, null, "{stranger}", "Stranger", NOW, "DEMO-1"));
        handle(event(DevEventType.PULLREQUEST_APPROVED, "alice@example.com", null, NOW, "DEMO-2"));
        serviceUser.set("admin");
        handle(event(DevEventType.PULLREQUEST_APPROVED, null, "{stranger}", "Stranger", NOW, "DEMO-3"));

        assertThat(row("DEMO-1").outcome()).isEqualTo("FAILED");
        assertThat(row("DEMO-1").reason()).contains("fires only when the actor is a user here");
        verify(issues).transition(IssueActor.user("alice"), "DEMO-2", START.id(), null);
        verify(issues).transition(IssueActor.user("admin"), "DEMO-3", START.id(), null);
        assertThat(row("DEMO-3").reason()).isEqualTo("Moved to In Progress as the service user: Stranger has no "
                + "commits here under the e-mail of a user here");
        verify(issues, never()).transition(any(IssueActor.AsSystem.class), anyString(), anyString(), any());
    }

    @Test
    void theHostRefusingIsAFailureWithItsMessage() {
        rule("DEMO", "branch_created", "Start Progress");
        doThrow(new IssueOperationException("alice may not transition DEMO-1")).when(issues)
                .transition(IssueActor.user("alice"), "DEMO-1", START.id(), null);

        handle(event(DevEventType.BRANCH_CREATED, "alice@example.com", null, NOW, "DEMO-1"));

        assertThat(row("DEMO-1").outcome()).isEqualTo("FAILED");
        assertThat(row("DEMO-1").reason()).isEqualTo("alice may not transition DEMO-1");
    }

    @Test
    void anEventHandledAgainMovesNothingAgain() {
        rule("DEMO", "branch_created", "Start Progress");
        DevEventContext context = event(DevEventType.BRANCH_CREATED, "alice@example.com", null, NOW, "DEMO-1", "DEMO-1");

        handle(context);
        handle(context); // a retry, or another node: the journal has the action

        verify(issues, times(1)).transition(IssueActor.user("alice"), "DEMO-1", START.id(), null);
        assertThat(log()).hasSize(1);
    }

    private void handle(DevEventContext context) {
        executor.handle(context, journal);
    }

    private DevEventContext event(DevEventType type, String email, String accountId, Instant at, String... keys) {
        return event(type, email, accountId, null, at, keys);
    }

    private DevEventContext event(DevEventType type, String email, String accountId, String name, Instant at,
            String... keys) {
        DevEvent event = new DevEvent(type, "acme", "webapp", "target", "https://bitbucket.example/x", List.of(keys),
                email, accountId, at, name);
        return new DevEventContext(++eventIds, 1, event, null, false);
    }

    private void rule(String project, String event, String transition) {
        rule(project, event, transition, false);
    }

    private void rule(String project, String event, String transition, boolean strict) {
        rules.add(new TriggerRules.Input(project, event, transition, strict));
    }

    private List<ActionView> log() {
        return journal.recent(ActionJournal.TRIGGER, 100);
    }

    private ActionView row(String issueKey) {
        return log().stream().filter(a -> a.issueKey().equals(issueKey)).findFirst().orElseThrow();
    }

    private static IssueRef issue(String key, String status) {
        return new IssueRef(key, key.substring(0, key.indexOf('-')), "An issue", status);
    }

    private static UserProfile profile(String username) {
        return new UserProfile(username, username, username + "@example.com");
    }
}
