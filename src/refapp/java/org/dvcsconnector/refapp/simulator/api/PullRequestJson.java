package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.util.List;
import org.dvcsconnector.refapp.simulator.model.CommitGraph;
import org.dvcsconnector.refapp.simulator.model.Participant;
import org.dvcsconnector.refapp.simulator.model.People;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.User;

/**
 * Pull requests (definition {@code pullrequest}). The API form follows the spec (which has no nulls, so
 * absent values are left out); the webhook form follows the captured payloads (explicit nulls, rendered
 * types, commit links on source and destination).
 */
public final class PullRequestJson {

    private final Links links;
    private final People people;
    private final AccountJson accounts;
    private final RepoJson repos;

    public PullRequestJson(Links links, People people, AccountJson accounts, RepoJson repos) {
        this.links = links;
        this.people = people;
        this.accounts = accounts;
        this.repos = repos;
    }

    /** {@code single}: the object's own URL (with reviewers and participants), not a collection item. */
    public void pullRequest(Gen g, Fields s, Repository r, PullRequest pr, boolean single) throws IOException {
        boolean hook = g.webhook();
        g.raw().writeStartObject();
        g.num(s, "comment_count", 0);
        g.num(s, "task_count", 0);
        g.str(s, "type", "pullrequest");
        g.num(s, "id", pr.id());
        g.str(s, "title", pr.title());
        g.str(s, "description", pr.description());
        Fields rendered = g.obj(s, "rendered");
        if (rendered != null) {
            markup(g, rendered, "title", pr.title(), hook);
            markup(g, rendered, "description", pr.description(), hook);
            g.end();
        }
        g.str(s, "state", pr.state());
        g.bool(s, "draft", false);
        if (pr.mergeCommit() != CommitGraph.NONE) {
            Fields m = g.obj(s, "merge_commit");
            if (m != null) {
                commitRef(g, m, r, pr.mergeCommit(), hook);
            }
        } else if (hook) {
            g.nullField(s, "merge_commit");
        }
        g.bool(s, "close_source_branch", pr.closeSourceBranch());
        user(g, s, "closed_by", pr.closedBy(), hook);
        user(g, s, "author", pr.author(), hook);
        g.str(s, "reason", pr.reason() == null ? "" : pr.reason());
        g.str(s, "created_on", Gen.micros(pr.createdOn()));
        g.str(s, "updated_on", Gen.micros(pr.updatedOn()));
        endpoint(g, s, "destination", r, pr.destinationBranch(), pr.destinationCommit(), false);
        endpoint(g, s, "source", r, pr.sourceBranch(), pr.sourceCommit(), true);
        reviewers(g, s, pr, single || hook);
        participants(g, s, pr, single || hook, hook);
        pullRequestLinks(g, s, r, pr, hook);
        Fields summary = s.field("summary", true);
        if (summary != null) {
            g.raw().writeFieldName("summary");
            g.raw().writeStartObject();
            markupFields(g, summary, pr.description(), hook);
            g.end();
        }
        g.end();
    }

    private void pullRequestLinks(Gen g, Fields s, Repository r, PullRequest pr, boolean hook) throws IOException {
        Fields l = g.obj(s, "links");
        if (l == null) {
            return;
        }
        String self = links.repo(r) + "/pullrequests/" + pr.id();
        g.link(l, "self", self);
        g.link(l, "html", links.repoHtml(r) + "/pull-requests/" + pr.id());
        g.link(l, "commits", self + "/commits");
        g.link(l, "approve", self + "/approve");
        if (hook) {
            g.link(l, "request-changes", self + "/request-changes");
        }
        String spec = r.fullName() + ":" + shortHash(r, pr.sourceCommit()) + "%0D" + shortHash(r, pr.destinationCommit());
        g.link(l, "diff", links.repo(r) + "/diff/" + spec + "?from_pullrequest_id=" + pr.id() + "&topic=true");
        g.link(l, "diffstat", links.repo(r) + "/diffstat/" + spec + "?from_pullrequest_id=" + pr.id() + "&topic=true");
        g.link(l, "comments", self + "/comments");
        g.link(l, "activity", self + "/activity");
        g.link(l, "merge", self + "/merge");
        g.link(l, "decline", self + "/decline");
        if (hook) {
            g.link(l, "statuses", self + "/statuses");
        }
        g.end();
    }

    private void endpoint(Gen g, Fields s, String name, Repository r, String branch, int commit, boolean source)
            throws IOException {
        Fields e = g.obj(s, name);
        if (e == null) {
            return;
        }
        Fields b = g.obj(e, "branch");
        if (b != null) {
            g.str(b, "name", branch);
            if (g.webhook() && source) {
                if (g.obj(b, "links") != null) {
                    g.end();
                }
                g.strings(b, "sync_strategies", List.of("merge_commit", "rebase"));
            }
            g.end();
        }
        Fields c = g.obj(e, "commit");
        if (c != null) {
            commitRef(g, c, r, commit, g.webhook());
        }
        Fields repo = e.field("repository", true);
        if (repo != null) {
            g.raw().writeFieldName("repository");
            repos.repository(g, repo, r, RepoJson.Style.CONDENSED);
        }
        g.end();
    }

    /** The body of a {@code {hash}} reference (already opened); webhooks add type and links. */
    private void commitRef(Gen g, Fields s, Repository r, int commit, boolean hook) throws IOException {
        String hash = shortHash(r, commit);
        if (hook) {
            g.str(s, "type", "commit");
        }
        g.str(s, "hash", hash);
        if (hook) {
            Fields l = g.obj(s, "links");
            if (l != null) {
                g.link(l, "self", links.commit(r, hash));
                g.link(l, "html", links.commitHtml(r, hash));
                g.end();
            }
        }
        g.end();
    }

    private void user(Gen g, Fields s, String name, String username, boolean hook) throws IOException {
        User u = people.user(username).orElse(null);
        if (u == null) {
            if (hook) {
                g.nullField(s, name);
            }
            return;
        }
        Fields f = s.field(name, true);
        if (f != null) {
            g.raw().writeFieldName(name);
            accounts.user(g, f, u);
        }
    }

    private static void markup(Gen g, Fields s, String name, String raw, boolean hook) throws IOException {
        Fields f = g.obj(s, name);
        if (f != null) {
            markupFields(g, f, raw, hook);
            g.end();
        }
    }

    private static void markupFields(Gen g, Fields f, String raw, boolean hook) throws IOException {
        if (hook) {
            g.str(f, "type", "rendered");
        }
        g.str(f, "raw", raw);
        g.str(f, "markup", "markdown");
        g.str(f, "html", raw.isEmpty() ? "" : CommitJson.html(raw));
    }

    /** Reviewers are accounts; like Bitbucket, only the single object and webhooks carry them unless asked for. */
    private void reviewers(Gen g, Fields s, PullRequest pr, boolean isDefault) throws IOException {
        Fields a = g.arr(s, "reviewers", isDefault);
        if (a == null) {
            return;
        }
        for (Participant p : pr.participants()) {
            User u = people.user(p.username()).orElse(null);
            if (u != null && Participant.REVIEWER.equals(p.role())) {
                accounts.user(g, a, u);
            }
        }
        g.endArray();
    }

    private void participants(Gen g, Fields s, PullRequest pr, boolean isDefault, boolean hook) throws IOException {
        Fields a = g.arr(s, "participants", isDefault);
        if (a == null) {
            return;
        }
        for (Participant p : pr.participants()) {
            User u = people.user(p.username()).orElse(null);
            if (u == null) {
                continue;
            }
            g.raw().writeStartObject();
            g.str(a, "type", "participant");
            Fields user = a.field("user", true);
            if (user != null) {
                g.raw().writeFieldName("user");
                accounts.user(g, user, u);
            }
            participantFields(g, a, p, u, hook, false);
            g.end();
        }
        g.endArray();
    }

    /** One participant as its own object: the answer of the approve and request-changes endpoints. */
    public void participant(Gen g, Participant p) throws IOException {
        User u = people.user(p.username()).orElseThrow();
        g.raw().writeStartObject();
        g.str(Fields.DEFAULTS, "type", "participant");
        participantFields(g, Fields.DEFAULTS, p, u, g.webhook(), true);
        g.end();
    }

    private void participantFields(Gen g, Fields a, Participant p, User u, boolean hook, boolean withUser)
            throws IOException {
        if (withUser) {
            g.raw().writeFieldName("user");
            accounts.user(g, Fields.DEFAULTS, u);
        }
        g.str(a, "role", p.role());
        g.bool(a, "approved", p.approved());
        if (p.state() != null) {
            g.str(a, "state", p.state());
        } else if (hook) {
            g.nullField(a, "state");
        }
        if (p.participatedOn() != null) {
            g.str(a, "participated_on", Gen.micros(p.participatedOn()));
        } else if (hook) {
            g.nullField(a, "participated_on");
        }
    }

    static String shortHash(Repository r, int commit) {
        return commit < 0 ? "000000000000" : r.commits().hashHex(commit).substring(0, 12);
    }
}
