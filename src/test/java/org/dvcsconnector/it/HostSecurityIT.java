package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.LogCapture;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What attacking {@code ./run --demo} found in the host: redirects, 500s, admin REST and response headers. */
class HostSecurityIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo();

    @ParameterizedTest
    @ValueSource(strings = {"/x/..//evil.example", "//evil.example", "/\\evil.example", "https://evil.example/",
            "/x/../../evil.example", "/./\\evil.example"})
    void loginNeverRedirectsOffSite(String destination) {
        Http.Response login = logIn(destination).expect(302);
        URI location = URI.create(server.baseUrl()).resolve(login.location());
        assertThat(location.getHost()).isEqualTo("localhost");
        assertThat(location.getRawPath()).isEqualTo("/");
        assertThat(login.location()).doesNotStartWith("//");
    }

    @Test
    void theLoginFormCarriesOnlyTheSafeDestination() {
        String form = server.anonymous().get("/login?os_destination=/x/..//evil.example").expect(200).body();
        assertThat(form).contains("name=\"os_destination\" value=\"/\"").doesNotContain("evil.example");
    }

    @Test
    void aLocalDestinationIsFollowedNormalised() {
        assertThat(logIn("/x/../browse/DEMO-1?a=b").expect(302).location()).endsWith("/browse/DEMO-1?a=b")
                .doesNotContainIgnoringCase("jsessionid");
    }

    /** The plugin's admin page built a URI from the raw target: a 500 with a stack trace before. */
    @ParameterizedTest
    @ValueSource(strings = {"/rest/api/2/myself", "/plugins/servlet/dvcs/accounts", "/browse/DEMO-1"})
    void aBraceInTheQueryIsAClientError(String path) {
        try (LogCapture log = LogCapture.start()) {
            // java.net.URI refuses a raw brace, so the request goes over a plain socket.
            String response = raw("GET " + path + "?x={ HTTP/1.1");
            assertThat(status(response)).isEqualTo(400);
            assertNoStackTraceLogged(log);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%09b", "/a;b", "/a/../../b", "/a/..", "/a%2e%2e/b", "/a%0d%0aSet-Cookie:x=1"})
    void oddDestinationsFallBackWithoutA500(String destination) {
        try (LogCapture log = LogCapture.start()) {
            Http.Response login = logIn(destination);
            assertThat(login.status()).isEqualTo(302);
            assertThat(login.location()).doesNotContain("\t", "\r", "\n", "Set-Cookie").doesNotStartWith("//");
            assertNoStackTraceLogged(log);
        }
    }

    @Test
    void onlyAdminsSeeThePlugins() {
        assertThat(server.anonymous().get("/rest/plugins/1.0/").status()).isEqualTo(401);
        assertThat(server.basic("alice", "alice").get("/rest/plugins/1.0/").status()).isEqualTo(403);
        assertThat(server.admin().get("/rest/plugins/1.0/").expect(200).json().path("plugins").size()).isPositive();
    }

    @Test
    void htmlPagesCarryAContentSecurityAndReferrerPolicy() {
        for (Http.Response page : new Http.Response[] {server.anonymous().get("/login").expect(200),
                server.admin().get("/secure/admin").expect(200), server.admin().get("/browse/DEMO-1").expect(200),
                server.anonymous().get("/no-such-page")}) {
            assertThat(page.contentType()).as(page.request()).startsWith("text/html");
            assertThat(page.header("Content-Security-Policy")).as(page.request()).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'", "script-src 'self';",
                            "style-src 'self';", "object-src 'none'", "frame-ancestors 'none'"));
            assertThat(page.header("Referrer-Policy")).as(page.request()).hasValue("same-origin");
            assertThat(page.header("X-Content-Type-Options")).as(page.request()).hasValue("nosniff");
        }
    }

    @Test
    void restJsonIsNotSniffed() {
        Http.Response json = server.admin().get("/rest/api/2/myself").expect(200);
        assertThat(json.header("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void traceIsOffAndEchoesNothing() {
        String response = raw("TRACE / HTTP/1.1", "Cookie: JSESSIONID=secret-value");
        assertThat(status(response)).isEqualTo(405);
        assertThat(response).doesNotContain("secret-value");
    }

    @Test
    void theServerHeaderNamesNoVersion() {
        assertThat(server.anonymous().get("/login").header("Server").orElse("")).doesNotContainPattern("\\d");
    }

    private static Http.Response logIn(String destination) {
        Http session = server.session();
        String token = session.loginFormToken();
        return session.postForm("/login", Map.of("atl_token", token, "os_username", "alice", "os_password", "alice",
                "os_destination", destination));
    }

    /** One request, written as given, and the whole response as text. */
    private static String raw(String requestLine, String... headers) {
        URI base = URI.create(server.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(String rawResponse) {
        return Integer.parseInt(rawResponse.substring(9, 12));
    }

    private static void assertNoStackTraceLogged(LogCapture log) {
        assertThat(log.texts()).noneMatch(text -> text.contains("\tat ") || text.contains("Exception"));
    }
}
