package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.dvcsconnector.account.LinkFailure;
import org.dvcsconnector.account.PendingAuthorization;
import org.dvcsconnector.admin.AccountAdmin;
import org.dvcsconnector.admin.AccountView;

/**
 * {@code /plugins/servlet/dvcs/oauth/callback}: where Bitbucket sends the administrator back. OAuth makes
 * this a GET; it only acts for a {@code state} this very session started and has not used yet.
 */
public final class OAuthCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient AccessGuard accessGuard;
    private final transient AccountAdmin accounts;
    private final transient AdminPages pages;

    public OAuthCallbackServlet(AccessGuard accessGuard, AccountAdmin accounts, AdminPages pages) {
        this.accessGuard = accessGuard;
        this.accounts = accounts;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (accessGuard.requireAdminPage(request, response).isEmpty()) {
            return;
        }
        Optional<PendingAuthorization> pending = PendingAuthorizations.take(request, request.getParameter("state"));
        if (pending.isEmpty()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "This authorization is unknown, was used already, or"
                    + " was started in another browser session. Nothing was changed: start again from the DVCS accounts page.");
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            Flash.error(request, "access_denied".equals(error)
                    ? "Access was denied on Bitbucket, so nothing was linked."
                    : "Bitbucket did not authorize the link (" + error + "). Nothing was changed.");
            response.sendRedirect(pages.baseUrl() + AccountsAdminServlet.PATH);
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            Flash.error(request, "Bitbucket sent no authorization code. Nothing was changed; try again.");
            response.sendRedirect(pages.baseUrl() + AccountsAdminServlet.PATH);
            return;
        }
        try {
            AccountView account = accounts.completeAuthorization(pending.get(), code);
            Flash.success(request, pending.get().accountId() == null
                    ? "Linked " + account.workspaceName() + ". Its repositories are being discovered."
                    : account.workspaceName() + " now uses OAuth 2.0 with the new consumer. Its repositories and settings are kept.");
        } catch (LinkFailure failure) {
            Flash.error(request, String.join(" ", failure.errors().values()));
        }
        response.sendRedirect(pages.baseUrl() + AccountsAdminServlet.PATH);
    }
}
