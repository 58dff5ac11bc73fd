package org.dvcsconnector.refapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers every response carries, set before anything else runs so that pages, REST, plugin servlets and
 * error pages all get them. The policy headers only mean something to HTML, and are harmless on the rest.
 */
public final class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /**
     * Scripts and styles only from files on this site: no inline {@code <script>}, {@code <style>} or
     * {@code style=}, so injected markup cannot run. Framing matches the pages' {@code X-Frame-Options: DENY}.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' https: data:; style-src 'self';"
            + " script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        // Our URLs carry issue keys and repository names: another site need not learn them.
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
