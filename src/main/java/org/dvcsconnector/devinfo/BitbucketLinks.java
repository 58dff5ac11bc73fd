package org.dvcsconnector.devinfo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Bitbucket's web pages for a repository and what is in it ({@code <site>/<workspace>/<slug>/...}), and the
 * check that a URL from a payload is http(s) before the issue view links to it.
 */
public final class BitbucketLinks {

    private BitbucketLinks() {}

    static String repository(String siteBaseUrl, String workspace, String slug) {
        String site = siteBaseUrl.endsWith("/") ? siteBaseUrl.substring(0, siteBaseUrl.length() - 1) : siteBaseUrl;
        return site + "/" + query(workspace) + "/" + query(slug);
    }

    /** A branch name as a URL path: each segment encoded, the slashes kept (Bitbucket's own branch URLs). */
    static String path(String name) {
        return Arrays.stream(name.split("/", -1)).map(segment -> query(segment).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The URL when it is absolute http(s), else null: nothing else may become a link or an image. */
    public static String httpOrNull(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
