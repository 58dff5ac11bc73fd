package org.dvcsconnector.trigger;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.IssueService;

/**
 * The rules: at most one per project and event, a project's own rule winning over the {@code *} one (as a
 * workflow's trigger would in Jira), so an event moves an issue by one transition at most.
 */
public final class TriggerRules {

    /** Invalid input: field → message, nothing saved. */
    public static final class InvalidRuleException extends RuntimeException {
        private final Map<String, String> errors;

        InvalidRuleException(Map<String, String> errors) {
            super(errors.toString());
            this.errors = Map.copyOf(errors);
        }

        public Map<String, String> errors() {
            return errors;
        }
    }

    private final ActiveObjects ao;
    private final IssueService issues;

    public TriggerRules(ActiveObjects ao, IssueService issues) {
        this.ao = ao;
        this.issues = issues;
    }

    public List<TriggerRule> all() {
        return Arrays.stream(ao.find(TriggerRuleEntity.class, net.java.ao.Query.select().order("ID")))
                .map(e -> new TriggerRule(e.getID(), e.getProjectKey(), e.getEvent(), e.getTransition()))
                .sorted(Comparator.comparing(TriggerRule::project).thenComparing(TriggerRule::event)).toList();
    }

    /** The rule for an issue's project and event: the project's own, else the one for all projects. */
    public Optional<TriggerRule> ruleFor(List<TriggerRule> rules, String project, DevEventType event) {
        return rules.stream().filter(r -> r.event().equals(event.key()) && r.project().equals(project)).findFirst()
                .or(() -> rules.stream().filter(r -> r.event().equals(event.key())
                        && r.project().equals(TriggerRule.ALL_PROJECTS)).findFirst());
    }

    public TriggerRule add(String project, String event, String transition) {
        Map<String, String> errors = new LinkedHashMap<>();
        String p = project == null ? "" : project.strip();
        String t = transition == null ? "" : transition.strip();
        if (p.isEmpty()) {
            errors.put("project", "Choose a project key, or * for all projects.");
        } else if (!p.equals(TriggerRule.ALL_PROJECTS) && !issues.getAllProjectKeys().contains(p)) {
            errors.put("project", "There is no project " + p + ".");
        }
        if (DevEventType.fromKey(event).isEmpty()) {
            errors.put("event", "Choose one of " + String.join(", ",
                    Arrays.stream(DevEventType.values()).map(DevEventType::key).toList()) + ".");
        }
        if (t.isEmpty()) {
            errors.put("transition", "Enter the name of a workflow transition, e.g. Start Progress.");
        } else if (t.length() > 255) {
            errors.put("transition", "A transition name has at most 255 characters.");
        }
        if (errors.isEmpty() && all().stream().anyMatch(r -> r.project().equals(p) && r.event().equals(event))) {
            errors.put("event", "There is a rule for " + event + " in " + (p.equals("*") ? "all projects" : p)
                    + " already: delete it first.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRuleException(errors);
        }
        TriggerRuleEntity row = ao.executeInTransaction(() -> ao.create(TriggerRuleEntity.class,
                Map.of("PROJECT_KEY", p, "EVENT", event, "TRANSITION", t)));
        return new TriggerRule(row.getID(), p, event, t);
    }

    /** False when there was no such rule. */
    public boolean delete(int id) {
        return ao.executeInTransaction(() -> {
            TriggerRuleEntity row = ao.get(TriggerRuleEntity.class, id);
            if (row == null) {
                return false;
            }
            ao.delete(row);
            return true;
        });
    }
}
