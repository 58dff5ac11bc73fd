package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.dvcsconnector.spi.ApplicationProperties;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.spi.TemplateRenderer;
import org.dvcsconnector.spi.XsrfTokenValidator;

/** Renders the plugin's admin templates with what every one of them needs. */
public final class AdminPages {

    /**
     * The policy the host sends for every page; the plugin's own pages send it too, so they are held to it whatever
     * the host does. Nothing inline: scripts are ES modules and styles are style sheets, both web resources; data a
     * script needs is in data-* attributes.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' https: data:; "
            + "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; "
            + "form-action 'self'";

    private final TemplateRenderer renderer;
    private final XsrfTokenValidator xsrf;
    private final ApplicationProperties applicationProperties;
    private final I18nResolver i18n;

    public AdminPages(TemplateRenderer renderer, XsrfTokenValidator xsrf, ApplicationProperties applicationProperties,
            I18nResolver i18n) {
        this.renderer = renderer;
        this.xsrf = xsrf;
        this.applicationProperties = applicationProperties;
        this.i18n = i18n;
    }

    public void render(HttpServletRequest request, HttpServletResponse response, String template,
            Map<String, Object> values) throws IOException {
        Map<String, Object> context = new HashMap<>(values);
        context.put("atlToken", xsrf.getToken(request));
        context.put("baseUrl", applicationProperties.getBaseUrl());
        context.put("i18n", i18n);
        context.put("flash", Flash.take(request));
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        renderer.render("templates/admin/" + template + ".vm", context, response.getWriter());
    }

    /** For a form post: true when its XSRF token is valid; otherwise a 403 is sent and nothing may change. */
    public boolean checkXsrf(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (validXsrf(request)) {
            return true;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN,
                "The form was sent without a valid security token, so nothing was changed. Reload the page and try again.");
        return false;
    }

    private boolean validXsrf(HttpServletRequest request) {
        return xsrf.validateFormEncodedToken(request);
    }

    public String baseUrl() {
        return applicationProperties.getBaseUrl();
    }
}
