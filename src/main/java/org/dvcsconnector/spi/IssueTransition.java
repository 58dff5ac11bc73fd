package org.dvcsconnector.spi;

/**
 * A workflow transition available on an issue: its id, its name, and the status it leads to. In Jira an
 * OSWorkflow {@code com.opensymphony.workflow.loader.ActionDescriptor}: {@code getId()} (an int, here as text),
 * {@code getName()}, and the status of its unconditional result's step.
 */
public record IssueTransition(String id, String name, String toStatus) {}
