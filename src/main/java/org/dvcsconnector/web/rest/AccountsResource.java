package org.dvcsconnector.web.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.dvcsconnector.account.Account;
import org.dvcsconnector.account.AccountService;
import org.dvcsconnector.web.AccessGuard;

/** {@code /rest/dvcs/1.0/accounts}: linked accounts, for administrators. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    private final AccessGuard accessGuard;
    private final AccountService accountService;

    public AccountsResource(AccessGuard accessGuard, AccountService accountService) {
        this.accessGuard = accessGuard;
        this.accountService = accountService;
    }

    @GET
    public List<Account> list() {
        accessGuard.requireAdmin();
        return accountService.list();
    }
}
