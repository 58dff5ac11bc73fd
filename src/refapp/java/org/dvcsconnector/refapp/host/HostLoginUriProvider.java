package org.dvcsconnector.refapp.host;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.dvcsconnector.spi.LoginUriProvider;

/** {@code /login?os_destination=<return path>}, as Jira does it. */
public final class HostLoginUriProvider implements LoginUriProvider {

    @Override
    public URI getLoginUri(URI returnUri) {
        String back = returnUri.getRawPath() + (returnUri.getRawQuery() == null ? "" : "?" + returnUri.getRawQuery());
        return URI.create("/login?os_destination=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }
}
