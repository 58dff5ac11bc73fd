package org.dvcsconnector.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Bitbucket Cloud's REST API 2.0 for one account: JSON calls and paged listings that follow {@code next} as an
 * opaque link on the same site only ({@link NextPageLinks}). The client from {@link BitbucketHttp#forAccount}
 * authenticates them (and renews a refused token).
 */
public final class BitbucketApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final BitbucketEndpoints endpoints;

    /** {@code http}: an account's client, from {@link BitbucketHttp#forAccount}. */
    public BitbucketApi(OkHttpClient http, BitbucketEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    /** Handles each page of a listing; return false to stop early. */
    @FunctionalInterface
    public interface PageHandler {
        boolean onPage(JsonNode page) throws BitbucketException;
    }

    /** GET {@code path} (relative to the API base, e.g. {@code /user/workspaces}) with query parameters. */
    public JsonNode get(String path, Map<String, String> query) throws BitbucketException {
        return send(url(path, query));
    }

    /** POST {@code body} as JSON to {@code path}; the answer's JSON. */
    public JsonNode post(String path, Object body) throws BitbucketException {
        return sendJson("POST", path, body);
    }

    /** PUT {@code body} as JSON to {@code path}; the answer's JSON. */
    public JsonNode put(String path, Object body) throws BitbucketException {
        return sendJson("PUT", path, body);
    }

    private JsonNode sendJson(String method, String path, Object body) throws BitbucketException {
        HttpUrl url = url(path, Map.of());
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not serialisable as JSON: " + body.getClass().getName(), e);
        }
        try (Response response = call(url, method, json)) {
            return read(response, url, method);
        }
    }

    /** Every page of a listing, following {@code next} until there is none or the handler stops. */
    public void forEachPage(String path, Map<String, String> query, PageHandler handler) throws BitbucketException {
        HttpUrl next = url(path, query);
        NextPageLinks links = new NextPageLinks(next);
        while (next != null) {
            JsonNode page = send(next);
            if (!handler.onPage(page)) {
                return;
            }
            next = links.after(page);
        }
    }

    /** One page of a listing and the link to the next (null on the last). */
    public record Page(JsonNode body, String next) {}

    /**
     * One page of the listing {@code path}: its first ({@code next} null) or the one an earlier page's {@code next}
     * named (a link kept between runs: it must be on the same site as the listing, and is checked as
     * {@link #forEachPage} checks each link it follows).
     */
    public Page page(String path, Map<String, String> query, String next) throws BitbucketException {
        HttpUrl first = url(path, query);
        HttpUrl at = next == null ? first : new NextPageLinks(first).sameSite(next);
        JsonNode page = send(at);
        HttpUrl after = new NextPageLinks(at).after(page);
        return new Page(page, after == null ? null : after.toString());
    }

    /** DELETE {@code path}; a 404 counts as done (it is gone either way). */
    public void delete(String path) throws BitbucketException {
        HttpUrl url = url(path, Map.of());
        try (Response response = call(url, "DELETE", null)) {
            finishDelete(response, url);
        }
    }

    private static void finishDelete(Response response, HttpUrl url) throws BitbucketException {
        if (!response.isSuccessful() && response.code() != 404) {
            String body;
            try {
                body = response.body() == null ? "" : response.body().string();
            } catch (IOException e) {
                body = "";
            }
            throw new BitbucketException(response.code(), errorMessage(response.code(), body, url).replace("GET ", "DELETE "));
        }
    }

    private HttpUrl url(String path, Map<String, String> query) {
        HttpUrl base = HttpUrl.get(endpoints.apiBaseUrl() + path);
        HttpUrl.Builder builder = base.newBuilder();
        query.forEach(builder::addQueryParameter);
        return builder.build();
    }

    private JsonNode send(HttpUrl url) throws BitbucketException {
        try (Response response = call(url, "GET", null)) {
            return read(response, url);
        }
    }

    private Response call(HttpUrl url, String method, byte[] json) throws BitbucketException {
        RequestBody body = json == null ? null : RequestBody.create(json, MediaType.get("application/json"));
        return execute(http, new Request.Builder().url(url).method(method, body));
    }

    /**
     * Sends a request to Bitbucket's API: the headers every call carries, the token source's own failure as it
     * was, a spent budget as a pause, and an unreachable Bitbucket as a {@link BitbucketException} with status 0.
     */
    static Response execute(OkHttpClient http, Request.Builder request) throws BitbucketException {
        Request built = request
                .header("Accept", "application/json")
                .header("User-Agent", BitbucketHttp.USER_AGENT)
                .build();
        try {
            return http.newCall(built).execute();
        } catch (BearerTokenAuthenticator.TokenUnavailable e) {
            throw e.reason();
        } catch (BudgetInterceptor.Exhausted e) {
            throw RateLimitedException.budgetSpent(e.resumeAt(), e.perHour());
        } catch (IOException e) {
            throw new BitbucketException(0, "Bitbucket could not be reached at " + built.url().host() + ": "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode read(Response response, HttpUrl url) throws BitbucketException {
        return read(response, url, "GET");
    }

    private static JsonNode read(Response response, HttpUrl url, String method) throws BitbucketException {
        String body;
        try {
            ResponseBody responseBody = response.body();
            body = responseBody == null ? "" : responseBody.string();
        } catch (IOException e) {
            throw new BitbucketException(0, "Bitbucket's answer could not be read: " + e.getMessage(), e);
        }
        if (response.code() == 429) {
            // The retry interceptor sat out short waits already: this one is long, so the work pauses.
            throw RateLimitedException.from(response.header("Retry-After"), errorMessage(response.code(), body, url));
        }
        if (!response.isSuccessful()) {
            throw new BitbucketException(response.code(), errorMessage(response.code(), body, url).replace("GET ", method + " "));
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new BitbucketException(response.code(), "Bitbucket answered " + url.encodedPath() + " with something that is not JSON");
        }
    }

    /** Bitbucket's own message ({@code {"type":"error","error":{"message":…}}}) when it sent one. */
    static String errorMessage(int status, String body, HttpUrl url) {
        String message = null;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            message = error.isTextual() ? error.asText() : error.path("message").asText(null);
        } catch (IOException | RuntimeException e) {
            // Not JSON: fall back to the status.
        }
        String where = "GET " + url.encodedPath();
        return message == null || message.isBlank()
                ? where + " failed with HTTP " + status
                : where + " failed with HTTP " + status + ": " + message;
    }
}
