package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.util.List;
import org.dvcsconnector.refapp.simulator.model.Author;
import org.dvcsconnector.refapp.simulator.model.CommitGraph;
import org.dvcsconnector.refapp.simulator.model.People;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Tag;
import org.dvcsconnector.refapp.simulator.model.User;

/** Commits (definition {@code commit}) and branches ({@code branch}), rendered from the compact graph. */
public final class CommitJson {

    private static final List<String> MERGE_STRATEGIES = List.of("merge_commit", "squash", "fast_forward");

    private final Links links;
    private final People people;
    private final AccountJson accounts;
    private final RepoJson repos;
    private final CommitPages pages;

    public CommitJson(Links links, People people, AccountJson accounts, RepoJson repos) {
        this.links = links;
        this.people = people;
        this.accounts = accounts;
        this.repos = repos;
        this.pages = new CommitPages(this, people);
    }

    /** The fast renderer of commit pages, which renders exactly what {@link #commit} would. */
    CommitPages pages() {
        return pages;
    }

    public void commit(Gen g, Fields s, Repository r, int index, boolean single) throws IOException {
        CommitGraph graph = r.commits();
        int p1 = graph.parent1(index);
        int p2 = graph.parent2(index);
        commit(g, s, r, graph.hashHex(index), Gen.seconds(graph.date(index)), graph.author(index), r.message(index),
                null, p1 == CommitGraph.NONE ? null : graph.hashHex(p1), p2 == CommitGraph.NONE ? null : graph.hashHex(p2),
                single);
    }

    /**
     * A commit from its values ({@code html} null: derived from {@code message}; a parent null: none). The
     * commit page renderer ({@link CommitPages}) calls this with placeholders to learn a page's byte layout.
     */
    void commit(Gen g, Fields s, Repository r, String hash, String date, int authorId, String message, String html,
                String parent1, String parent2, boolean single) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "type", "commit");
        g.str(s, "hash", hash);
        g.str(s, "date", date);
        commitAuthor(g, s, authorId);
        g.str(s, "message", message);
        Fields sum = g.obj(s, "summary");
        if (sum != null) {
            if (g.webhook()) {
                g.str(sum, "type", "rendered");
            }
            g.str(sum, "raw", message);
            g.str(sum, "markup", "markdown");
            g.str(sum, "html", html != null ? html : html(message));
            g.end();
        }
        commitLinks(g, s, r, hash);
        Fields p = g.arr(s, "parents", true);
        if (p != null) {
            parent(g, p, r, parent1);
            parent(g, p, r, parent2);
            g.endArray();
        }
        if (!g.webhook()) {
            Fields repo = s.field("repository", true);
            if (repo != null) {
                g.raw().writeFieldName("repository");
                repos.repository(g, repo, r, RepoJson.Style.CONDENSED);
            }
        }
        if (single || g.webhook()) {
            Fields parts = g.arr(s, "participants", single);
            if (parts != null) {
                g.endArray();
            }
        }
        if (g.webhook()) {
            emptyObject(g, s, "rendered");
            emptyObject(g, s, "properties");
        }
        g.end();
    }

    private void commitAuthor(Gen g, Fields s, int authorId) throws IOException {
        commitAuthor(g, s, "author", authorId);
    }

    private void commitAuthor(Gen g, Fields s, String field, int authorId) throws IOException {
        Fields a = g.obj(s, field);
        if (a == null) {
            return;
        }
        Author author = people.author(authorId);
        g.str(a, "type", "author");
        g.str(a, "raw", author.raw());
        User user = people.userByEmail(author.email()).orElse(null);
        if (user != null) {
            Fields u = a.field("user", true);
            if (u != null) {
                g.raw().writeFieldName("user");
                accounts.user(g, u, user);
            }
        }
        g.end();
    }

    private void commitLinks(Gen g, Fields s, Repository r, String hash) throws IOException {
        Fields l = g.obj(s, "links");
        if (l == null) {
            return;
        }
        String self = links.commit(r, hash);
        g.link(l, "self", self);
        g.link(l, "html", links.commitHtml(r, hash));
        g.link(l, "diff", links.repo(r) + "/diff/" + hash);
        g.link(l, "approve", self + "/approve");
        g.link(l, "comments", self + "/comments");
        g.link(l, "statuses", self + "/statuses");
        g.link(l, "patch", links.repo(r) + "/patch/" + hash);
        g.end();
    }

    private void parent(Gen g, Fields s, Repository r, String hash) throws IOException {
        if (hash == null) {
            return;
        }
        g.raw().writeStartObject();
        g.str(s, "type", "commit");
        g.str(s, "hash", hash);
        Fields l = g.obj(s, "links");
        if (l != null) {
            g.link(l, "self", links.commit(r, hash));
            g.link(l, "html", links.commitHtml(r, hash));
            g.end();
        }
        g.end();
    }

    private static void emptyObject(Gen g, Fields s, String name) throws IOException {
        if (g.obj(s, name) != null) {
            g.end();
        }
    }

    /** A branch; {@code head} is its tip commit. */
    public void branch(Gen g, Fields s, Repository r, String name, int head) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "name", name);
        Fields t = s.field("target", true);
        if (t != null) {
            g.raw().writeFieldName("target");
            commit(g, t, r, head, false);
        }
        Fields l = g.obj(s, "links");
        if (l != null) {
            g.link(l, "self", links.repo(r) + "/refs/branches/" + name);
            g.link(l, "commits", links.repo(r) + "/commits/" + name);
            g.link(l, "html", links.repoHtml(r) + "/branch/" + name);
            g.end();
        }
        g.str(s, "type", "branch");
        g.strings(s, "merge_strategies", MERGE_STRATEGIES);
        g.str(s, "default_merge_strategy", "merge_commit");
        g.end();
    }

    /** A tag as {@code GET …/refs/tags} lists it (definition {@code tag}: a ref with message, date and tagger). */
    public void tag(Gen g, Fields s, Repository r, Tag tag) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "name", tag.name());
        Fields t = s.field("target", true);
        if (t != null) {
            g.raw().writeFieldName("target");
            commit(g, t, r, tag.target(), false);
        }
        Fields l = g.obj(s, "links");
        if (l != null) {
            g.link(l, "self", links.repo(r) + "/refs/tags/" + tag.name());
            g.link(l, "commits", links.repo(r) + "/commits/" + tag.name());
            g.link(l, "html", links.repoHtml(r) + "/commits/tag/" + tag.name());
            g.end();
        }
        g.str(s, "type", "tag");
        g.str(s, "message", tag.message());
        g.str(s, "date", Gen.micros(tag.date()));
        commitAuthor(g, s, "tagger", tag.taggerId());
        g.end();
    }

    /** Bitbucket renders the message's first paragraph as markdown; plain escaping is close enough. */
    static String html(String message) {
        String text = message.strip();
        int para = text.indexOf("\n\n");
        if (para >= 0) {
            text = text.substring(0, para);
        }
        StringBuilder sb = new StringBuilder(text.length() + 7).append("<p>");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.append("</p>").toString();
    }
}
