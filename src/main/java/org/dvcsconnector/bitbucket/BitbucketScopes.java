package org.dvcsconnector.bitbucket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OAuth scopes the plugin needs, and how Bitbucket's permission form names them. Granted scopes are
 * expanded by Bitbucket's implications ({@code pullrequest} implies {@code repository}, {@code :write}
 * implies read, {@code :admin} does not imply read) before checking.
 */
public final class BitbucketScopes {

    /** Required scope → the permission as the consumer form shows it. */
    public static final Map<String, String> REQUIRED = requiredScopes();

    private BitbucketScopes() {}

    private static Map<String, String> requiredScopes() {
        Map<String, String> required = new LinkedHashMap<>();
        required.put("account", "Account: Read");
        required.put("repository", "Repositories: Read");
        required.put("pullrequest", "Pull requests: Read");
        required.put("webhook", "Webhooks: Read and write");
        return Map.copyOf(required);
    }

    /** The permissions (in Bitbucket's words) missing from {@code granted}, in form order. */
    public static List<String> missing(Set<String> granted) {
        Set<String> effective = expand(granted);
        List<String> missing = new ArrayList<>();
        for (String scope : List.of("account", "repository", "pullrequest", "webhook")) {
            if (!effective.contains(scope)) {
                missing.add(REQUIRED.get(scope));
            }
        }
        return missing;
    }

    static Set<String> expand(Set<String> granted) {
        Set<String> effective = new HashSet<>(granted);
        for (String scope : granted) {
            if (scope.endsWith(":write")) {
                effective.add(scope.substring(0, scope.length() - ":write".length()));
            }
        }
        if (effective.contains("pullrequest")) {
            effective.add("repository");
        }
        return effective;
    }
}
