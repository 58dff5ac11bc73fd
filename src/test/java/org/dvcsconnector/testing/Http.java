package org.dvcsconnector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small HTTP client for the refapp: anonymous, HTTP Basic, or a session (cookies kept). Redirects are
 * not followed unless {@link #followingRedirects()} asks for it, so tests see the 302s themselves.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern ATL_TOKEN = Pattern.compile("name=\"atl_token\"\\s+value=\"([^\"]+)\"");

    private final String baseUrl;
    private final String authorization;
    private final CookieManager cookies;
    private final HttpClient client;

    private Http(String baseUrl, String authorization, CookieManager cookies, boolean followRedirects) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.cookies = cookies;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        this.client = builder.build();
    }

    public static Http anonymous(String baseUrl) {
        return new Http(baseUrl, null, null, false);
    }

    public static Http basic(String baseUrl, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Http(baseUrl, "Basic " + credentials, null, false);
    }

    /** Keeps cookies (the session); log in with {@link #login}. */
    public static Http session(String baseUrl) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        return new Http(baseUrl, null, cookies, false);
    }

    /** The same identity (and cookie jar), following redirects. */
    public Http followingRedirects() {
        return new Http(baseUrl, authorization, cookies, true);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The current value of a cookie this client holds, if any. */
    public Optional<String> cookie(String name) {
        if (cookies == null) {
            return Optional.empty();
        }
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(c -> c.getValue()).findFirst();
    }

    /** The {@code atl_token} of the login form (GET /login), which also starts the session. */
    public String loginFormToken() {
        return atlToken(get("/login").expect(200).body());
    }

    /** Logs in through the form as a browser does; the response to the form post (a 302 on success). */
    public Response login(String user, String password) {
        String token = loginFormToken();
        return postForm("/login", Map.of("atl_token", token, "os_username", user, "os_password", password,
                "os_destination", "/"));
    }

    /** The {@code atl_token} hidden field of an HTML page. */
    public static String atlToken(String html) {
        Matcher matcher = ATL_TOKEN.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("No atl_token field in the page:\n" + html);
        }
        return matcher.group(1);
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    public Response postJson(String path, Object body, String... headers) {
        String json;
        try {
            json = body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return post(path, "application/json", json, headers);
    }

    public Response putJson(String path, Object body, String... headers) {
        String json;
        try {
            json = body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return method("PUT", path, "application/json", json, headers);
    }

    /** Any method, with this body (none when null) and content type (none when null). */
    public Response method(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = request(path, headers);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body, headers);
    }

    /** A POST with this content type (none when null). */
    public Response post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = request(path, headers);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(built.method() + " " + built.uri(), response.statusCode(), response.headers(),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A response with its body read as text. */
    public record Response(String request, int status, HttpHeaders headers, String body) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        public String location() {
            return header("Location").orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(request + " did not answer JSON (" + status + ", " + contentType() + "):\n"
                        + body, e);
            }
        }

        /** This response, after checking its status (the body is in the failure message). */
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + ": expected status " + expected + " but was " + status + " ("
                        + contentType() + "):\n" + abbreviate(body));
            }
            return this;
        }

        @Override
        public String toString() {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("status", status);
            shown.put("contentType", contentType());
            shown.put("body", abbreviate(body));
            return request + " -> " + shown;
        }

        private static String abbreviate(String text) {
            return text == null || text.length() <= 4000 ? text : text.substring(0, 4000) + "…";
        }
    }
}
