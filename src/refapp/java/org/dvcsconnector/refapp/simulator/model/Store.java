package org.dvcsconnector.refapp.simulator.model;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * All simulated Bitbucket data, in memory: workspaces (with their repositories) and people, and the clock their
 * timestamps come from.
 */
public final class Store {

    private final NavigableMap<String, Workspace> workspaces = new ConcurrentSkipListMap<>();
    private final People people = new People();
    private final Clock clock;

    public Store() {
        this(Clock.systemUTC());
    }

    public Store(Clock clock) {
        this.clock = clock;
    }

    /** The simulator's clock ({@link SimClock} when it runs as a server). */
    public Clock clock() {
        return clock;
    }

    public People people() {
        return people;
    }

    public NavigableMap<String, Workspace> workspaces() {
        return workspaces;
    }

    public Optional<Workspace> workspace(String slug) {
        return slug == null ? Optional.empty() : Optional.ofNullable(workspaces.get(slug.toLowerCase()));
    }

    /** By slug, or by {@code {uuid}} as Bitbucket also takes it wherever a path names a repository. */
    public Optional<Repository> repository(String workspace, String slug) {
        return workspace(workspace).map(w -> slug == null ? null : slug.startsWith("{")
                ? w.repositories().values().stream().filter(r -> r.uuid().equalsIgnoreCase(slug)).findFirst().orElse(null)
                : w.repositories().get(slug.toLowerCase()));
    }

    /** Renames the repository (its slug; its uuid stays), as Bitbucket's repository settings do. */
    public synchronized Repository rename(Repository repository, String newSlug) {
        String key = newSlug.toLowerCase();
        Workspace ws = repository.workspace();
        if (ws.repositories().containsKey(key)) {
            throw new IllegalArgumentException("A repository " + ws.slug() + "/" + key + " exists already");
        }
        ws.repositories().remove(repository.slug());
        repository.slug(key);
        ws.repositories().put(key, repository);
        return repository;
    }

    /** The workspace {@code slug}, created (with {@code admin} as its administrator) if missing. */
    public synchronized Workspace createWorkspace(String slug, String name, String admin) {
        String key = slug.toLowerCase();
        Workspace ws = workspaces.computeIfAbsent(key, k -> new Workspace(k, name == null ? k : name,
                stableUuid("workspace:" + k), clock.instant()));
        if (admin != null) {
            ws.members().put(admin, true);
        }
        return ws;
    }

    public synchronized Repository createRepository(Workspace ws, String slug, String name, boolean isPrivate) {
        String key = slug.toLowerCase();
        return ws.repositories().computeIfAbsent(key, k -> new Repository(ws, k, name == null ? slug : name,
                stableUuid("repository:" + ws.slug() + "/" + k), isPrivate, clock.instant()));
    }

    /** Bitbucket's {@code {uuid}} form, derived from a name so that generated data is reproducible. */
    public static String stableUuid(String name) {
        return "{" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + "}";
    }
}
