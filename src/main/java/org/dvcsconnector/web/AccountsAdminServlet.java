package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.account.AccountService;
import org.dvcsconnector.spi.ApplicationProperties;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.spi.TemplateRenderer;
import org.dvcsconnector.spi.UserProfile;
import org.dvcsconnector.spi.XsrfTokenValidator;

/** Administration > Applications > DVCS accounts. */
public final class AccountsAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient AccessGuard accessGuard;
    private final transient AccountService accountService;
    private final transient TemplateRenderer templateRenderer;
    private final transient XsrfTokenValidator xsrf;
    private final transient ApplicationProperties applicationProperties;
    private final transient I18nResolver i18n;

    public AccountsAdminServlet(AccessGuard accessGuard, AccountService accountService,
            TemplateRenderer templateRenderer, XsrfTokenValidator xsrf,
            ApplicationProperties applicationProperties, I18nResolver i18n) {
        this.accessGuard = accessGuard;
        this.accountService = accountService;
        this.templateRenderer = templateRenderer;
        this.xsrf = xsrf;
        this.applicationProperties = applicationProperties;
        this.i18n = i18n;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<UserProfile> admin = accessGuard.requireAdminPage(request, response);
        if (admin.isEmpty()) {
            return;
        }
        Map<String, Object> context = new HashMap<>();
        context.put("accounts", accountService.list());
        context.put("atlToken", xsrf.getToken(request));
        context.put("baseUrl", applicationProperties.getBaseUrl());
        context.put("i18n", i18n);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        templateRenderer.render("templates/admin/accounts.vm", context, response.getWriter());
    }
}
