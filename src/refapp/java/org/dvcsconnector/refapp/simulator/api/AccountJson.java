package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import org.dvcsconnector.refapp.simulator.model.User;
import org.dvcsconnector.refapp.simulator.model.Workspace;

/** Users, teams and workspaces as Bitbucket renders them (definitions {@code user}, {@code team}, {@code workspace*}). */
public final class AccountJson {

    private final Links links;

    public AccountJson(Links links) {
        this.links = links;
    }

    /** The condensed user embedded in other objects (actor, author.user, owner …). */
    public void user(Gen g, Fields s, User u) throws IOException {
        g.raw().writeStartObject();
        userFields(g, s, u);
        g.end();
    }

    /** {@code GET /user}: the full account. */
    public void fullUser(Gen g, Fields s, User u) throws IOException {
        g.raw().writeStartObject();
        userFields(g, s, u);
        g.str(s, "created_on", "2020-09-15T23:20:25.652712+00:00");
        g.bool(s, "is_staff", false);
        g.str(s, "account_status", "active");
        g.bool(s, "has_2fa_enabled", false);
        g.end();
    }

    private void userFields(Gen g, Fields s, User u) throws IOException {
        g.str(s, "display_name", u.displayName());
        Fields l = g.obj(s, "links");
        if (l != null) {
            g.link(l, "self", links.api() + "/users/" + u.uuidInUrl());
            g.link(l, "avatar", links.avatar(u.uuidInUrl()));
            g.link(l, "html", links.base() + "/" + u.uuidInUrl() + "/");
            g.end();
        }
        g.str(s, "type", "user");
        g.str(s, "uuid", u.uuid());
        g.str(s, "account_id", u.accountId());
        g.str(s, "nickname", u.username());
    }

    /** A workspace-owned repository's {@code owner}: Bitbucket renders the workspace as a team. */
    public void team(Gen g, Fields s, Workspace w) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "display_name", w.name());
        Fields l = g.obj(s, "links");
        if (l != null) {
            String id = w.uuid().replace("{", "%7B").replace("}", "%7D");
            g.link(l, "self", links.api() + "/workspaces/" + id);
            g.link(l, "avatar", links.avatar(id));
            g.link(l, "html", links.base() + "/" + id + "/");
            g.end();
        }
        g.str(s, "type", "team");
        g.str(s, "uuid", w.uuid());
        g.str(s, "account_id", "5f" + w.uuid().replace("-", "").substring(1, 23));
        g.str(s, "nickname", w.slug());
        g.str(s, "username", w.slug());
        g.end();
    }

    /** The workspace embedded in a repository. */
    public void workspace(Gen g, Fields s, Workspace w, String type) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "type", type);
        g.str(s, "uuid", w.uuid());
        if (!"workspace_base".equals(type)) {
            g.str(s, "name", w.name());
        }
        g.str(s, "slug", w.slug());
        Fields l = g.obj(s, "links");
        if (l != null) {
            g.link(l, "avatar", links.base() + "/workspaces/" + w.slug() + "/avatar/");
            if (!"workspace_base".equals(type)) {
                g.link(l, "html", links.base() + "/" + w.slug() + "/");
            }
            g.link(l, "self", links.api() + "/workspaces/" + w.slug());
            g.end();
        }
        g.end();
    }

    /** An item of {@code GET /user/workspaces}. */
    public void workspaceAccess(Gen g, Fields s, Workspace w, boolean admin) throws IOException {
        g.raw().writeStartObject();
        g.str(s, "type", "workspace_access");
        g.bool(s, "administrator", admin);
        Fields ws = s.field("workspace", true);
        if (ws != null) {
            g.raw().writeFieldName("workspace");
            workspace(g, ws, w, "workspace_base");
        }
        g.end();
    }
}
