package org.dvcsconnector.spi;

import java.net.URI;

/** Where to send an anonymous user so that they come back to {@code returnUri} after logging in. */
public interface LoginUriProvider {
    URI getLoginUri(URI returnUri);
}
