package org.dvcsconnector.refapp.simulator.model;

import java.time.Instant;
import java.util.List;

/** A repository webhook subscription. Immutable; an update replaces it. The secret is never rendered. */
public record Hook(String uuid, String url, String description, boolean active, String secret, List<String> events,
                   Instant createdAt) {

    public boolean secretSet() {
        return secret != null && !secret.isEmpty();
    }

    public boolean wants(String event) {
        return active && events.contains(event);
    }
}
