package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.model.Workspace;

/**
 * {@code GET /repositories} (gone), {@code GET /repositories/{workspace}} (with {@code role}, {@code q} and {@code sort}:
 * {@link RepositoryQuery}) and {@code GET /repositories/{ws}/{slug}}.
 */
public final class RepositoryEndpoints {

    private final Store store;
    private final RepoJson repos;

    public RepositoryEndpoints(Store store, RepoJson repos) {
        this.store = store;
        this.repos = repos;
    }

    public void gone(Exchange ex, Caller caller) {
        throw new HttpError(410, "This API is no longer supported.", "For information about its removal, please refer "
                + "to the deprecation notice at: https://developer.atlassian.com/cloud/bitbucket/changelog/#CHANGE-2770",
                null, java.util.Map.of());
    }

    public void list(Exchange ex, Caller caller) throws IOException {
        Workspace ws = caller.workspace(store, ex.var(0));
        String user = caller.user().username();
        String role = ex.query().first("role");
        Predicate<Repository> byRole = switch (role == null ? "" : role) {
            case "" -> r -> !r.isPrivate() || ws.isMember(user);
            case "member", "contributor" -> r -> ws.isMember(user);
            case "admin", "owner" -> r -> ws.isAdmin(user);
            default -> throw HttpError.badRequest("Invalid role: " + role + " (one of member, contributor, admin, owner)");
        };
        Predicate<Repository> byQuery = RepositoryQuery.filter(ex.query().first("q"));
        Comparator<Repository> order = RepositoryQuery.sort(ex.query().first("sort"));
        List<Repository> visible = ws.repositories().values().stream().filter(byRole).filter(byQuery)
                .sorted(order == null ? (a, b) -> 0 : order).toList(); // by slug unless sorted (a stable sort)
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, visible, Paging.MAX_PAGELEN,
                (gen, s, r) -> repos.repository(gen, s, r, RepoJson.Style.FULL)));
    }

    public void get(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> repos.repository(new Gen(g, false), f, r, RepoJson.Style.FULL));
    }
}
