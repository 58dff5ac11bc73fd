package org.dvcsconnector.refapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * The headers every response carries, set before anything else runs so that pages, REST, plugin servlets and
 * error pages all get them. The policy headers only mean something to HTML, and are harmless on the rest.
 */
public final class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String CLOUD = "https://bitbucket.org";

    private volatile String policy = policy(CLOUD);

    /**
     * Scripts and styles only from files on this site: no inline {@code <script>}, {@code <style>} or
     * {@code style=}, so injected markup cannot run. Framing matches the pages' {@code X-Frame-Options: DENY}.
     * Bitbucket's origin is allowed for its avatars (an http simulator's are not {@code https:}) and as a
     * form target, since browsers check the redirect of the account link form to Bitbucket's authorize page.
     */
    static String policy(String bitbucketOrigin) {
        return "default-src 'self'; img-src 'self' https: data: " + bitbucketOrigin + "; style-src 'self';"
                + " script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none';"
                + " form-action 'self' " + bitbucketOrigin;
    }

    /** Where the plugin finds Bitbucket (its site URL), when not Bitbucket Cloud. */
    public void trustBitbucket(String siteUrl) {
        URI site = URI.create(siteUrl);
        policy = policy(site.getScheme() + "://" + site.getRawAuthority());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", policy);
        // Our URLs carry issue keys and repository names: another site need not learn them.
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
