package org.dvcsconnector.spi;

import java.net.URI;

/**
 * Where to send an anonymous user so that they come back to {@code returnUri} after logging in: SAL's
 * {@code com.atlassian.sal.api.auth.LoginUriProvider}, same method. A Jira adapter delegates.
 */
public interface LoginUriProvider {
    URI getLoginUri(URI returnUri);
}
