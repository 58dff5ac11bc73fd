package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import org.dvcsconnector.refapp.simulator.model.Hook;
import org.dvcsconnector.refapp.simulator.model.Repository;

/** Webhook subscriptions (definition {@code webhook_subscription}); never the secret itself. */
public final class HookJson {

    private final RepoJson repos;

    public HookJson(RepoJson repos) {
        this.repos = repos;
    }

    public void hook(Gen g, Fields s, Repository r, Hook h) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "type", "webhook_subscription");
        g.str(s, "uuid", h.uuid());
        g.str(s, "url", h.url());
        g.str(s, "description", h.description());
        g.str(s, "subject_type", "repository");
        Fields subject = s.field("subject", true);
        if (subject != null) {
            g.raw().writeFieldName("subject");
            repos.repository(g, subject, r, RepoJson.Style.CONDENSED);
        }
        g.bool(s, "active", h.active());
        g.str(s, "created_at", Gen.micros(h.createdAt()));
        g.strings(s, "events", h.events());
        g.bool(s, "secret_set", h.secretSet());
        g.end();
    }
}
