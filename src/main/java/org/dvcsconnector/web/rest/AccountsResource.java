package org.dvcsconnector.web.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dvcsconnector.account.ConsumerType;
import org.dvcsconnector.account.LinkFailure;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.admin.AccountAdmin;
import org.dvcsconnector.admin.AccountView;
import org.dvcsconnector.sync.SyncAuditLog;
import org.dvcsconnector.sync.SyncRunView;
import org.dvcsconnector.web.AccessGuard;

/** {@code /rest/dvcs/1.0/accounts}: linked accounts, for administrators. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    /** A link request; {@code autoLink} and {@code smartCommits} default to on, as in the form. */
    public record LinkBody(String host, String workspace, String clientId, String clientSecret, String consumerType,
            Boolean autoLink, Boolean smartCommits) {}

    /** New consumer credentials for an account (migration from OAuth 1.0, or reset). */
    public record CredentialsBody(String clientId, String clientSecret) {}

    /** Account options; an absent field stays as it is. */
    public record AccountOptions(Boolean autoLink, Boolean smartCommits, Boolean verifiedAuthorsOnly) {}

    static final String REQUEST_BUDGET = "requestBudget";

    private final AccessGuard accessGuard;
    private final AccountAdmin accounts;

    public AccountsResource(AccessGuard accessGuard, AccountAdmin accounts) {
        this.accessGuard = accessGuard;
        this.accounts = accounts;
    }

    @GET
    public List<AccountView> list() {
        accessGuard.requireAdmin();
        return accounts.list();
    }

    @GET
    @Path("/{id}")
    public AccountView get(@PathParam("id") String id) {
        accessGuard.requireAdmin();
        return accounts.get(RestErrors.id(id)).orElseThrow(() -> RestErrors.notFound("There is no account " + id + "."));
    }

    /** Links with a private consumer (client credentials); 201 with the account, or 400 {errors}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response link(InputStream in) {
        accessGuard.requireAdmin();
        RestJson json = RestJson.object(in, Set.of("host", "workspace", "clientId", "clientSecret", "consumerType",
                "autoLink", "smartCommits"));
        LinkBody b = new LinkBody(json.string("host"), json.string("workspace"), json.string("clientId"),
                json.string("clientSecret"), json.string("consumerType"), json.bool("autoLink"), json.bool("smartCommits"));
        json.check();
        Optional<ConsumerType> type = ConsumerType.parse(b.consumerType());
        if (type.isEmpty()) {
            throw RestErrors.badRequest(Map.of("consumerType", "Use \"private\" here; a public consumer is linked from the accounts page (it needs the browser round trip)."));
        }
        LinkRequest request = new LinkRequest(b.host() == null ? LinkRequest.HOST_BITBUCKET_CLOUD : b.host(),
                b.workspace(), b.clientId(), b.clientSecret(), type.get(),
                b.autoLink() == null || b.autoLink(), b.smartCommits() == null || b.smartCommits());
        try {
            AccountView account = accounts.linkPrivate(request);
            return Response.created(URI.create("accounts/" + account.id())).entity(account).build();
        } catch (LinkFailure failure) {
            throw RestErrors.badRequest(failure.errors());
        }
    }

    /**
     * Changes the account's options and its {@code requestBudget} (requests an hour, within the floor and ceiling
     * its {@code requestBudget} in GET shows; null: back to the site's default). A budget out of range is a 400
     * naming the field, and then nothing changes.
     */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountView update(@PathParam("id") String id, InputStream in) {
        accessGuard.requireAdmin();
        RestJson json = RestJson.object(in, Set.of("autoLink", "smartCommits", "verifiedAuthorsOnly", REQUEST_BUDGET));
        AccountOptions o = new AccountOptions(json.bool("autoLink"), json.bool("smartCommits"),
                json.bool("verifiedAuthorsOnly"));
        Integer budget = json.integer(REQUEST_BUDGET);
        json.check();
        int accountId = RestErrors.id(id);
        try {
            AccountAdmin.checkRequestBudget(budget);
            if (json.has(REQUEST_BUDGET) && accounts.setRequestBudget(accountId, budget).isEmpty()) {
                throw RestErrors.notFound("There is no account " + id + ".");
            }
        } catch (LinkFailure failure) {
            throw RestErrors.badRequest(failure.errors());
        }
        return accounts.updateAccount(accountId, o.autoLink(), o.smartCommits(), o.verifiedAuthorsOnly())
                .orElseThrow(() -> RestErrors.notFound("There is no account " + id + "."));
    }

    /** Starts deleting: the account shows as DELETING with progress until its data is gone. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        accessGuard.requireAdmin();
        int accountId = RestErrors.id(id);
        if (!accounts.delete(accountId)) {
            throw RestErrors.notFound("There is no account " + id + ".");
        }
        return Response.accepted(accounts.get(accountId).orElse(null)).build();
    }

    /** New private-consumer credentials: migrates an OAuth 1.0 account, or resets a refused one, in place. */
    @POST
    @Path("/{id}/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountView credentials(@PathParam("id") String id, InputStream in) {
        accessGuard.requireAdmin();
        int accountId = RestErrors.id(id);
        if (accounts.get(accountId).isEmpty()) {
            throw RestErrors.notFound("There is no account " + id + ".");
        }
        RestJson json = RestJson.object(in, Set.of("clientId", "clientSecret"));
        CredentialsBody b = new CredentialsBody(json.string("clientId"), json.string("clientSecret"));
        json.check();
        try {
            return accounts.replacePrivateCredentials(accountId, b.clientId(), b.clientSecret());
        } catch (LinkFailure failure) {
            throw RestErrors.badRequest(failure.errors());
        }
    }

    /** The OAuth 1.0 migration: the same as new credentials. */
    @POST
    @Path("/{id}/migrate")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountView migrate(@PathParam("id") String id, InputStream in) {
        return credentials(id, in);
    }

    /** The account's sync audit log, newest first ({@code ?limit=}, at most 200). */
    @GET
    @Path("/{id}/syncs")
    public List<SyncRunView> syncLog(@PathParam("id") String id, @QueryParam("limit") String limit) {
        accessGuard.requireAdmin();
        return accounts.syncLog(RestErrors.id(id), RestErrors.limit(limit, 50, SyncAuditLog.MAX_LISTED))
                .orElseThrow(() -> RestErrors.notFound("There is no account " + id + "."));
    }

    @POST
    @Path("/{id}/sync")
    public Response sync(@PathParam("id") String id, @QueryParam("full") String fullParam) {
        accessGuard.requireAdmin();
        boolean full = RestErrors.flag("full", fullParam);
        int accountId = RestErrors.id(id);
        switch (accounts.requestSync(accountId, full)) {
            case NO_SUCH_ACCOUNT -> throw RestErrors.notFound("There is no account " + id + ".");
            case NOT_NOW -> throw RestErrors.conflict(accounts.syncRefusal(accountId).orElse("The account cannot sync now."));
            default -> {
                return Response.accepted(Map.of("accountId", accountId, "state", "QUEUED")).build();
            }
        }
    }
}
