package org.dvcsconnector.refapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.LoggerFactory;

/**
 * Real HTTP to a simulator for tests. Every exchange with {@code /2.0/} is validated against the published
 * spec ({@link SpecValidator}) and fails the test if it does not conform.
 */
public final class SimClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    static {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("okhttp3")).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("jdk.internal.httpclient")).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.atlassian.oai")).setLevel(Level.INFO);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.swagger")).setLevel(Level.INFO);
    }

    public final BitbucketSimulator sim;
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false)
            .readTimeout(20, TimeUnit.SECONDS).build();

    public SimClient() {
        this(SimulatorOptions.defaults(0).withWebhooks(Duration.ofSeconds(2), Duration.ofMillis(50)));
    }

    public SimClient(SimulatorOptions options) {
        sim = BitbucketSimulator.start(options);
        sim.seedDemo("http://localhost:2990/plugins/servlet/dvcs/oauth/callback");
    }

    /** A response, already validated. */
    public record Reply(int code, Map<String, String> headers, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public Reply get(String pathOrUrl, String token) {
        return send("GET", pathOrUrl, token, null, null);
    }

    public Reply send(String method, String pathOrUrl, String token, String contentType, byte[] body) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : sim.baseUrl() + pathOrUrl;
        Request.Builder b = new Request.Builder().url(url);
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
            headers.put("Authorization", "Bearer " + token);
        }
        RequestBody rb = body == null ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0]))
                : RequestBody.create(body, MediaType.get(contentType));
        b.method(method, rb);
        return execute(b.build(), method, url, headers, contentType, body);
    }

    public Reply json(String method, String path, String token, String json) {
        return send(method, path, token, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Reply form(String path, String token, String form) {
        return send("POST", path, token, "application/x-www-form-urlencoded", form.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The control API (not Bitbucket's, so not validated). */
    public JsonNode control(String method, String path, String json) {
        Reply r = json == null && (method.equals("GET") || method.equals("DELETE"))
                ? send(method, path, null, null, null) : json(method, path, null, json == null ? "{}" : json);
        assertThat(r.code()).as(method + " " + path + ": " + r.text()).isBetween(200, 299);
        return r.body().length == 0 ? JSON.createObjectNode() : r.json();
    }

    public Reply token(String clientId, String secret, String form) {
        Request req = new Request.Builder().url(sim.baseUrl() + "/site/oauth2/access_token")
                .header("Authorization", Credentials.basic(clientId, secret))
                .post(RequestBody.create(form, MediaType.get("application/x-www-form-urlencoded"))).build();
        return execute(req, "POST", req.url().toString(), Map.of(), null, null);
    }

    /** A client-credentials access token of the private demo consumer. */
    public String demoToken() {
        Reply r = token("demo-private", "demo-private-secret", "grant_type=client_credentials");
        assertThat(r.code()).isEqualTo(200);
        return r.json().path("access_token").asText();
    }

    /** A token of a fresh private consumer with exactly these scopes. */
    public String tokenWithScopes(String key, List<String> scopes) {
        control("POST", "/_sim/consumers", "{\"key\":\"" + key + "\",\"secret\":\"s3cret\",\"private\":true,"
                + "\"scopes\":" + JSON.valueToTree(scopes) + "}");
        Reply r = token(key, "s3cret", "grant_type=client_credentials");
        assertThat(r.code()).isEqualTo(200);
        return r.json().path("access_token").asText();
    }

    public FormBody.Builder formBuilder() {
        return new FormBody.Builder();
    }

    private Reply execute(Request req, String method, String url, Map<String, String> headers, String contentType,
                          byte[] body) {
        try (Response r = http.newCall(req).execute()) {
            byte[] bytes = r.body() == null ? new byte[0] : r.body().bytes();
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().forEach(p -> h.put(p.getFirst().toLowerCase(), p.getSecond()));
            String pathAndQuery = url.substring(sim.baseUrl().length());
            if (pathAndQuery.startsWith("/2.0/")) {
                List<String> problems = SpecValidator.problems(method, pathAndQuery, headers, contentType, body,
                        r.code(), r.header("Content-Type"), bytes);
                assertThat(problems).as("spec conformance of " + method + " " + pathAndQuery + " -> " + r.code()
                        + " " + abbreviate(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
            }
            return new Reply(r.code(), h, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    @Override
    public void close() {
        sim.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
