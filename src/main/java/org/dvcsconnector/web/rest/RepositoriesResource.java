package org.dvcsconnector.web.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dvcsconnector.admin.AccountAdmin;
import org.dvcsconnector.admin.RepositoryView;
import org.dvcsconnector.sync.SyncAuditLog;
import org.dvcsconnector.sync.SyncRunView;
import org.dvcsconnector.web.AccessGuard;

/** {@code /rest/dvcs/1.0/repositories/{id}}: a repository's options, and its sync. */
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
    public RepositoryView update(@PathParam("id") String id, InputStream in) {
        accessGuard.requireAdmin();
        RestJson json = RestJson.object(in, Set.of("linked", "smartCommits"));
        RepositoryOptions o = new RepositoryOptions(json.bool("linked"), json.bool("smartCommits"));
        json.check();
        return accounts.updateRepository(RestErrors.id(id), o.linked(), o.smartCommits())
                .orElseThrow(() -> RestErrors.notFound("There is no repository " + id + "."));
    }

    /** The repository's sync audit log, newest first ({@code ?limit=}, at most 200). */
    @GET
    @Path("/{id}/syncs")
    public List<SyncRunView> syncLog(@PathParam("id") String id, @QueryParam("limit") String limit) {
        accessGuard.requireAdmin();
        return accounts.repositorySyncLog(RestErrors.id(id), RestErrors.limit(limit, 50, SyncAuditLog.MAX_LISTED))
                .orElseThrow(() -> RestErrors.notFound("There is no repository " + id + "."));
    }

    /** Queues a soft sync (or a full one with {@code ?full=true}); 202. */
    @POST
    @Path("/{id}/sync")
    public Response sync(@PathParam("id") String id, @QueryParam("full") String fullParam) {
        accessGuard.requireAdmin();
        boolean full = RestErrors.flag("full", fullParam);
        int repositoryId = RestErrors.id(id);
        if (!accounts.requestRepositorySync(repositoryId, full)) {
            throw RestErrors.notFound("There is no repository " + id + ".");
        }
        return Response.accepted(Map.of("repositoryId", repositoryId, "state", "QUEUED", "full", full)).build();
    }
}
