package org.dvcsconnector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dvcsconnector.refapp.simulator.BitbucketSimulator;

/**
 * The demo's Bitbucket simulator as tests use it: its control API ({@code /_sim/...}) over HTTP, and, for
 * the secrets tests, every OAuth token and code it ever issued (read from its OAuth service by reflection:
 * the simulator has no API that hands tokens out, and it should not).
 */
public final class Sim {

    public static final String TOKEN_ENDPOINT = "POST /site/oauth2/access_token";
    public static final List<String> ALL_SCOPES = List.of("account", "repository", "pullrequest", "webhook");

    private final BitbucketSimulator simulator;
    private final Http http;
    private Set<String> issued;

    private Sim(BitbucketSimulator simulator) {
        this.simulator = simulator;
        this.http = Http.anonymous(simulator.baseUrl());
    }

    /** The simulator of a refapp started with {@code --demo}. */
    public static Sim of(RefappServer server) {
        BitbucketSimulator simulator = server.refapp().simulator();
        if (simulator == null) {
            throw new IllegalStateException("The refapp runs without the simulator: start it with --demo");
        }
        return new Sim(simulator);
    }

    public String baseUrl() {
        return simulator.baseUrl();
    }

    public BitbucketSimulator simulator() {
        return simulator;
    }

    /** An anonymous client for the simulator (its authorize form, say). */
    public Http http() {
        return http;
    }

    /** Adds (or replaces, by key) an OAuth consumer owned by acme-admin. */
    public void consumer(String key, String secret, boolean isPrivate, String callbackUrl, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("secret", secret);
        body.put("private", isPrivate);
        body.put("callbackUrl", callbackUrl);
        body.put("scopes", scopes);
        http.postJson("/_sim/consumers", body).expect(201);
    }

    public void accessTokenTtlSeconds(long seconds) {
        http.postJson("/_sim/oauth", Map.of("accessTokenTtlSeconds", seconds)).expect(200);
    }

    /** A workspace owned by acme-admin with these (empty) repositories. */
    public void workspace(String slug, String... repositories) {
        http.postJson("/_sim/workspaces", Map.of("slug", slug)).expect(201);
        for (String repository : repositories) {
            http.postJson("/_sim/workspaces/" + slug + "/repositories", Map.of("slug", repository)).expect(201);
        }
    }

    public JsonNode stats() {
        return http.get("/_sim/stats").expect(200).json();
    }

    /** Requests served on one endpoint, e.g. {@link #TOKEN_ENDPOINT}. */
    public long count(String endpoint) {
        return stats().path("byEndpoint").path(endpoint).asLong(0);
    }

    /**
     * From now on, remembers every refresh token and authorization code the simulator issues (it forgets
     * them when they are used); access tokens it keeps anyway.
     */
    public synchronized void recordTokens() {
        if (issued != null) {
            return;
        }
        issued = ConcurrentHashMap.newKeySet();
        Object oauth = field(simulator, "oauth");
        for (String name : List.of("refreshTokens", "codes")) {
            Map<String, Object> current = field(oauth, name);
            Recording recording = new Recording(issued);
            current.forEach(recording::put);
            setField(oauth, name, recording);
        }
    }

    /** Every access token, refresh token and code issued (refresh tokens and codes since {@link #recordTokens}). */
    public Set<String> issuedTokens() {
        Set<String> all = new LinkedHashSet<>();
        Object oauth = field(simulator, "oauth");
        Map<String, Object> access = field(oauth, "accessTokens");
        all.addAll(access.keySet());
        Map<String, Object> refresh = field(oauth, "refreshTokens");
        all.addAll(refresh.keySet());
        Map<String, Object> codes = field(oauth, "codes");
        all.addAll(codes.keySet());
        if (issued != null) {
            all.addAll(issued);
        }
        return all;
    }

    /** Refresh tokens the simulator would still accept. */
    public Set<String> liveRefreshTokens() {
        Map<String, Object> refresh = field(field(simulator, "oauth"), "refreshTokens");
        return Set.copyOf(refresh.keySet());
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object target, String name) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return (T) field.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The simulator changed: no field " + name + " in " + target.getClass()
                    + " (fields: " + Arrays.toString(target.getClass().getDeclaredFields()) + ")", e);
        }
    }

    private static void setField(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot record " + name + " of " + target.getClass(), e);
        }
    }

    /** A map that remembers every key ever put into it. */
    private static final class Recording extends ConcurrentHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
        private final transient Set<String> seen;

        Recording(Set<String> seen) {
            this.seen = seen;
        }

        @Override
        public Object put(String key, Object value) {
            seen.add(key);
            return super.put(key, value);
        }
    }

    /** Strings that must never leak: the given secrets plus every token issued. */
    public List<String> secretsAnd(String... secrets) {
        List<String> all = new ArrayList<>(List.of(secrets));
        all.addAll(issuedTokens());
        return all;
    }
}
