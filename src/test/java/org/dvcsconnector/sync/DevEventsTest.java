package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dvcsconnector.devevent.ActionJournal;
import org.dvcsconnector.devevent.DevEventActionEntity;
import org.dvcsconnector.devevent.DevEventDispatcher;
import org.dvcsconnector.devevent.DevEventEntity;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.smartcommit.SmartCommitExecutor;
import org.dvcsconnector.smartcommit.SmartCommitParser;
import org.dvcsconnector.spi.EventPublisher;
import org.dvcsconnector.spi.IssueRef;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;
import org.dvcsconnector.spi.PermissionService;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.UserProfile;
import org.dvcsconnector.testing.FixedTimeTracking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox over real H2 and the simulator: which syncs record events, and how the dispatcher acts on them. */
class DevEventsTest {

    private static final String SLUG = "repo-01";
    private SyncFixture fixture;
    private RepositorySync sync;
    private int id;
    private final List<String> calls = new ArrayList<>();
    private final List<Object> published = new ArrayList<>();
    private final Map<String, List<String>> usersByEmail = new java.util.HashMap<>(Map.of(
            "alice@example.com", List.of("alice")));

    @BeforeEach
    void setUp() throws Exception {
        fixture = new SyncFixture(1, 30, 2, 2);
        sync = fixture.sync();
        id = fixture.repositoryId(SLUG);
        var repository = fixture.accounts.repository(id).orElseThrow();
        repository.setSmartCommits(true);
        repository.save();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void onlySoftSyncsRecordEventsAndEachNewThingOnce() throws Exception {
        sync.run(id, true);
        assertThat(events()).as("a full sync is backfill").isEmpty();

        fixture.commit(SLUG, "main", "DEMO-1 #comment hi");
        fixture.commit(SLUG, "main", "no issue here");
        fixture.branch(SLUG, "feature/DEMO-2-login", "main");
        sync.run(id, false);
        assertThat(events()).containsExactlyInAnyOrder("COMMIT_CREATED DEMO-1", "BRANCH_CREATED DEMO-2");

        sync.run(id, false);
        sync.run(id, true);
        assertThat(events()).as("nothing new, nothing recorded").hasSize(2);
    }

    @Test
    void aBranchCreatedAndMergedBetweenTwoSyncsRaisesItsEventsInTheOrderTheyHappened() throws Exception {
        sync.run(id, true);
        fixture.branch(SLUG, "feature/DEMO-4-order", "main");
        fixture.commit(SLUG, "feature/DEMO-4-order", "work");
        String prs = "/_sim/workspaces/" + SyncFixture.WORKSPACE + "/repositories/" + SLUG + "/pullrequests";
        int pr = fixture.control(prs, "{\"title\":\"DEMO-4 order\",\"source\":\"feature/DEMO-4-order\","
                + "\"destination\":\"main\"}").path("id").asInt();
        fixture.control(prs + "/" + pr + "/merge", "{}");
        sync.run(id, false);
        // Merged as first seen: created and merged; the merge commit names DEMO-4 too.
        assertThat(events()).containsExactly("COMMIT_CREATED DEMO-4", "BRANCH_CREATED DEMO-4",
                "PULLREQUEST_CREATED DEMO-4", "PULLREQUEST_MERGED DEMO-4");

        sync.run(id, false);
        assertThat(events()).hasSize(4);
    }

    @Test
    void smartCommitsRunOnceAsTheAuthorAtTheCommitsTime() throws Exception {
        sync.run(id, true);
        fixture.commit(SLUG, "main", "DEMO-1 #comment hi #time 1h #frobnicate");
        sync.run(id, false);
        long committedAt = fixture.ao.find(DevEventEntity.class, net.java.ao.Query.select().order("ID"))[0].getOccurredAt();

        assertThat(dispatcher().drain()).isEqualTo(1);
        assertThat(calls).containsExactly("comment alice DEMO-1 hi " + Instant.ofEpochMilli(committedAt),
                "work alice DEMO-1 PT1H " + Instant.ofEpochMilli(committedAt));
        assertThat(outcomes()).containsExactly("DONE", "DONE", "FAILED", "DONE");
        assertThat(published).hasSize(1);

        // The event again (a retry, another node): the journal says every action was attempted.
        markPending();
        dispatcher().drain();
        assertThat(calls).hasSize(2);
        assertThat(published).hasSize(1);
    }

    @Test
    void aBranchNamedBeyondTheKeyColumnIsPublishedAndLinkedByItsWholeName() throws Exception {
        sync.run(id, true);
        String name = "feature/DEMO-2-" + "l".repeat(1_000);
        fixture.branch(SLUG, name, "main");
        sync.run(id, false);
        assertThat(events()).containsExactly("BRANCH_CREATED DEMO-2");

        assertThat(dispatcher().drain()).isEqualTo(1);
        assertThat(published).singleElement().isInstanceOfSatisfying(org.dvcsconnector.api.DevEvent.class, event -> {
            assertThat(event.target()).isEqualTo(name);
            assertThat(event.url()).endsWith("/branch/" + java.net.URLEncoder.encode(name,
                    java.nio.charset.StandardCharsets.UTF_8));
        });
        // the journal's log line keeps what its column holds
        DevEventActionEntity row = fixture.ao.find(DevEventActionEntity.class, net.java.ao.Query.select())[0];
        assertThat(row.getOutcome()).isEqualTo("DONE");
        assertThat(row.getTarget()).hasSizeLessThanOrEqualTo(450).startsWith("feature/DEMO-2-lll").endsWith("\u2026");
    }

    @Test
    void anAmbiguousOrUnknownAuthorDoesNothing() throws Exception {
        usersByEmail.put("alice@example.com", List.of("alice", "alice2"));
        sync.run(id, true);
        fixture.commit(SLUG, "main", "DEMO-1 #comment hi");
        sync.run(id, false);
        dispatcher().drain();
        assertThat(calls).isEmpty();
        DevEventActionEntity error = Arrays.stream(fixture.ao.find(DevEventActionEntity.class, net.java.ao.Query.select()))
                .filter(a -> a.getKind().equals(ActionJournal.SMART_COMMIT)).findFirst().orElseThrow();
        assertThat(error.getOutcome()).isEqualTo("FAILED");
        assertThat(error.getReason()).contains("Several users");
    }

    @Test
    void anActionStartedByADeadAttemptIsNotRepeated() throws Exception {
        sync.run(id, true);
        fixture.commit(SLUG, "main", "DEMO-1 #comment hi");
        sync.run(id, false);
        int eventId = fixture.ao.find(DevEventEntity.class, net.java.ao.Query.select().order("ID"))[0].getID();
        // Dated now: the dispatcher prunes journal rows older than 30 days at the end of each drain.
        fixture.ao.executeInTransaction(() -> fixture.ao.create(DevEventActionEntity.class, Map.of(
                "ACTION_ID", eventId + "/sc/0", "EVENT_ID", eventId, "KIND", ActionJournal.SMART_COMMIT,
                "OUTCOME", "STARTED", "CREATED_AT", System.currentTimeMillis())));
        dispatcher().drain();
        assertThat(calls).isEmpty();
        assertThat(outcomes()).containsExactly("INTERRUPTED", "DONE");
        assertThat(new ActionJournal(fixture.ao, Clock.systemUTC()).recent(ActionJournal.SMART_COMMIT, 10, "FAILED",
                "INTERRUPTED")).singleElement().satisfies(row -> assertThat(row.reason()).contains("not repeated"));
    }

    private DevEventDispatcher dispatcher() {
        IssueService issues = new RecordingIssues();
        UserManager users = new UserManager() {
            @Override
            public Optional<UserProfile> getRemoteUser() {
                return Optional.empty();
            }

            @Override
            public Optional<UserProfile> getUserProfile(String username) {
                return Optional.of(new UserProfile(username, username, username + "@example.com"));
            }

            @Override
            public boolean isAdmin(String username) {
                return false;
            }

            @Override
            public List<UserProfile> findUsersByEmail(String email) {
                return usersByEmail.getOrDefault(email, List.of()).stream()
                        .map(u -> new UserProfile(u, u, email)).toList();
            }
        };
        PermissionService permissions = new PermissionService() {
            @Override
            public boolean canBrowseProject(String username, String projectKey) {
                return true;
            }

            @Override
            public boolean canBrowseIssue(String username, String issueKey) {
                return true;
            }
        };
        EventPublisher publisher = new EventPublisher() {
            @Override
            public void publish(Object event) {
                published.add(event);
            }

            @Override
            public void register(Object listener) {}

            @Override
            public void unregister(Object listener) {}
        };
        return new DevEventDispatcher(fixture.ao, fixture.accounts, fixture.scheduler(), fixture.locks, publisher,
                List.of(new SmartCommitExecutor(issues, users, permissions, new SmartCommitParser(
                        new IssueKeyExtractor(issues, Clock.systemUTC()), FixedTimeTracking.JIRA_DEFAULT))),
                new ActionJournal(fixture.ao, Clock.systemUTC()), fixture.endpoints, Clock.systemUTC());
    }

    private List<String> events() {
        return Arrays.stream(fixture.ao.find(DevEventEntity.class, net.java.ao.Query.select().order("ID"))).map(e -> e.getType() + " " + e.getIssueKeys()).toList();
    }

    private List<String> outcomes() {
        return Arrays.stream(fixture.ao.find(DevEventActionEntity.class, net.java.ao.Query.select().order("ID")))
                .map(DevEventActionEntity::getOutcome).toList();
    }

    private void markPending() {
        fixture.ao.executeInTransaction(() -> {
            for (DevEventEntity e : fixture.ao.find(DevEventEntity.class, net.java.ao.Query.select().order("ID"))) {
                e.setState("PENDING");
                e.save();
            }
            return null;
        });
    }

    /** DEMO issues in To Do with the refapp's transitions; records what it is asked to do. */
    private final class RecordingIssues implements IssueService {
        @Override
        public Optional<IssueRef> getIssue(String key) {
            return Optional.of(new IssueRef(key, "DEMO", "An issue", "To Do"));
        }

        @Override
        public Set<String> getAllProjectKeys() {
            return Set.of("DEMO");
        }

        @Override
        public void addComment(String asUser, String key, String body, Instant created) {
            calls.add("comment " + asUser + " " + key + " " + body + " " + created);
        }

        @Override
        public void logWork(String asUser, String key, Duration time, String comment, Instant started) {
            calls.add("work " + asUser + " " + key + " " + time + " " + started);
        }

        @Override
        public List<IssueTransition> getTransitions(String asUser, String key) {
            return List.of(new IssueTransition("11", "Start Progress", "In Progress"));
        }

        @Override
        public void transition(String asUser, String key, String transitionId, String comment) {
            calls.add("transition " + asUser + " " + key + " " + transitionId);
        }
    }
}
