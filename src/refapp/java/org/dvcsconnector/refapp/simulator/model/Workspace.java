package org.dvcsconnector.refapp.simulator.model;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A Bitbucket workspace: repositories by slug (sorted, for stable paging) and members (username → admin). */
public final class Workspace {

    private final String slug;
    private final String name;
    private final String uuid;
    private final Instant createdOn;
    private final NavigableMap<String, Repository> repositories = new ConcurrentSkipListMap<>();
    private final Map<String, Boolean> members = new ConcurrentHashMap<>();

    public Workspace(String slug, String name, String uuid, Instant createdOn) {
        this.slug = slug;
        this.name = name;
        this.uuid = uuid;
        this.createdOn = createdOn;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String uuid() {
        return uuid;
    }

    public Instant createdOn() {
        return createdOn;
    }

    public NavigableMap<String, Repository> repositories() {
        return repositories;
    }

    public Map<String, Boolean> members() {
        return members;
    }

    public boolean isMember(String username) {
        return username != null && members.containsKey(username);
    }

    public boolean isAdmin(String username) {
        return username != null && Boolean.TRUE.equals(members.get(username));
    }
}
