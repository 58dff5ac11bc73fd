package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.model.Workspace;

/** {@code GET /repositories} (gone), {@code GET /repositories/{workspace}} and {@code GET /repositories/{ws}/{slug}}. */
public final class RepositoryEndpoints {

    /** The small subset of BBQL the simulator understands: {@code field op "value"} or {@code field op bool}. */
    private static final Pattern CONDITION = Pattern.compile(
            "\\s*(name|slug|full_name|is_private|uuid)\\s*(=|!=|~)\\s*(\"([^\"]*)\"|true|false)\\s*");

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
        Predicate<Repository> byQuery = query(ex.query().first("q"));
        List<Repository> visible = ws.repositories().values().stream().filter(byRole).filter(byQuery).toList();
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, visible, Paging.MAX_PAGELEN,
                (gen, s, r) -> repos.repository(gen, s, r, RepoJson.Style.FULL)));
    }

    public void get(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> repos.repository(new Gen(g, false), f, r, RepoJson.Style.FULL));
    }

    static Predicate<Repository> query(String q) {
        if (q == null || q.isBlank()) {
            return r -> true;
        }
        Predicate<Repository> all = r -> true;
        for (String clause : q.split("(?i)\\s+AND\\s+")) {
            Matcher m = CONDITION.matcher(clause);
            if (!m.matches()) {
                throw HttpError.badRequest("Invalid query: " + q);
            }
            String field = m.group(1);
            String op = m.group(2);
            String value = m.group(4) != null ? m.group(4) : m.group(3);
            Predicate<Repository> p = r -> {
                String actual = switch (field) {
                    case "name" -> r.name();
                    case "slug" -> r.slug();
                    case "full_name" -> r.fullName();
                    case "uuid" -> r.uuid();
                    default -> Boolean.toString(r.isPrivate());
                };
                return switch (op) {
                    case "=" -> actual.equals(value);
                    case "!=" -> !actual.equals(value);
                    default -> actual.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
                };
            };
            all = all.and(p);
        }
        return all;
    }
}
