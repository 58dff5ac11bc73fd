package org.dvcsconnector.refapp.simulator.oauth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bitbucket's OAuth 2.0 scopes (the spec's {@code securityDefinitions.oauth2.scopes}) and what each
 * implies. Write scopes imply their read scope, {@code pullrequest} implies {@code repository}; but
 * {@code repository:admin} implies nothing (a consumer with only admin cannot read code) and
 * {@code webhook} implies nothing either, as on Bitbucket.
 */
public final class Scopes {

    public static final List<String> KNOWN = List.of("repository", "repository:write", "repository:admin",
            "repository:delete", "project", "project:admin", "email", "account", "account:write", "team",
            "team:write", "pipeline", "pipeline:write", "pipeline:variable", "runner", "runner:write", "test",
            "test:write", "issue", "issue:write", "pullrequest", "pullrequest:write", "snippet", "snippet:write",
            "webhook", "wiki");

    private static final Map<String, List<String>> IMPLIES = Map.ofEntries(
            Map.entry("repository:write", List.of("repository")),
            Map.entry("pullrequest", List.of("repository")),
            Map.entry("pullrequest:write", List.of("pullrequest", "repository:write")),
            Map.entry("project:admin", List.of("project")),
            Map.entry("account:write", List.of("account")),
            Map.entry("team:write", List.of("team")),
            Map.entry("issue:write", List.of("issue")),
            Map.entry("snippet:write", List.of("snippet")),
            Map.entry("pipeline:write", List.of("pipeline")),
            Map.entry("pipeline:variable", List.of("pipeline:write")),
            Map.entry("runner:write", List.of("runner")),
            Map.entry("test:write", List.of("test")));

    private Scopes() {}

    /** The granted scopes plus everything they imply. */
    public static Set<String> expand(Collection<String> granted) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : granted) {
            add(out, s);
        }
        return Set.copyOf(out);
    }

    private static void add(Set<String> out, String scope) {
        if (out.add(scope)) {
            for (String implied : IMPLIES.getOrDefault(scope, List.of())) {
                add(out, implied);
            }
        }
    }

    /** The scope a webhook event needs besides {@code webhook} itself. */
    public static String forEvent(String event) {
        if (event.startsWith("pullrequest:")) {
            return "pullrequest";
        }
        if (event.startsWith("issue:")) {
            return "issue";
        }
        if (event.startsWith("project:")) {
            return "project";
        }
        if (event.startsWith("pipeline:")) {
            return "pipeline";
        }
        return "repository";
    }
}
