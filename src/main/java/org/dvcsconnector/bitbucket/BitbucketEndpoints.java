package org.dvcsconnector.bitbucket;

import org.dvcsconnector.spi.PluginSettings;

/**
 * Where Bitbucket Cloud is: the REST API and the OAuth 2.0 endpoints. They are plugin settings so that
 * the demo and the tests can point the plugin at the simulator (or any OAuth 2.0 server).
 */
public record BitbucketEndpoints(String apiBaseUrl, String authorizeUrl, String tokenUrl) {

    public static final String API_SETTING = "bitbucket.apiBaseUrl";
    public static final String SITE_SETTING = "bitbucket.siteBaseUrl";
    public static final BitbucketEndpoints CLOUD = of("https://api.bitbucket.org/2.0", "https://bitbucket.org");

    public BitbucketEndpoints {
        apiBaseUrl = stripSlash(apiBaseUrl);
    }

    /** Bitbucket's layout: OAuth under {@code <site>/site/oauth2/}. */
    public static BitbucketEndpoints of(String apiBaseUrl, String siteBaseUrl) {
        String site = stripSlash(siteBaseUrl);
        return new BitbucketEndpoints(apiBaseUrl, site + "/site/oauth2/authorize", site + "/site/oauth2/access_token");
    }

    /** The website (links to commits, branches): what {@link #of} put before {@code /site/oauth2/authorize}. */
    public String siteBaseUrl() {
        String suffix = "/site/oauth2/authorize";
        return authorizeUrl.endsWith(suffix) ? authorizeUrl.substring(0, authorizeUrl.length() - suffix.length())
                : "https://bitbucket.org";
    }

    public static BitbucketEndpoints from(PluginSettings settings) {
        return of(settings.get(API_SETTING).orElse(CLOUD.apiBaseUrl()), siteBaseUrl(settings));
    }

    /** Bitbucket's web site (repository, commit and pull-request pages). */
    public static String siteBaseUrl(PluginSettings settings) {
        return stripSlash(settings.get(SITE_SETTING).orElse("https://bitbucket.org"));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
