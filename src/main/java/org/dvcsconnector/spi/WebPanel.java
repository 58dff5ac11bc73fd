package org.dvcsconnector.spi;

import java.util.Map;

/**
 * A fragment of a host page: the plugin system's {@code com.atlassian.plugin.web.model.WebPanel}, same
 * {@code getHtml(context)}. On the refapp's issue view the context holds {@code issueKey}, {@code projectKey} and
 * {@code user} (a {@link UserProfile}, absent when anonymous).
 *
 * <p>Difference: no {@code writeHtml(Writer, context)}, and the context keys are the refapp's: a Jira module class
 * implements Atlassian's interface and maps Jira's context (its issue object) to these keys.
 */
public interface WebPanel {
    String getHtml(Map<String, Object> context);
}
