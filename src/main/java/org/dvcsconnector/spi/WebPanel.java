package org.dvcsconnector.spi;

import java.util.Map;

/**
 * A fragment of a host page (Atlassian {@code WebPanel}). On the issue view the context holds
 * {@code issueKey}, {@code projectKey} and {@code user} (a {@link UserProfile}, absent when anonymous).
 */
public interface WebPanel {
    String getHtml(Map<String, Object> context);
}
