package org.dvcsconnector.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saving rules: a transition must be one the project's workflow has; edits are checked like new rules. Real H2. */
class TriggerRulesTest {

    private Database database;
    private TriggerRules rules;
    private final IssueService issues = mock(IssueService.class);

    @BeforeEach
    void start() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        PluginActiveObjects ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(TriggerRuleEntity.class);
        when(issues.getAllProjectKeys()).thenReturn(Set.of("DEMO", "OPS"));
        when(issues.getWorkflowTransitions("DEMO")).thenReturn(List.of(new IssueTransition("11", "Start Progress",
                "In Progress"), new IssueTransition("31", "Resolve", "Done")));
        when(issues.getWorkflowTransitions("OPS")).thenReturn(List.of(new IssueTransition("31", "Resolve", "Done"),
                new IssueTransition("51", "Escalate", "Escalated")));
        rules = new TriggerRules(ao, issues);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aTransitionNoStatusOfTheProjectOffersIsRefusedNamingTheOnesItHas() {
        assertThatThrownBy(() -> rules.add(input("DEMO", "branch_created", "Begin work")))
                .isInstanceOfSatisfying(TriggerRules.InvalidRuleException.class, e -> assertThat(e.errors())
                        .containsExactly(Map.entry("transition", "No status of DEMO's workflow offers a transition "
                                + "Begin work; choose one of Start Progress, Resolve.")));
        assertThatThrownBy(() -> rules.add(input("DEMO", "branch_created", "Escalate"))) // OPS has it, DEMO not
                .isInstanceOf(TriggerRules.InvalidRuleException.class);
        assertThat(rules.all()).isEmpty();
    }

    @Test
    void aRuleForAllProjectsMayNameATransitionOfAnyProjectsWorkflowStoredAsTheWorkflowSpellsIt() {
        TriggerRule rule = rules.add(input("*", "pullrequest_approved", "escalate"));

        assertThat(rule.transition()).isEqualTo("Escalate");
        assertThat(rules.transitionsByProject()).containsEntry("*", List.of("Start Progress", "Resolve", "Escalate"))
                .containsEntry("OPS", List.of("Resolve", "Escalate"));
        assertThatThrownBy(() -> rules.add(input("*", "branch_created", "Begin work")))
                .isInstanceOfSatisfying(TriggerRules.InvalidRuleException.class,
                        e -> assertThat(e.errors().get("transition")).startsWith("No status of any project's workflow"));
    }

    @Test
    void everyBadFieldIsNamedAtOnceAndNothingIsSaved() {
        assertThatThrownBy(() -> rules.add(input("NOPE", "branch_deleted", " ")))
                .isInstanceOfSatisfying(TriggerRules.InvalidRuleException.class, e -> assertThat(e.errors())
                        .containsOnlyKeys("project", "event", "transition"));
        assertThat(rules.all()).isEmpty();
    }

    @Test
    void anEditIsCheckedLikeANewRuleAndMayKeepItsOwnProjectAndEvent() {
        TriggerRule started = rules.add(input("DEMO", "branch_created", "Start Progress"));
        TriggerRule merged = rules.add(input("DEMO", "pullrequest_merged", "Resolve"));

        TriggerRule edited = rules.update(started.id(), new TriggerRules.Input("DEMO", "branch_created", "resolve",
                true)).orElseThrow();

        assertThat(edited).isEqualTo(new TriggerRule(started.id(), "DEMO", "branch_created", "Resolve", true));
        assertThat(rules.get(started.id())).contains(edited);
        assertThatThrownBy(() -> rules.update(merged.id(), input("DEMO", "branch_created", "Resolve")))
                .isInstanceOfSatisfying(TriggerRules.InvalidRuleException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("event"));
        assertThatThrownBy(() -> rules.update(merged.id(), input("DEMO", "pullrequest_merged", "Begin work")))
                .isInstanceOf(TriggerRules.InvalidRuleException.class);
        assertThat(rules.get(merged.id()).orElseThrow().transition()).isEqualTo("Resolve");
        assertThat(rules.update(9999, input("DEMO", "branch_created", "Resolve"))).isEmpty();
    }

    private static TriggerRules.Input input(String project, String event, String transition) {
        return new TriggerRules.Input(project, event, transition, false);
    }
}
