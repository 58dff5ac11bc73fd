package org.dvcsconnector.web.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dvcsconnector.account.AccountAdmin;
import org.dvcsconnector.account.RepositoryView;
import org.dvcsconnector.web.AccessGuard;

/** {@code /rest/dvcs/1.0/repositories/{id}}: a repository's options. */
@Path("/repositories")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoriesResource {

    /** Repository options; an absent field stays as it is. */
    public record RepositoryOptions(Boolean linked, Boolean smartCommits) {}

    private final AccessGuard accessGuard;
    private final AccountAdmin accounts;

    public RepositoriesResource(AccessGuard accessGuard, AccountAdmin accounts) {
        this.accessGuard = accessGuard;
        this.accounts = accounts;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RepositoryView update(@PathParam("id") String id, RepositoryOptions options) {
        accessGuard.requireAdmin();
        RepositoryOptions o = options == null ? new RepositoryOptions(null, null) : options;
        return accounts.updateRepository(RestErrors.id(id), o.linked(), o.smartCommits())
                .orElseThrow(() -> RestErrors.notFound("There is no repository " + id + "."));
    }
}
