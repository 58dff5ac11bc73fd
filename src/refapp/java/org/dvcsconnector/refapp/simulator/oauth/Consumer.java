package org.dvcsconnector.refapp.simulator.oauth;

import java.util.List;

/**
 * An OAuth consumer ("app") as an admin registers it on Bitbucket: key and secret, private or public,
 * callback URL, the permissions (scopes) it was given, and the account that owns it (whom the
 * client-credentials grant acts as).
 */
public record Consumer(String key, String secret, boolean isPrivate, String callbackUrl, List<String> scopes,
                       String name, String owner) {}
