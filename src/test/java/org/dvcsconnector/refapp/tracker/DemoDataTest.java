package org.dvcsconnector.refapp.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.dvcsconnector.refapp.db.DatabaseKind;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void seedsUsersProjectsAndIssuesOnceWithProductionHashing() {
        Tracker tracker = Tracker.open(TestTrackers.h2(), DatabaseKind.H2, new PasswordHasher(), Clock.systemUTC());

        DemoData.seedDemo(tracker);
        DemoData.seedDemo(tracker);

        assertThat(tracker.users().count()).isEqualTo(3);
        assertThat(tracker.users().authenticate("admin", "admin")).contains("admin");
        assertThat(tracker.users().authenticate("alice", "alice")).contains("alice");
        assertThat(tracker.users().passwordHash("bob")).hasValueSatisfying(h -> assertThat(h).startsWith("pbkdf2-sha256$210000$"));
        assertThat(tracker.users().isAdmin("admin")).isTrue();
        assertThat(tracker.users().find("alice").orElseThrow().displayName()).isEqualTo("Alice Anders");
        assertThat(tracker.users().find("bob").orElseThrow().email()).isEqualTo("bob@example.com");

        assertThat(tracker.issues().countByProject("DEMO")).isBetween(10L, 15L);
        assertThat(tracker.issues().countByProject("OPS")).isEqualTo(4);
        assertThat(tracker.issues().listByProject("DEMO")).extracting(Issue::status)
                .contains(Workflow.TO_DO, Workflow.IN_PROGRESS, Workflow.IN_REVIEW, Workflow.DONE);
        assertThat(tracker.permissionService().canBrowseIssue("alice", "DEMO-1")).isTrue();
        assertThat(tracker.permissionService().canBrowseIssue("alice", "OPS-1")).isFalse();
        assertThat(tracker.permissionService().canBrowseIssue("admin", "OPS-1")).isTrue();
    }
}
