package org.dvcsconnector.trigger;

/** A rule as REST and the page show it. */
public record TriggerRule(int id, String project, String event, String transition) {

    public static final String ALL_PROJECTS = "*";
}
