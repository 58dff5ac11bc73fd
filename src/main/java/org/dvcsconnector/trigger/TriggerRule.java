package org.dvcsconnector.trigger;

/**
 * A rule as REST and the page show it. {@code strict}: the rule fires only when the event's actor is a user here or
 * the service user is set, never as the connector itself (the global setting can demand that of every rule).
 */
public record TriggerRule(int id, String project, String event, String transition, boolean strict) {

    public static final String ALL_PROJECTS = "*";

    public boolean forAllProjects() {
        return ALL_PROJECTS.equals(project);
    }
}
