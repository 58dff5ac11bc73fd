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
 * Bitbucket Cloud's REST API 2.0 for one account: bearer-authenticated JSON calls, a single retry with a
 * fresh token after a 401, and paged listings that follow {@code next} as an opaque link.
 */
public final class BitbucketApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final BitbucketEndpoints endpoints;
    private final AccessTokenSource tokens;

    public BitbucketApi(OkHttpClient http, BitbucketEndpoints endpoints, AccessTokenSource tokens) {
        this.http = http;
        this.endpoints = endpoints;
        this.tokens = tokens;
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

    /** POST {@code body} as JSON to {@code path}; the answer's JSON. Same single retry after a 401 as {@link #get}. */
    public JsonNode post(String path, Object body) throws BitbucketException {
        HttpUrl url = url(path, Map.of());
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not serialisable as JSON: " + body.getClass().getName(), e);
        }
        String token = tokens.accessToken();
        try (Response response = call(url, token, "POST", json)) {
            if (response.code() != 401) {
                return read(response, url, "POST");
            }
        }
        tokens.invalidate(token);
        try (Response response = call(url, tokens.accessToken(), "POST", json)) {
            return read(response, url, "POST");
        }
    }

    /** Every page of a listing, following {@code next} until there is none or the handler stops. */
    public void forEachPage(String path, Map<String, String> query, PageHandler handler) throws BitbucketException {
        HttpUrl next = url(path, query);
        while (next != null) {
            JsonNode page = send(next);
            if (!handler.onPage(page)) {
                return;
            }
            String link = page.path("next").asText(null);
            next = link == null ? null : HttpUrl.parse(link);
        }
    }

    /** DELETE {@code path}; a 404 counts as done (it is gone either way). */
    public void delete(String path) throws BitbucketException {
        HttpUrl url = url(path, Map.of());
        String token = tokens.accessToken();
        int status;
        try (Response response = call(url, token, "DELETE")) {
            status = response.code();
            if (status != 401) {
                finishDelete(response, url);
                return;
            }
        }
        tokens.invalidate(token);
        try (Response response = call(url, tokens.accessToken(), "DELETE")) {
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
        String token = tokens.accessToken();
        try (Response response = call(url, token)) {
            if (response.code() != 401) {
                return read(response, url);
            }
        }
        // The token expired or was revoked between issue and use: one retry with a fresh one.
        tokens.invalidate(token);
        try (Response response = call(url, tokens.accessToken())) {
            return read(response, url);
        }
    }

    private Response call(HttpUrl url, String token) throws BitbucketException {
        return call(url, token, "GET");
    }

    private Response call(HttpUrl url, String token, String method) throws BitbucketException {
        return call(url, token, method, null);
    }

    private Response call(HttpUrl url, String token, String method, byte[] json) throws BitbucketException {
        RequestBody body = json == null ? null : RequestBody.create(json, MediaType.get("application/json"));
        return execute(http, new Request.Builder().url(url).method(method, body), token);
    }

    /**
     * Sends a request to Bitbucket's API as the holder of {@code token}: the headers every call carries,
     * and an unreachable Bitbucket reported as a {@link BitbucketException} with status 0.
     */
    public static Response execute(OkHttpClient http, Request.Builder request, String token) throws BitbucketException {
        Request authorized = request
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("User-Agent", BitbucketHttp.USER_AGENT)
                .build();
        try {
            return http.newCall(authorized).execute();
        } catch (BudgetInterceptor.Exhausted e) {
            throw RateLimitedException.budgetSpent(e.resumeAt(), e.perHour());
        } catch (IOException e) {
            throw new BitbucketException(0, "Bitbucket could not be reached at " + authorized.url().host() + ": "
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
