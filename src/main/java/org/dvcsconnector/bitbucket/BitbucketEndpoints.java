package org.dvcsconnector.bitbucket;

import org.dvcsconnector.spi.PluginSettings;

/**
 * Where Bitbucket Cloud is: the REST API and the site (OAuth). Both are plugin settings so that the demo
 * and the tests can point the plugin at the simulator.
 */
public record BitbucketEndpoints(String apiBaseUrl, String siteBaseUrl) {

    public static final String API_SETTING = "bitbucket.apiBaseUrl";
    public static final String SITE_SETTING = "bitbucket.siteBaseUrl";
    public static final BitbucketEndpoints CLOUD =
            new BitbucketEndpoints("https://api.bitbucket.org/2.0", "https://bitbucket.org");

    public BitbucketEndpoints {
        apiBaseUrl = stripSlash(apiBaseUrl);
        siteBaseUrl = stripSlash(siteBaseUrl);
    }

    public static BitbucketEndpoints from(PluginSettings settings) {
        return new BitbucketEndpoints(settings.get(API_SETTING).orElse(CLOUD.apiBaseUrl()),
                settings.get(SITE_SETTING).orElse(CLOUD.siteBaseUrl()));
    }

    public String tokenUrl() {
        return siteBaseUrl + "/site/oauth2/access_token";
    }

    public String authorizeUrl() {
        return siteBaseUrl + "/site/oauth2/authorize";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
