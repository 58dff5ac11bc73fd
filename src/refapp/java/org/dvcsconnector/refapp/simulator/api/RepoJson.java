package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Workspace;

/** Repositories (definition {@code repository}) in their full, condensed and webhook forms. */
public final class RepoJson {

    /** How much of a repository an object embeds, as on Bitbucket. */
    public enum Style { FULL, CONDENSED, WEBHOOK }

    private final Links links;
    private final AccountJson accounts;

    public RepoJson(Links links, AccountJson accounts) {
        this.links = links;
        this.accounts = accounts;
    }

    public void repository(Gen g, Fields s, Repository r, Style style) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "type", "repository");
        g.str(s, "full_name", r.fullName());
        repositoryLinks(g, s, r, style);
        g.str(s, "name", r.name());
        if (style != Style.CONDENSED) {
            if (style == Style.FULL) {
                g.str(s, "slug", r.slug());
                g.str(s, "description", "");
            }
            g.str(s, "scm", "git");
            g.nullField(s, "website");
            Fields owner = s.field("owner", true);
            if (owner != null) {
                g.raw().writeFieldName("owner");
                accounts.team(g, owner, r.workspace());
            }
            Fields ws = s.field("workspace", true);
            if (ws != null) {
                g.raw().writeFieldName("workspace");
                accounts.workspace(g, ws, r.workspace(), "workspace");
            }
            g.bool(s, "is_private", r.isPrivate());
            project(g, s, r.workspace(), style);
        }
        g.str(s, "uuid", r.uuid());
        if (style == Style.WEBHOOK) {
            g.nullField(s, "parent");
        } else if (style == Style.FULL) {
            details(g, s, r);
        }
        g.end();
    }

    private void repositoryLinks(Gen g, Fields s, Repository r, Style style) throws IOException {
        Fields l = g.obj(s, "links");
        if (l == null) {
            return;
        }
        String self = links.repo(r);
        g.link(l, "self", self);
        g.link(l, "html", links.repoHtml(r));
        g.link(l, "avatar", links.base() + "/ravatar/" + r.uuid().replace("{", "%7B").replace("}", "%7D"));
        if (style == Style.FULL) {
            g.link(l, "pullrequests", self + "/pullrequests");
            g.link(l, "commits", self + "/commits");
            g.link(l, "forks", self + "/forks");
            g.link(l, "watchers", self + "/watchers");
            g.link(l, "downloads", self + "/downloads");
            g.link(l, "hooks", self + "/hooks");
            Fields clone = g.arr(l, "clone", true);
            if (clone != null) {
                cloneLink(g, clone, "https", links.base() + "/" + r.fullName() + ".git");
                cloneLink(g, clone, "ssh", "ssh://git@localhost/" + r.fullName() + ".git");
                g.endArray();
            }
        }
        g.end();
    }

    /** What only the full repository object (its own URL) has, after its uuid. */
    private static void details(Gen g, Fields s, Repository r) throws IOException {
        g.str(s, "fork_policy", "no_public_forks");
        g.str(s, "created_on", Gen.micros(r.createdOn()));
        g.str(s, "updated_on", Gen.micros(r.updatedOn()));
        g.num(s, "size", 1024L * 64 + r.commits().size() * 512L);
        g.str(s, "language", "java");
        g.bool(s, "has_issues", false);
        g.bool(s, "has_wiki", false);
        Fields main = g.obj(s, "mainbranch");
        if (main != null) {
            g.str(main, "name", r.mainBranch());
            g.str(main, "type", "branch");
            g.end();
        }
    }

    private static void cloneLink(Gen g, Fields s, String name, String href) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "name", name);
        g.str(s, "href", href);
        g.end();
    }

    private void project(Gen g, Fields s, Workspace w, Style style) throws IOException {
        Fields p = g.obj(s, "project");
        if (p == null) {
            return;
        }
        g.str(p, "type", "project");
        g.str(p, "key", "PROJ");
        g.str(p, "uuid", org.dvcsconnector.refapp.simulator.model.Store.stableUuid("project:" + w.slug()));
        g.str(p, "name", w.name() + " project");
        Fields l = g.obj(p, "links");
        if (l != null) {
            if (style == Style.WEBHOOK) { // the spec's project links have no "self"; webhooks carry it
                g.link(l, "self", links.api() + "/workspaces/" + w.slug() + "/projects/PROJ");
            }
            g.link(l, "html", links.base() + "/" + w.slug() + "/workspace/projects/PROJ");
            g.link(l, "avatar", links.base() + "/" + w.slug() + "/workspace/projects/PROJ/avatar/32");
            g.end();
        }
        g.end();
    }
}
