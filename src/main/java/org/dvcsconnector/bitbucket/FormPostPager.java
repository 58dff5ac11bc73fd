package org.dvcsconnector.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Bitbucket's POST form of the commit listing, for {@code include}/{@code exclude} lists too long for a URL
 * (a repository with hundreds of branches): the same body is posted to the first URL and to each
 * {@code next}. Authenticated, like {@link BitbucketApi}, by the account's client from
 * {@link BitbucketHttp#forAccount}.
 */
public final class FormPostPager {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;

    public FormPostPager(OkHttpClient http) {
        this.http = http;
    }

    public void forEachPage(HttpUrl first, FormBody body, BitbucketApi.PageHandler handler) throws BitbucketException {
        HttpUrl next = first;
        NextPageLinks links = new NextPageLinks(first);
        while (next != null) {
            JsonNode page = post(next, body);
            if (!handler.onPage(page)) {
                return;
            }
            next = links.after(page);
        }
    }

    /** One page: the first ({@code next} null) or the one an earlier page's {@code next} named, as {@link BitbucketApi#page}. */
    public BitbucketApi.Page page(HttpUrl first, FormBody body, String next) throws BitbucketException {
        HttpUrl at = next == null ? first : new NextPageLinks(first).sameSite(next);
        JsonNode page = post(at, body);
        HttpUrl after = new NextPageLinks(at).after(page);
        return new BitbucketApi.Page(page, after == null ? null : after.toString());
    }

    private JsonNode post(HttpUrl url, FormBody body) throws BitbucketException {
        // This POST only reads (the form variant of the commit listing): safe to retry.
        try (Response response = BitbucketApi.execute(http, new Request.Builder().url(url).post(body)
                .tag(RetryInterceptor.Retryable.class, RetryInterceptor.Retryable.YES))) {
            return read(response, url);
        }
    }

    private static JsonNode read(Response response, HttpUrl url) throws BitbucketException {
        try {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (response.code() == 429) {
                throw RateLimitedException.from(response.header("Retry-After"),
                        "POST " + url.encodedPath() + " was refused by Bitbucket's rate limit");
            }
            if (!response.isSuccessful()) {
                throw new BitbucketException(response.code(), "POST " + url.encodedPath() + " failed with HTTP " + response.code());
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new BitbucketException(response.code(), "Bitbucket's answer to POST " + url.encodedPath()
                    + " could not be read: " + e.getMessage(), e);
        }
    }
}
