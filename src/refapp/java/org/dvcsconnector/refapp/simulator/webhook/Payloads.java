package org.dvcsconnector.refapp.simulator.webhook;

import java.io.IOException;
import java.util.List;
import org.dvcsconnector.refapp.simulator.api.AccountJson;
import org.dvcsconnector.refapp.simulator.api.CommitJson;
import org.dvcsconnector.refapp.simulator.api.Fields;
import org.dvcsconnector.refapp.simulator.api.Gen;
import org.dvcsconnector.refapp.simulator.api.Links;
import org.dvcsconnector.refapp.simulator.api.PullRequestJson;
import org.dvcsconnector.refapp.simulator.api.RepoJson;
import org.dvcsconnector.refapp.simulator.http.Json;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.User;

/**
 * Webhook bodies shaped like the payloads Bitbucket really sends (see the captured {@code Hook*.json}):
 * {@code repo:push} with {@code push.changes[]}, and {@code pullrequest:*} with the pull request.
 */
public final class Payloads {

    /** Bitbucket puts at most this many commits in a push change, newest first, and sets {@code truncated}. */
    public static final int MAX_PUSH_COMMITS = 5;

    private final Links links;
    private final AccountJson accounts;
    private final RepoJson repos;
    private final CommitJson commits;
    private final PullRequestJson pulls;

    public Payloads(Links links, AccountJson accounts, RepoJson repos, CommitJson commits, PullRequestJson pulls) {
        this.links = links;
        this.accounts = accounts;
        this.repos = repos;
        this.commits = commits;
        this.pulls = pulls;
    }

    /**
     * One ref change. {@code oldHead}/{@code newHead} are commit indexes or -1 (created / deleted branch);
     * {@code pushed} the new commits, newest first (all of them: this method truncates).
     */
    public record Change(String branch, int oldHead, int newHead, List<Integer> pushed, boolean forced) {}

    public byte[] push(Repository r, User actor, List<Change> changes) {
        return Json.write(jg -> {
            Gen g = new Gen(jg, true);
            Fields all = Fields.DEFAULTS;
            jg.writeStartObject();
            jg.writeFieldName("actor");
            accounts.user(g, all, actor);
            jg.writeFieldName("repository");
            repos.repository(g, all, r, RepoJson.Style.WEBHOOK);
            jg.writeObjectFieldStart("push");
            jg.writeArrayFieldStart("changes");
            for (Change c : changes) {
                change(g, r, c);
            }
            jg.writeEndArray();
            jg.writeEndObject();
            jg.writeEndObject();
        });
    }

    private void change(Gen g, Repository r, Change c) throws IOException {
        var jg = g.raw();
        Fields all = Fields.DEFAULTS;
        jg.writeStartObject();
        ref(g, r, "old", c.branch(), c.oldHead());
        ref(g, r, "new", c.branch(), c.newHead());
        jg.writeBooleanField("truncated", c.pushed().size() > MAX_PUSH_COMMITS);
        jg.writeBooleanField("created", c.oldHead() < 0);
        jg.writeBooleanField("forced", c.forced());
        jg.writeBooleanField("closed", c.newHead() < 0);
        jg.writeObjectFieldStart("links");
        String newHash = c.newHead() < 0 ? null : r.commits().hashHex(c.newHead());
        String oldHash = c.oldHead() < 0 ? null : r.commits().hashHex(c.oldHead());
        StringBuilder commitsHref = new StringBuilder(links.repo(r)).append("/commits?");
        if (newHash != null) {
            commitsHref.append("include=").append(newHash);
        }
        if (oldHash != null) {
            commitsHref.append(newHash != null ? "&" : "").append("exclude=").append(oldHash);
        }
        link(jg, "commits", commitsHref.toString());
        // Bitbucket links a diff even for created and deleted branches; the missing side is left empty
        String spec = (newHash == null ? "" : newHash) + ".." + (oldHash == null ? "" : oldHash);
        link(jg, "diff", links.repo(r) + "/diff/" + spec);
        link(jg, "html", links.repoHtml(r) + "/branches/compare/" + spec);
        jg.writeEndObject();
        jg.writeArrayFieldStart("commits");
        for (int i = 0; i < Math.min(MAX_PUSH_COMMITS, c.pushed().size()); i++) {
            commits.commit(g, all, r, c.pushed().get(i), false);
        }
        jg.writeEndArray();
        jg.writeEndObject();
    }

    private void ref(Gen g, Repository r, String name, String branch, int head) throws IOException {
        g.raw().writeFieldName(name);
        if (head < 0) {
            g.raw().writeNull();
        } else {
            commits.branch(g, Fields.DEFAULTS, r, branch, head);
        }
    }

    private static void link(com.fasterxml.jackson.core.JsonGenerator jg, String name, String href) throws IOException {
        jg.writeObjectFieldStart(name);
        jg.writeStringField("href", href);
        jg.writeEndObject();
    }

    public byte[] pullRequest(Repository r, User actor, PullRequest pr) {
        return pullRequest(r, actor, pr, null, null);
    }

    /**
     * A review: the pull request plus {@code field: {date, user}}, {@code approval} for pullrequest:(un)approved and
     * {@code changes_request} for pullrequest:changes_request_created / _removed.
     */
    public byte[] review(Repository r, User actor, PullRequest pr, String field, java.time.Instant when) {
        return pullRequest(r, actor, pr, field, when);
    }

    private byte[] pullRequest(Repository r, User actor, PullRequest pr, String reviewField, java.time.Instant reviewedAt) {
        return Json.write(jg -> {
            Gen g = new Gen(jg, true);
            jg.writeStartObject();
            jg.writeFieldName("repository");
            repos.repository(g, Fields.DEFAULTS, r, RepoJson.Style.WEBHOOK);
            jg.writeFieldName("actor");
            accounts.user(g, Fields.DEFAULTS, actor);
            jg.writeFieldName("pullrequest");
            pulls.pullRequest(g, Fields.DEFAULTS, r, pr, true);
            if (reviewField != null) {
                jg.writeObjectFieldStart(reviewField);
                jg.writeStringField("date", Gen.micros(reviewedAt));
                jg.writeFieldName("user");
                accounts.user(g, Fields.DEFAULTS, actor);
                jg.writeEndObject();
            }
            jg.writeEndObject();
        });
    }
}
