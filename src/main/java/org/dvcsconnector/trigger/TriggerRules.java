package org.dvcsconnector.trigger;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;

/**
 * The rules: at most one per project and event, a project's own rule winning over the {@code *} one (as a
 * workflow's trigger would in Jira), so an event moves an issue by one transition at most. A rule's transition must
 * be one its project's workflow has (for {@code *}: one at least one project's workflow has), stored as the workflow
 * spells it.
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

    /** A rule as an admin submits it. */
    public record Input(String project, String event, String transition, boolean strict) {}

    private final ActiveObjects ao;
    private final IssueService issues;

    public TriggerRules(ActiveObjects ao, IssueService issues) {
        this.ao = ao;
        this.issues = issues;
    }

    public List<TriggerRule> all() {
        return Arrays.stream(ao.find(TriggerRuleEntity.class, net.java.ao.Query.select().order("ID")))
                .map(TriggerRules::rule)
                .sorted(Comparator.comparing(TriggerRule::project).thenComparing(TriggerRule::event)).toList();
    }

    public Optional<TriggerRule> get(int id) {
        return Optional.ofNullable(ao.get(TriggerRuleEntity.class, id)).map(TriggerRules::rule);
    }

    /** The rule for an issue's project and event: the project's own, else the one for all projects. */
    public Optional<TriggerRule> ruleFor(List<TriggerRule> rules, String project, DevEventType event) {
        return rules.stream().filter(r -> r.event().equals(event.key()) && r.project().equals(project)).findFirst()
                .or(() -> rules.stream().filter(r -> r.event().equals(event.key()) && r.forAllProjects()).findFirst());
    }

    /**
     * The transition names a rule may name, per project key, in workflow order, and under {@code *} those of every
     * project's workflow (projects in key order).
     */
    public Map<String, List<String>> transitionsByProject() {
        Map<String, List<String>> byProject = new TreeMap<>();
        Set<String> all = new LinkedHashSet<>();
        for (String project : new TreeSet<>(issues.getAllProjectKeys())) { // a stable order for '*'
            List<String> names = issues.getWorkflowTransitions(project).stream().map(IssueTransition::name)
                    .distinct().toList();
            byProject.put(project, names);
            all.addAll(names);
        }
        byProject.put(TriggerRule.ALL_PROJECTS, List.copyOf(all));
        return byProject;
    }

    public TriggerRule add(Input input) {
        Valid v = validate(input, null);
        TriggerRuleEntity row = ao.executeInTransaction(() -> {
            TriggerRuleEntity created = ao.create(TriggerRuleEntity.class,
                    Map.of("PROJECT_KEY", v.project(), "EVENT", v.event(), "TRANSITION", v.transition()));
            created.setStrict(input.strict());
            created.save();
            return created;
        });
        return rule(row);
    }

    /** The rule as changed; empty when there is no such rule. */
    public Optional<TriggerRule> update(int id, Input input) {
        if (get(id).isEmpty()) {
            return Optional.empty();
        }
        Valid v = validate(input, id);
        return ao.executeInTransaction(() -> {
            TriggerRuleEntity row = ao.get(TriggerRuleEntity.class, id);
            if (row == null) {
                return Optional.empty(); // deleted meanwhile
            }
            row.setProjectKey(v.project());
            row.setEvent(v.event());
            row.setTransition(v.transition());
            row.setStrict(input.strict());
            row.save();
            return Optional.of(rule(row));
        });
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

    private record Valid(String project, String event, String transition) {}

    /** Every field's error at once, or the rule as it is to be stored; {@code id} is the rule being edited. */
    private Valid validate(Input input, Integer id) {
        Map<String, String> errors = new LinkedHashMap<>();
        String p = input.project() == null ? "" : input.project().strip();
        String t = input.transition() == null ? "" : input.transition().strip();
        String event = input.event();
        Set<String> projects = issues.getAllProjectKeys();
        if (p.isEmpty()) {
            errors.put("project", "Choose a project key, or * for all projects.");
        } else if (!p.equals(TriggerRule.ALL_PROJECTS) && !projects.contains(p)) {
            errors.put("project", "There is no project " + p + ".");
        }
        if (DevEventType.fromKey(event).isEmpty()) {
            errors.put("event", "Choose one of " + String.join(", ",
                    Arrays.stream(DevEventType.values()).map(DevEventType::key).toList()) + ".");
        }
        String transition = t;
        if (t.isEmpty()) {
            errors.put("transition", "Choose a workflow transition, e.g. Start Progress.");
        } else if (t.length() > 255) {
            errors.put("transition", "A transition name has at most 255 characters.");
        } else if (!errors.containsKey("project")) {
            List<String> offered = transitionsByProject().getOrDefault(p, List.of());
            Optional<String> named = offered.stream()
                    .filter(name -> name.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))).findFirst();
            if (named.isEmpty()) {
                errors.put("transition", "No status of " + (p.equals(TriggerRule.ALL_PROJECTS) ? "any project's"
                        : p + "'s") + " workflow offers a transition " + t + "; choose one of "
                        + (offered.isEmpty() ? "none (the workflow has no transitions)" : String.join(", ", offered))
                        + ".");
            } else {
                transition = named.get();
            }
        }
        if (errors.isEmpty() && all().stream().anyMatch(r -> r.project().equals(p) && r.event().equals(event)
                && (id == null || r.id() != id))) {
            errors.put("event", "There is a rule for " + event + " in " + (p.equals("*") ? "all projects" : p)
                    + " already: edit that one.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRuleException(errors);
        }
        return new Valid(p, event, transition);
    }

    private static TriggerRule rule(TriggerRuleEntity e) {
        return new TriggerRule(e.getID(), e.getProjectKey(), e.getEvent(), e.getTransition(), e.isStrict());
    }
}
