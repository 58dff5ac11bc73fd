package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.model.Workspace;

/** {@code GET /user} and {@code GET /user/workspaces}. */
public final class UserEndpoints {

    private final Store store;
    private final AccountJson accounts;

    public UserEndpoints(Store store, AccountJson accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    public void user(Exchange ex, Caller caller) throws IOException {
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> accounts.fullUser(new Gen(g, false), f, caller.user()));
    }

    public void workspaces(Exchange ex, Caller caller) throws IOException {
        String admin = ex.query().first("administrator");
        if (admin != null && !admin.equals("true") && !admin.equals("false")) {
            throw HttpError.badRequest("Invalid administrator parameter: " + admin);
        }
        String slugFilter = slugQuery(ex.query().first("q"));
        String username = caller.user().username();
        List<Map.Entry<Workspace, Boolean>> mine = store.workspaces().values().stream()
                .filter(w -> w.isMember(username))
                .filter(w -> admin == null || Boolean.parseBoolean(admin) == w.isAdmin(username))
                .filter(w -> slugFilter == null || w.slug().equals(slugFilter))
                .map(w -> Map.entry(w, w.isAdmin(username)))
                .toList();
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, mine, Paging.MAX_PAGELEN,
                (gen, s, e) -> accounts.workspaceAccess(gen, s, e.getKey(), e.getValue())));
    }

    /** {@code GET /workspaces/{workspace}}: for its members; anyone else gets the 404 of a workspace that is not there. */
    public void workspace(Exchange ex, Caller caller) throws IOException {
        Workspace w = caller.workspace(store, ex.var(0));
        if (!w.isMember(caller.user().username())) {
            throw HttpError.notFound("No workspace with identifier '" + ex.var(0) + "'.");
        }
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> accounts.workspace(new Gen(g, false), f, w, "workspace"));
    }

    /** The one filter this resource documents: {@code q=workspace.slug="x"} (or {@code slug="x"}). */
    private static String slugQuery(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String[] parts = q.split("=", 2);
        String field = parts[0].trim();
        if (parts.length == 2 && (field.equals("workspace.slug") || field.equals("slug"))) {
            String v = parts[1].trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                return v.substring(1, v.length() - 1);
            }
        }
        throw HttpError.badRequest("Invalid query: " + q + " (supported: workspace.slug=\"…\")");
    }
}
