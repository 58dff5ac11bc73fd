package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.account.ConsumerType;
import org.dvcsconnector.account.LinkFailure;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.PendingAuthorization;
import org.dvcsconnector.admin.AccountAdmin;
import org.dvcsconnector.admin.AccountView;
import org.dvcsconnector.admin.AdminNotices;
import org.dvcsconnector.sync.SyncAuditLog;

/**
 * Administration > Applications > DVCS accounts. Every action works as a plain form (XSRF-protected,
 * post-redirect-get); the browser script only adds dialogs and live status on top.
 */
public final class AccountsAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/plugins/servlet/dvcs/accounts";

    private final transient AccessGuard accessGuard;
    private final transient AccountAdmin accounts;
    private final transient AdminNotices notices;
    private final transient AdminPages pages;

    public AccountsAdminServlet(AccessGuard accessGuard, AccountAdmin accounts, AdminNotices notices, AdminPages pages) {
        this.accessGuard = accessGuard;
        this.accounts = accounts;
        this.notices = notices;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (accessGuard.requireAdminPage(request, response).isEmpty()) {
            return;
        }
        String action = Optional.ofNullable(request.getParameter("action")).orElse("");
        switch (action) {
            case "link" -> linkForm(request, response, Map.of(), defaults());
            case "sync-log" -> syncLog(request, response);
            case "delete", "credentials" -> {
                Optional<AccountView> account = account(request);
                if (account.isEmpty()) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no such account.");
                    return;
                }
                if (action.equals("delete")) {
                    pages.render(request, response, "delete", Map.of("account", account.get()));
                } else {
                    credentialsForm(request, response, account.get(), Map.of(), Map.of());
                }
            }
            default -> pages.render(request, response, "accounts", Map.of("accounts", accounts.list(),
                    "notices", notices.list(), "callbackUrl", pages.baseUrl() + AccountAdmin.CALLBACK_PATH));
        }
    }

    private void syncLog(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<AccountView> account = account(request);
        if (account.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no such account.");
            return;
        }
        pages.render(request, response, "sync-log", Map.of("account", account.get(),
                "runs", accounts.syncLog(account.get().id(), SyncAuditLog.MAX_LISTED).orElse(java.util.List.of()),
                "duration", new DurationFormat()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (accessGuard.requireAdminPage(request, response).isEmpty()) {
            return;
        }
        if (!pages.checkXsrf(request, response)) {
            return;
        }
        String action = Optional.ofNullable(request.getParameter("action")).orElse("");
        switch (action) {
            case "link" -> link(request, response);
            case "credentials" -> credentials(request, response);
            case "delete" -> delete(request, response);
            case "account-options" -> accountOptions(request, response);
            case "budget" -> budget(request, response);
            case "repository-options" -> repositoryOptions(request, response);
            case "sync" -> sync(request, response);
            case "dismiss-notices" -> {
                notices.dismissAll();
                response.sendRedirect(pages.baseUrl() + PATH);
            }
            default -> response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Unknown action.");
        }
    }

    private void link(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ConsumerType> type = ConsumerType.parse(request.getParameter("consumerType"));
        LinkRequest link = new LinkRequest(request.getParameter("host"), request.getParameter("workspace"),
                request.getParameter("clientId"), request.getParameter("clientSecret"), type.orElse(null),
                checked(request, "autoLink"), checked(request, "smartCommits"));
        try {
            if (type.orElse(null) == ConsumerType.PUBLIC) {
                PendingAuthorization pending = accounts.beginLink(link, pages.baseUrl());
                PendingAuthorizations.put(request, pending);
                toBitbucket(request, response, accounts.authorizeUrl(pending));
                return;
            }
            AccountView account = accounts.linkPrivate(link);
            Flash.success(request, "Linked " + account.workspaceName() + ". Its repositories are being discovered.");
            response.sendRedirect(pages.baseUrl() + PATH);
        } catch (LinkFailure failure) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            linkForm(request, response, failure.errors(), echo(request));
        }
    }

    private void credentials(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<AccountView> account = account(request);
        if (account.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no such account.");
            return;
        }
        String clientId = request.getParameter("clientId");
        String clientSecret = request.getParameter("clientSecret");
        try {
            if (ConsumerType.parse(request.getParameter("consumerType")).orElse(ConsumerType.PRIVATE) == ConsumerType.PUBLIC) {
                PendingAuthorization pending = accounts.beginReauthorisation(account.get().id(), clientId, clientSecret,
                        pages.baseUrl());
                PendingAuthorizations.put(request, pending);
                toBitbucket(request, response, accounts.authorizeUrl(pending));
                return;
            }
            AccountView updated = accounts.replacePrivateCredentials(account.get().id(), clientId, clientSecret);
            Flash.success(request, updated.workspaceName() + " now uses OAuth 2.0 with the new consumer. Its repositories and settings are kept.");
            response.sendRedirect(pages.baseUrl() + PATH);
        } catch (LinkFailure failure) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            Map<String, Object> values = new HashMap<>();
            values.put("clientId", clientId == null ? "" : clientId);
            values.put("consumerType", request.getParameter("consumerType"));
            credentialsForm(request, response, account.get(), failure.errors(), values);
        }
    }

    private void delete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<AccountView> account = account(request);
        if (account.isEmpty() || !accounts.delete(account.get().id())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no such account.");
            return;
        }
        Flash.success(request, "Deleting " + account.get().workspaceName() + ": its webhooks and data are being removed in the background.");
        response.sendRedirect(pages.baseUrl() + PATH);
    }

    private void accountOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<AccountView> updated = parseId(request.getParameter("id")).flatMap(id -> accounts.updateAccount(id,
                checked(request, "autoLink"), checked(request, "smartCommits"), checked(request, "verifiedAuthorsOnly")));
        afterUpdate(request, response, updated.isPresent(), "Saved the account's options.");
    }

    /** The account's request budget: a whole number within the floor and ceiling, or blank for the site's default. */
    private void budget(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Integer> id = parseId(request.getParameter("id"));
        String value = Optional.ofNullable(request.getParameter("requestBudget")).orElse("").trim();
        Optional<Integer> perHour = value.isEmpty() ? Optional.empty() : parseId(value.replace(",", ""));
        if (!value.isEmpty() && perHour.isEmpty()) {
            Flash.error(request, "Not saved: " + AccountAdmin.REQUEST_BUDGET_RULE);
            response.sendRedirect(pages.baseUrl() + PATH);
            return;
        }
        try {
            Optional<AccountView> updated = id.isEmpty() ? Optional.empty()
                    : accounts.setRequestBudget(id.get(), perHour.orElse(null));
            afterUpdate(request, response, updated.isPresent(), updated.map(a -> "Saved the request budget of "
                    + a.workspaceName() + ": " + a.requestBudget().perHour() + " requests/hour.").orElse(""));
        } catch (LinkFailure failure) {
            Flash.error(request, "Not saved: " + String.join(" ", failure.errors().values()));
            response.sendRedirect(pages.baseUrl() + PATH);
        }
    }

    private void repositoryOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean found = parseId(request.getParameter("id")).flatMap(id -> accounts.updateRepository(id,
                checked(request, "linked"), checked(request, "smartCommits"))).isPresent();
        afterUpdate(request, response, found, "Saved the repository's options.");
    }

    private void sync(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Integer> id = parseId(request.getParameter("id"));
        boolean full = "true".equals(request.getParameter("full"));
        AccountAdmin.SyncRequest result = id.map(accountId -> accounts.requestSync(accountId, full))
                .orElse(AccountAdmin.SyncRequest.NO_SUCH_ACCOUNT);
        if (result == AccountAdmin.SyncRequest.NOT_NOW) {
            Flash.error(request, accounts.syncRefusal(id.get()).orElse("The account cannot sync now."));
            response.sendRedirect(pages.baseUrl() + PATH);
            return;
        }
        afterUpdate(request, response, result == AccountAdmin.SyncRequest.STARTED, full ? "Full sync started." : "Sync started.");
    }

    private void afterUpdate(HttpServletRequest request, HttpServletResponse response, boolean found, String message)
            throws IOException {
        if (!found) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no such account or repository.");
            return;
        }
        Flash.success(request, message);
        response.sendRedirect(pages.baseUrl() + PATH);
    }

    private void linkForm(HttpServletRequest request, HttpServletResponse response, Map<String, String> errors,
            Map<String, Object> values) throws IOException {
        Map<String, Object> context = new HashMap<>(values);
        context.put("errors", errors);
        context.put("callbackUrl", pages.baseUrl() + AccountAdmin.CALLBACK_PATH);
        pages.render(request, response, "link", context);
    }

    private void credentialsForm(HttpServletRequest request, HttpServletResponse response, AccountView account,
            Map<String, String> errors, Map<String, Object> values) throws IOException {
        Map<String, Object> context = new HashMap<>(values);
        context.putIfAbsent("clientId", "");
        context.put("account", account);
        context.put("errors", errors);
        context.put("callbackUrl", pages.baseUrl() + AccountAdmin.CALLBACK_PATH);
        pages.render(request, response, "credentials", context);
    }

    private static Map<String, Object> defaults() {
        return Map.of("workspace", "", "clientId", "", "consumerType", "PRIVATE", "autoLink", true, "smartCommits", true);
    }

    /** The form's values for showing it again; never the secret. */
    private static Map<String, Object> echo(HttpServletRequest request) {
        Map<String, Object> values = new HashMap<>();
        values.put("workspace", Optional.ofNullable(request.getParameter("workspace")).orElse(""));
        values.put("clientId", Optional.ofNullable(request.getParameter("clientId")).orElse(""));
        values.put("consumerType", Optional.ofNullable(request.getParameter("consumerType")).orElse("PRIVATE"));
        values.put("autoLink", checked(request, "autoLink"));
        values.put("smartCommits", checked(request, "smartCommits"));
        return values;
    }

    private Optional<AccountView> account(HttpServletRequest request) {
        return parseId(request.getParameter("id")).flatMap(accounts::get);
    }

    static Optional<Integer> parseId(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An HTML checkbox: present (any value but "false") when ticked. */
    /**
     * Sends the browser on to Bitbucket's authorize page with a page that links there (its script follows the link),
     * not a redirect: the Content-Security-Policy's {@code form-action 'self'} also covers where a form post redirects.
     */
    private void toBitbucket(HttpServletRequest request, HttpServletResponse response, String authorizeUrl)
            throws IOException {
        pages.render(request, response, "authorize", Map.of("authorizeUrl", authorizeUrl));
    }

    private static boolean checked(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value != null && !"false".equalsIgnoreCase(value);
    }
}
